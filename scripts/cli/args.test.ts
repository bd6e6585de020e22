import { describe, expect, it } from 'vitest';
import { parseFlags, CliError } from './args';

const spec = {
  env: { type: 'enum', values: ['calc', 'hops'], required: true },
  seed: { type: 'int', default: 0, min: 0 },
  lr: { type: 'number' },
  checkpoint: { type: 'string' },
  retrain: { type: 'boolean' },
} as const;

describe('parseFlags', () => {
  it('parses values, defaults and booleans', () => {
    expect(parseFlags(['--env', 'hops', '--seed=3', '--retrain', '--lr', '0.5'], spec)).toEqual({
      env: 'hops',
      seed: 3,
      lr: 0.5,
      checkpoint: undefined,
      retrain: true,
    });
    expect(parseFlags(['--env=calc'], spec).seed).toBe(0);
  });
  it('names the flag and lists valid values on errors', () => {
    expect(() => parseFlags(['--env', 'x'], spec)).toThrow('invalid value "x" for --env; valid values: calc, hops');
    expect(() => parseFlags(['--env', 'calc', '--sed', '1'], spec)).toThrow(/unknown flag --sed; valid flags: --env, --seed/);
    expect(() => parseFlags(['--env', 'calc', '--seed', '1.5'], spec)).toThrow(/--seed must be an integer/);
    expect(() => parseFlags(['--env', 'calc', '--seed', '-1'], spec)).toThrow(/--seed must be in/);
    expect(() => parseFlags([], spec)).toThrow(/missing required flag --env \(one of: calc, hops\)/);
    expect(() => parseFlags(['--env'], spec)).toThrow(CliError);
  });
});
