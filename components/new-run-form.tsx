'use client';
/**
 * The new-run form: every training option and every option of the chosen
 * algorithm, each documented inline with its default. Posts a built-in run to
 * /api/runs and opens its page; validation errors come back naming the field
 * and are shown beside it.
 */
import { send } from '@/lib/client/send';
import { useMemo, useState } from 'react';
import { useRouter } from 'next/navigation';
import type { TrainOptionDoc } from '@/lib/training/config';
import type { OptionDoc } from '@/lib/paretopo';

/** Values to start from (cloning a run); anything missing takes its default. */
export interface NewRunInitial {
  seed: number;
  name: string;
  tags: string[];
  config: Record<string, unknown>;
}

export interface AlgorithmDoc {
  name: string;
  description: string;
  options: OptionDoc[];
}

// Fields shown in the header rather than in the generic option grid.
const HEADER_FIELDS = new Set(['env', 'algorithm', 'algorithmOptions']);
const GROUPS: [string, string[]][] = [
  ['Task', ['difficulty', 'objectives']],
  ['Rollouts', ['steps', 'promptsPerStep', 'groupSize', 'temperature', 'maxTokens']],
  ['Optimisation', ['learningRate', 'lrSchedule', 'warmupSteps', 'clipEps', 'klCoef']],
  ['Evaluation', ['evalEvery', 'evalSize', 'evalSeed']],
  ['Logging and checkpoints', ['trajectorySample', 'checkpointEvery', 'keepCheckpoints', 'policy']],
];

const show = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function parseValue(raw: string, def: unknown, kind?: string): { value?: unknown; error?: string } {
  const t = raw.trim();
  if (kind === 'boolean' || typeof def === 'boolean') return { value: t === 'true' };
  if (kind === 'enum') return { value: t };
  if (kind === 'number' || kind === 'integer' || typeof def === 'number') {
    if (t === '') return def === null ? { value: null } : { error: 'enter a number' };
    const n = Number(t);
    return Number.isFinite(n) ? { value: n } : { error: 'enter a number' };
  }
  if (def === null || typeof def === 'object' || kind === 'object') {
    if (t === '') return { value: def };
    try {
      return { value: JSON.parse(t) };
    } catch {
      return { error: 'enter valid JSON' };
    }
  }
  return { value: t };
}

function Field(props: {
  id: string;
  label: string;
  description: string;
  def: unknown;
  kind?: string;
  choices?: string[];
  min?: number;
  max?: number;
  value: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  const { id, label, description, def, kind, choices, value, error, onChange } = props;
  const base = `mt-1 block w-full rounded-md border px-2.5 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500 ${
    error ? 'border-rose-400 bg-rose-50' : 'border-slate-300 bg-white'
  }`;
  const isBool = kind === 'boolean' || typeof def === 'boolean';
  const range = props.min !== undefined || props.max !== undefined ? ` · range ${props.min ?? '−∞'}…${props.max ?? '∞'}` : '';
  return (
    <div>
      <label htmlFor={id} className="flex items-baseline justify-between gap-2 text-sm font-medium text-slate-800">
        <span className="font-mono text-[13px]">{label}</span>
        <span className="text-xs font-normal text-slate-500">
          default {show(def) || '—'}
          {range}
        </span>
      </label>
      {isBool ? (
        <select id={id} className={base} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : choices ? (
        <select id={id} className={base} value={value} onChange={(e) => onChange(e.target.value)}>
          {choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          className={`${base} font-mono`}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          inputMode={typeof def === 'number' ? 'decimal' : undefined}
        />
      )}
      <p className="mt-1 text-xs leading-snug text-slate-500">{description}</p>
      {error && (
        <p className="mt-1 text-xs font-medium text-rose-700" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function NewRunForm({ trainOptions, algorithms, initial }: { trainOptions: TrainOptionDoc[]; algorithms: AlgorithmDoc[]; initial?: NewRunInitial }) {
  const router = useRouter();
  const byName = useMemo(() => new Map(trainOptions.map((o) => [o.name, o])), [trainOptions]);
  const start = (key: string, fallback: unknown) => (initial && key in initial.config ? initial.config[key] : fallback);
  const [env, setEnv] = useState(String(start('env', byName.get('env')?.default ?? 'calc')));
  const [algorithm, setAlgorithm] = useState(String(start('algorithm', byName.get('algorithm')?.default ?? 'paretopo')));
  const [name, setName] = useState(initial?.name ?? '');
  const [seed, setSeed] = useState(String(initial?.seed ?? 0));
  const [tags, setTags] = useState(initial?.tags.join(' ') ?? '');
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(trainOptions.filter((o) => !HEADER_FIELDS.has(o.name)).map((o) => [o.name, show(start(o.name, o.default))])),
  );
  const algo = algorithms.find((a) => a.name === algorithm) ?? algorithms[0];
  const initialAlgoOptions = (initial?.config.algorithmOptions ?? {}) as Record<string, unknown>;
  const [algoValues, setAlgoValues] = useState<Record<string, Record<string, string>>>(() =>
    Object.fromEntries(
      algorithms.map((a) => [
        a.name,
        Object.fromEntries(
          a.options.map((o) => [o.name, show(a.name === initial?.config.algorithm && o.name in initialAlgoOptions ? initialAlgoOptions[o.name] : o.default)]),
        ),
      ]),
    ),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const grouped = new Set(GROUPS.flatMap(([, names]) => names));
  const groups: [string, TrainOptionDoc[]][] = [
    ...GROUPS.map(([title, names]) => [title, names.map((n) => byName.get(n)).filter((o): o is TrainOptionDoc => !!o)] as [string, TrainOptionDoc[]]),
    ['Other', trainOptions.filter((o) => !grouped.has(o.name) && !HEADER_FIELDS.has(o.name))],
  ];

  /** Queue the run for a worker, or (`browser`) create it and train it in this tab (/runs/:id/train). */
  async function submit(e: React.FormEvent, where: 'builtin' | 'browser' = 'builtin') {
    e.preventDefault();
    const local: Record<string, string> = {};
    const config: Record<string, unknown> = { env, algorithm };
    for (const o of trainOptions) {
      if (HEADER_FIELDS.has(o.name)) continue;
      const r = parseValue(values[o.name] ?? '', o.default, o.kind);
      if (r.error) local[`config.${o.name}`] = r.error;
      else config[o.name] = r.value;
    }
    const algorithmOptions: Record<string, unknown> = {};
    for (const o of algo.options) {
      const r = parseValue(algoValues[algo.name]?.[o.name] ?? '', o.default);
      if (r.error) local[`config.algorithmOptions.${o.name}`] = r.error;
      else algorithmOptions[o.name] = r.value;
    }
    config.algorithmOptions = algorithmOptions;
    const seedNum = Number(seed);
    if (!Number.isInteger(seedNum) || seedNum < 0) local.seed = 'a whole number ≥ 0';
    setErrors(local);
    if (Object.keys(local).length) {
      setSummary('Fix the highlighted fields.');
      return;
    }
    setSubmitting(true);
    setSummary(null);
    try {
      const res = await send('POST', '/api/runs', {
        source: where,
        seed: seedNum,
        ...(name.trim() ? { name: name.trim() } : {}),
        tags: tags.split(/[\s,]+/).filter(Boolean),
        config,
      });
      const body = await res.json();
      if (!res.ok) {
        const fieldErrors: Record<string, string> = {};
        for (const issue of body.issues ?? []) fieldErrors[issue.path] = issue.message;
        setErrors(fieldErrors);
        setSummary(body.error ?? `HTTP ${res.status}`);
        return;
      }
      router.push(where === 'browser' ? `/runs/${body.run.id}/train` : `/runs/${body.run.id}`);
    } catch (err) {
      setSummary((err as Error).message);
    } finally {
      setSubmitting(false);
    }
  }

  const envDoc = byName.get('env');
  const algoDoc = byName.get('algorithm');
  return (
    <form onSubmit={submit} className="space-y-6" data-testid="new-run-form" noValidate>
      {summary && <div className="rounded-md border border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-800">{summary}</div>}
      <section className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4">
        <Field
          id="env"
          label="env"
          description={envDoc?.description ?? ''}
          def={envDoc?.default}
          kind="enum"
          choices={envDoc?.choices}
          value={env}
          error={errors['config.env']}
          onChange={setEnv}
        />
        <Field
          id="algorithm"
          label="algorithm"
          description={algo.description}
          def={algoDoc?.default}
          kind="enum"
          choices={algorithms.map((a) => a.name)}
          value={algorithm}
          error={errors['config.algorithm']}
          onChange={setAlgorithm}
        />
        <Field
          id="seed"
          label="seed"
          description="Seeds the warm start, rollouts and updates: same seed and config, same run."
          def={0}
          value={seed}
          error={errors.seed}
          onChange={setSeed}
        />
        <Field
          id="name"
          label="name"
          description="Optional; defaults to “env · algorithm · seed N”."
          def=""
          value={name}
          error={errors.name}
          onChange={setName}
        />
        <div className="sm:col-span-2 lg:col-span-4">
          <Field
            id="tags"
            label="tags"
            description="Optional, separated by spaces or commas; filter the runs list by them."
            def=""
            value={tags}
            error={errors['tags'] ?? errors['tags[0]']}
            onChange={setTags}
          />
        </div>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-sm font-semibold text-slate-900">
          Options of <span className="font-mono">{algo.name}</span>
        </h2>
        <p className="mb-3 text-xs text-slate-500">{algo.description}</p>
        {algo.options.length === 0 ? (
          <p className="text-sm text-slate-500">This algorithm has no options.</p>
        ) : (
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
            {algo.options.map((o) => (
              <Field
                key={`${algo.name}.${o.name}`}
                id={`algo-${o.name}`}
                label={o.name}
                description={o.description}
                def={o.default}
                value={algoValues[algo.name]?.[o.name] ?? ''}
                error={
                  errors[`config.algorithmOptions.${o.name}`] ?? Object.entries(errors).find(([k]) => k.startsWith(`config.algorithmOptions.${o.name}.`))?.[1]
                }
                onChange={(v) => setAlgoValues((prev) => ({ ...prev, [algo.name]: { ...prev[algo.name], [o.name]: v } }))}
              />
            ))}
          </div>
        )}
      </section>

      {groups
        .filter(([, opts]) => opts.length > 0)
        .map(([title, opts]) => (
          <section key={title} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <h2 className="mb-3 text-sm font-semibold text-slate-900">{title}</h2>
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {opts.map((o) => (
                <Field
                  key={o.name}
                  id={`opt-${o.name}`}
                  label={o.name}
                  description={o.description}
                  def={o.default}
                  kind={o.kind}
                  choices={o.choices}
                  min={o.min}
                  max={o.max}
                  value={values[o.name] ?? ''}
                  error={
                    errors[`config.${o.name}`] ??
                    Object.entries(errors).find(([k]) => k.startsWith(`config.${o.name}.`) || k.startsWith(`config.${o.name}[`))?.[1]
                  }
                  onChange={(v) => setValues((prev) => ({ ...prev, [o.name]: v }))}
                />
              ))}
            </div>
          </section>
        ))}

      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={submitting}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-60"
        >
          {submitting ? 'Queueing…' : 'Queue run'}
        </button>
        <button
          type="button"
          disabled={submitting}
          onClick={(e) => void submit(e, 'browser')}
          data-testid="train-in-browser"
          title="Runs the same trainer in this tab (WebGPU when the browser has it) and logs to the server; others watch it live"
          className="rounded-md border border-indigo-300 px-4 py-2 text-sm font-semibold text-indigo-700 hover:bg-indigo-50 disabled:opacity-60"
        >
          Train in this browser
        </button>
        <span className="text-xs text-slate-500">Only the values above are sent; the server validates everything again.</span>
      </div>
    </form>
  );
}
