/**
 * Runs of an experiment as the reproduction table's results: one
 * implementation for `npm run reproduce -- --table` and the experiment page.
 * A run named `<method>-<env>-s<seed>` (what reproduce writes) is method
 * `<method>`; values are read by objective name (accuracy, tool_calls,
 * tokens), so a run without those objectives or without evaluation points is
 * not in the table. Only finished runs of calc and hops count.
 */
import type { RunResult } from './reproduce-table';
import type { SeedReference } from './reproduce-report';

export interface ExperimentRunLike {
  id: string;
  name: string;
  environment: string;
  algorithm: string;
  seed: number;
  status: string;
  objectives: readonly { name: string }[];
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface ResultOptions {
  /** Known method labels with their static flag (the CLI's plan); absent: any label, static = algorithm "static". */
  methods?: readonly { label: string; static?: boolean }[];
}

const NAME = /^(.*)-(calc|hops)-s(\d+)$/;

/** Method label of a run: from its reproduce-style name, else its algorithm. */
export function methodLabel(run: Pick<ExperimentRunLike, 'name' | 'algorithm'>): string {
  return NAME.exec(run.name)?.[1] ?? run.algorithm;
}

export function experimentResults(
  runs: readonly ExperimentRunLike[],
  pointsByRun: ReadonlyMap<string, readonly { step: number; split?: string | null; objectives: readonly number[]; extra?: unknown }[]>,
  opts: ResultOptions = {},
): RunResult[] {
  const results: RunResult[] = [];
  for (const run of runs) {
    if (run.status !== 'finished') continue;
    const m = NAME.exec(run.name);
    const label = m?.[1] ?? run.algorithm;
    const env = m?.[2] ?? run.environment;
    if (env !== 'calc' && env !== 'hops') continue;
    const method = opts.methods ? opts.methods.find((x) => x.label === label) : { label, static: run.algorithm === 'static' };
    if (!method || (opts.methods && !m)) continue;
    const [ia, ic, it] = ['accuracy', 'tool_calls', 'tokens'].map((n) => run.objectives.findIndex((o) => o.name === n));
    if (ia < 0 || ic < 0) continue;
    const rows = (pointsByRun.get(run.id) ?? []).filter((p) => (p.split ?? 'test') === 'test');
    const points = rows.map((p) => ({ step: p.step, accuracy: p.objectives[ia], toolCalls: p.objectives[ic], tokens: it >= 0 ? p.objectives[it] : NaN }));
    if (!points.length) continue;
    const last = points[points.length - 1];
    const secs = run.finishedAt && run.startedAt ? (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000 : NaN;
    results.push({
      env,
      label,
      seed: m ? Number(m[3]) : run.seed,
      runId: run.id,
      static: !!method.static,
      final: last,
      archive: points,
      seconds: secs,
      buckets: bucketsOf(rows[rows.length - 1].extra),
    });
  }
  return results.sort((a, b) => a.seed - b.seed || a.env.localeCompare(b.env));
}

/** Per-bucket accuracy and calls of an evaluation point (the trainer logs them in `extra.buckets`). */
export function bucketsOf(extra: unknown): Record<string, { accuracy: number; toolCalls: number }> | undefined {
  const b = (extra as { buckets?: Record<string, { accuracy: number; toolCalls: number }> } | null)?.buckets;
  if (!b) return undefined;
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, { accuracy: v.accuracy, toolCalls: v.toolCalls }]));
}

/**
 * The base policy's and the oracle's points of each task × seed, read from the
 * `reference-base` / `reference-oracle` evaluation points a built-in run logs
 * at step 0 (every run of one seed shares its warm start, so the first run
 * that has both gives them). Seeds without both are left out.
 */
export function seedReferences(
  runs: readonly ExperimentRunLike[],
  pointsByRun: ReadonlyMap<string, readonly { step: number; split?: string | null; objectives: readonly number[] }[]>,
): SeedReference[] {
  const out = new Map<string, SeedReference>();
  for (const run of runs) {
    const m = NAME.exec(run.name);
    const env = m?.[2] ?? run.environment;
    if (env !== 'calc' && env !== 'hops') continue;
    const seed = m ? Number(m[3]) : run.seed;
    const key = `${env}/${seed}`;
    if (out.has(key)) continue;
    const ia = run.objectives.findIndex((o) => o.name === 'accuracy');
    const ic = run.objectives.findIndex((o) => o.name === 'tool_calls');
    if (ia < 0 || ic < 0) continue;
    const pts = pointsByRun.get(run.id) ?? [];
    const find = (split: string) => pts.find((p) => p.split === split);
    const base = find('reference-base');
    const oracle = find('reference-oracle');
    if (!base || !oracle) continue;
    const point = (p: { objectives: readonly number[] }) => ({ accuracy: p.objectives[ia], toolCalls: p.objectives[ic] });
    out.set(key, { env, seed, base: point(base), oracle: point(oracle) });
  }
  return [...out.values()].sort((a, b) => a.env.localeCompare(b.env) || a.seed - b.seed);
}
