/**
 * Small declarative flag parser shared by the CLIs.
 *
 *   const spec = { env: { type: 'enum', values: ['calc', 'hops'], required: true },
 *                  seed: { type: 'int', default: 0 }, quick: { type: 'boolean' } } as const;
 *   const flags = parseFlags(argv, spec);   // { env: 'calc', seed: 0, quick: false }
 *
 * Accepts --name value, --name=value and bare --flag for booleans. Unknown
 * flags and invalid values throw a CliError naming the flag and listing the
 * valid choices.
 */
export class CliError extends Error {}

export type FlagSpec =
  | { type: 'enum'; values: readonly string[]; default?: string; required?: boolean; help?: string }
  | { type: 'int' | 'number'; default?: number; required?: boolean; min?: number; max?: number; help?: string }
  | { type: 'string'; default?: string; required?: boolean; help?: string }
  | { type: 'boolean'; help?: string };

type ValueOf<S extends FlagSpec> = S extends { type: 'enum'; values: readonly (infer V)[] }
  ? V
  : S extends { type: 'int' | 'number' }
    ? number
    : S extends { type: 'boolean' }
      ? boolean
      : string;

export type Flags<T extends Record<string, FlagSpec>> = {
  [K in keyof T]: T[K] extends { default: unknown } | { required: true } | { type: 'boolean' } ? ValueOf<T[K]> : ValueOf<T[K]> | undefined;
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

export function parseFlags<T extends Record<string, FlagSpec>>(argv: readonly string[], spec: T): Flags<T> {
  const byFlag = new Map(Object.keys(spec).map((k) => [kebab(k), k]));
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(spec)) out[k] = s.type === 'boolean' ? false : 'default' in s ? s.default : undefined;
  const valid = () => [...byFlag.keys()].map((f) => `--${f}`).join(', ');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new CliError(`unexpected argument ${JSON.stringify(arg)}; valid flags: ${valid()}`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const key = byFlag.get(name);
    if (!key) throw new CliError(`unknown flag --${name}; valid flags: ${valid()}`);
    const s = spec[key];
    if (s.type === 'boolean') {
      if (eq >= 0) {
        const v = arg.slice(eq + 1);
        if (v !== 'true' && v !== 'false') throw new CliError(`--${name} must be true or false, got ${JSON.stringify(v)}`);
        out[key] = v === 'true';
      } else out[key] = true;
      continue;
    }
    const raw = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (raw === undefined) throw new CliError(`--${name} needs a value`);
    if (s.type === 'enum') {
      if (!s.values.includes(raw)) throw new CliError(`invalid value ${JSON.stringify(raw)} for --${name}; valid values: ${s.values.join(', ')}`);
      out[key] = raw;
    } else if (s.type === 'int' || s.type === 'number') {
      const v = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(v) || (s.type === 'int' && !Number.isInteger(v)))
        throw new CliError(`--${name} must be ${s.type === 'int' ? 'an integer' : 'a number'}, got ${JSON.stringify(raw)}`);
      if ((s.min !== undefined && v < s.min) || (s.max !== undefined && v > s.max))
        throw new CliError(`--${name} must be in [${s.min ?? '-inf'}, ${s.max ?? 'inf'}], got ${v}`);
      out[key] = v;
    } else out[key] = raw;
  }
  for (const [k, s] of Object.entries(spec))
    if (s.type !== 'boolean' && s.required && out[k] === undefined)
      throw new CliError(`missing required flag --${kebab(k)}${s.type === 'enum' ? ` (one of: ${s.values.join(', ')})` : ''}`);
  return out as Flags<T>;
}

/** One line per flag, for --help output. */
export function describeFlags(spec: Record<string, FlagSpec>): string {
  return Object.entries(spec)
    .map(([k, s]) => {
      const vals = s.type === 'enum' ? s.values.join('|') : s.type === 'boolean' ? '' : `<${s.type}>`;
      const def = 'default' in s && s.default !== undefined ? ` (default ${s.default})` : '';
      return `  --${kebab(k)} ${vals}${def}${s.help ? '  ' + s.help : ''}`;
    })
    .join('\n');
}
