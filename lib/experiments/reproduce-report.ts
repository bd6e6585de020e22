/**
 * The ranking part of a reproduction report (Markdown), beside the summary
 * table of reproduce-table:
 *
 *   - ranking metric: the FINAL policy's test hypervolume (one point; no
 *     archive, so the shared step-0 point cannot dominate), also as a
 *     percentage of the oracle's hypervolume of the same seed; the
 *     hypervolume of the run's own evaluations with step 0 left out; per
 *     bucket accuracy and calls; tool productivity;
 *   - reference rows: the base policy (warm start, greedy) and the oracle
 *     routing policy (the task's ceiling) of each seed;
 *   - paired-by-seed comparisons: `focus` (ParetoPO) minus each other
 *     method on the final test hypervolume — mean difference, 95% bootstrap
 *     interval, wins out of seeds.
 *
 * Pure: results in, Markdown and CSV out.
 */
import { runHypervolume } from '../training/run-hypervolume';
import { pairedComparison } from './paired-stats';
import type { PairedRow } from '../contract/experiment-view';

export type { PairedRow };

type Env = 'calc' | 'hops';
export interface Point {
  accuracy: number;
  toolCalls: number;
  buckets?: Record<string, { accuracy: number; toolCalls: number }>;
}

export interface ReportRun {
  env: Env;
  label: string;
  seed: number;
  final: Point;
  archive: { step: number; accuracy: number; toolCalls: number }[];
}

/** The base policy's and the oracle's test points of one env seed (same test subset as the runs). */
export interface SeedReference {
  env: Env;
  seed: number;
  base: Point;
  oracle: Point;
}

export interface RankRow {
  env: Env;
  method: string;
  seeds: number[];
  hvFinal: number[];
  /** hvFinal / oracle HV of the seed, per seed (empty without references). */
  pctOracle: number[];
  hvOwnArchive: number[];
  accuracy: number[];
  toolCalls: number[];
  buckets: Record<string, { accuracy: number[]; toolCalls: number[] }>;
}

const mean = (x: readonly number[]) => (x.length ? x.reduce((a, b) => a + b, 0) / x.length : NaN);
const std = (x: readonly number[]) => (x.length < 2 ? 0 : Math.sqrt(x.reduce((a, b) => a + (b - mean(x)) ** 2, 0) / (x.length - 1)));
const pm = (x: readonly number[], d = 3) => (x.length ? `${mean(x).toFixed(d)} ± ${std(x).toFixed(d)}` : '—');

function rowOf(env: Env, method: string, items: { seed: number; point: Point; archive?: ReportRun['archive'] }[], refs: SeedReference[]): RankRow {
  const buckets: RankRow['buckets'] = {};
  for (const it of items)
    for (const [b, v] of Object.entries(it.point.buckets ?? {})) {
      buckets[b] ??= { accuracy: [], toolCalls: [] };
      buckets[b].accuracy.push(v.accuracy);
      buckets[b].toolCalls.push(v.toolCalls);
    }
  const hvFinal = items.map((it) => runHypervolume([it.point], env));
  const pctOracle: number[] = [];
  items.forEach((it, i) => {
    const ref = refs.find((r) => r.env === env && r.seed === it.seed);
    if (ref) pctOracle.push((100 * hvFinal[i]) / runHypervolume([ref.oracle], env));
  });
  return {
    env,
    method,
    seeds: items.map((it) => it.seed),
    hvFinal,
    pctOracle,
    hvOwnArchive: items
      .filter((it) => it.archive)
      .map((it) =>
        runHypervolume(
          it.archive!.filter((p) => p.step > 0),
          env,
        ),
      ),
    accuracy: items.map((it) => it.point.accuracy),
    toolCalls: items.map((it) => it.point.toolCalls),
    buckets,
  };
}

/** Rows per env: every method (sorted by mean final HV, best first), then base and oracle references. */
export function rankRows(runs: readonly ReportRun[], refs: readonly SeedReference[]): RankRow[] {
  const rows: RankRow[] = [];
  for (const env of ['calc', 'hops'] as const) {
    const rs = runs.filter((r) => r.env === env);
    const methods = [...new Set(rs.map((r) => r.label))];
    const envRefs = refs.filter((r) => r.env === env);
    const ranked = methods
      .map((m) =>
        rowOf(
          env,
          m,
          rs.filter((r) => r.label === m).map((r) => ({ seed: r.seed, point: r.final, archive: r.archive })),
          envRefs,
        ),
      )
      .sort((a, b) => mean(b.hvFinal) - mean(a.hvFinal));
    rows.push(...ranked);
    if (envRefs.length && rs.length) {
      rows.push(
        rowOf(
          env,
          'base policy (warm start)',
          envRefs.map((r) => ({ seed: r.seed, point: r.base })),
          envRefs,
        ),
      );
      rows.push(
        rowOf(
          env,
          'oracle routing (ceiling)',
          envRefs.map((r) => ({ seed: r.seed, point: r.oracle })),
          envRefs,
        ),
      );
    }
  }
  return rows;
}

export function rankTable(rows: readonly RankRow[]): string {
  const bucketNames = [...new Set(rows.flatMap((r) => Object.keys(r.buckets)))];
  const head = [
    'task',
    'method',
    'seeds',
    'HV final (rank)',
    '% of oracle HV',
    'HV own archive (no step 0)',
    'accuracy',
    'calls / q',
    'productivity',
    ...bucketNames.map((b) => `acc / calls ${b}`),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) {
    const prod = mean(r.toolCalls) >= 0.01 ? (mean(r.accuracy) / mean(r.toolCalls)).toFixed(3) : 'n/a';
    const bcells = bucketNames.map((b) => (r.buckets[b] ? `${mean(r.buckets[b].accuracy).toFixed(2)} / ${mean(r.buckets[b].toolCalls).toFixed(2)}` : '—'));
    lines.push(
      `| ${r.env} | ${r.method} | ${r.seeds.length} | ${pm(r.hvFinal)} | ${r.pctOracle.length ? pm(r.pctOracle, 1) : '—'} | ${r.hvOwnArchive.length ? pm(r.hvOwnArchive) : '—'} | ${pm(r.accuracy)} | ${pm(r.toolCalls, 2)} | ${prod} | ${bcells.join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** focus minus each other method (and the base policy), on the final test hypervolume, paired by seed. */
export function pairedRows(runs: readonly ReportRun[], refs: readonly SeedReference[], focus = 'paretopo'): PairedRow[] {
  const out: PairedRow[] = [];
  for (const env of ['calc', 'hops'] as const) {
    const hv = (label: string) => new Map(runs.filter((r) => r.env === env && r.label === label).map((r) => [r.seed, runHypervolume([r.final], env)]));
    const a = hv(focus);
    if (!a.size) continue;
    const others = [...new Set(runs.filter((r) => r.env === env && r.label !== focus).map((r) => r.label))];
    const baselines: [string, Map<number, number>][] = others.map((l) => [l, hv(l)]);
    const envRefs = refs.filter((r) => r.env === env);
    if (envRefs.length) baselines.push(['base policy (warm start)', new Map(envRefs.map((r) => [r.seed, runHypervolume([r.base], env)]))]);
    for (const [baseline, b] of baselines) {
      const c = pairedComparison(a, b);
      if (!c.seeds.length) continue;
      out.push({ env, baseline, n: c.seeds.length, mean: c.mean, lo: c.lo, hi: c.hi, wins: c.wins, ties: c.ties });
    }
  }
  return out;
}

export function pairedTable(rows: readonly PairedRow[], focus = 'paretopo'): string {
  const head = ['task', `${focus} minus`, 'seeds', 'mean Δ HV final', '95% bootstrap CI', `wins of ${focus}`];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  const f = (x: number) => (Number.isNaN(x) ? 'n/a' : (x >= 0 ? '+' : '') + x.toFixed(3));
  for (const r of rows)
    lines.push(`| ${r.env} | ${r.baseline} | ${r.n} | ${f(r.mean)} | [${f(r.lo)}, ${f(r.hi)}] | ${r.wins}/${r.n}${r.ties ? ` (${r.ties} ties)` : ''} |`);
  return lines.join('\n');
}

export function pairedCsv(rows: readonly PairedRow[]): string {
  return (
    [
      'task,baseline,seeds,mean_diff,ci_lo,ci_hi,wins,ties',
      ...rows.map((r) => [r.env, JSON.stringify(r.baseline), r.n, r.mean.toFixed(5), r.lo.toFixed(5), r.hi.toFixed(5), r.wins, r.ties].join(',')),
    ].join('\n') + '\n'
  );
}

export const RANKING_NOTE =
  'Ranking metric: hypervolume of the final policy\'s single test point (greedy, fixed test subset; reference accuracy 0, calls R, normalized to [0, 1]) — no archive, so the step-0 warm start every method of a seed shares cannot dominate. "% of oracle HV": per seed, the final HV over the HV of the oracle routing policy (the warm start decoding with a call exactly on the steps that need the tool). "HV own archive": every test evaluation of the run except step 0. Paired statistics: per seed, ParetoPO minus the other method (methods of one seed share warm start, prompts and test subset); mean difference, 95% percentile-bootstrap interval (exact enumeration of all n^n resamples for n ≤ 6 seeds), wins out of seeds. With few seeds the interval is wide and its coverage is approximate.';
