/**
 * The reproduction table: per task and method, mean ± std over seeds of the
 * final policy's test accuracy, tool calls per question, tool productivity
 * (correct answers per tool call, pooled over seeds), the hypervolume of the final policy's
 * point and of the run's archive (every evaluation of the run, step 0
 * included), plus the "front of static policies" (union of the static
 * weightings of a seed).
 */
import { runHypervolume } from '../training/run-hypervolume';
import { TOOL_CALL_REFERENCE } from '../training/config';
import type { TableRow } from '../contract/experiment-view';

export type { TableRow };

/** The paper table's view of one evaluation: the run's accuracy, tool calls and tokens per question, by name. */
export interface TableEvalPoint {
  accuracy: number;
  toolCalls: number;
  tokens: number;
}

export interface RunResult {
  env: 'calc' | 'hops';
  label: string;
  seed: number;
  runId: string;
  static: boolean;
  final: TableEvalPoint;
  /** Every test evaluation of the run, step 0 included. */
  archive: (TableEvalPoint & { step: number })[];
  seconds: number;
  /** Per-bucket accuracy and calls of the final evaluation. */
  buckets?: Record<string, { accuracy: number; toolCalls: number }>;
}

/** A run's own evaluations: step 0 (the warm start every method of a seed shares) left out. */
const ownArchive = (r: RunResult) => r.archive.filter((p) => p.step > 0);

const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / Math.max(1, x.length);
const std = (x: number[]) => (x.length < 2 ? 0 : Math.sqrt(x.reduce((a, b) => a + (b - mean(x)) ** 2, 0) / (x.length - 1)));

export function buildRows(results: RunResult[], labels: string[]): TableRow[] {
  const rows: TableRow[] = [];
  for (const env of ['calc', 'hops'] as const) {
    const rs = results.filter((r) => r.env === env);
    if (!rs.length) continue;
    for (const label of labels) {
      const g = rs.filter((r) => r.label === label);
      if (!g.length) continue;
      rows.push({
        env,
        method: label,
        n: g.length,
        accuracy: g.map((r) => r.final.accuracy),
        toolCalls: g.map((r) => r.final.toolCalls),
        hvFinal: g.map((r) => runHypervolume([r.final], env)),
        hvArchive: g.map((r) => runHypervolume(ownArchive(r), env)),
      });
    }
    // Front of static policies: per seed, the union of the static weightings.
    const seeds = [...new Set(rs.filter((r) => r.static).map((r) => r.seed))];
    if (seeds.length) {
      const per = seeds.map((s) => rs.filter((r) => r.static && r.seed === s));
      rows.push({
        env,
        method: 'static front (union)',
        n: seeds.length,
        accuracy: [],
        toolCalls: [],
        hvFinal: per.map((g) =>
          runHypervolume(
            g.map((r) => r.final),
            env,
          ),
        ), // dominated points add nothing
        hvArchive: per.map((g) => runHypervolume(g.flatMap(ownArchive), env)),
      });
    }
  }
  return rows;
}

const pm = (x: number[], digits = 3) => (x.length ? `${mean(x).toFixed(digits)} ± ${std(x).toFixed(digits)}` : '—');

/** The table's header and formatted cells: what the Markdown table and the experiment page both show. */
export function tableCells(rows: TableRow[]): { head: string[]; cells: string[][] } {
  const head = ['task', 'method', 'seeds', 'test accuracy', 'tool calls / q', 'tool productivity', 'HV final policy', 'HV run archive'];
  const cells = rows.map((r) => [r.env, r.method, String(r.n), pm(r.accuracy), pm(r.toolCalls, 2), productivityText(r), pm(r.hvFinal), pm(r.hvArchive)]);
  return { head, cells };
}

export function markdownTable(rows: TableRow[]): string {
  const { head, cells } = tableCells(rows);
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const c of cells) lines.push(`| ${c.join(' | ')} |`);
  return lines.join('\n');
}

/**
 * Tool productivity pooled over seeds: Σ correct answers / Σ tool calls (every
 * seed answers the same number of test questions), so a seed whose policy
 * almost never calls cannot blow up a mean of ratios. Undefined below 0.01
 * calls per question.
 */
export function pooledProductivity(r: TableRow): number | null {
  const calls = mean(r.toolCalls);
  return r.toolCalls.length && calls >= 0.01 ? mean(r.accuracy) / calls : null;
}

function productivityText(r: TableRow): string {
  if (!r.toolCalls.length) return '—';
  const p = pooledProductivity(r);
  return p === null ? 'n/a (≈0 calls)' : p.toFixed(3);
}

export function summaryCsv(rows: TableRow[]): string {
  const cols = ['accuracy', 'toolCalls', 'hvFinal', 'hvArchive'] as const;
  const head = ['task', 'method', 'seeds', ...cols.flatMap((c) => [`${c}_mean`, `${c}_std`]), 'productivity_pooled'];
  const out = [head.join(',')];
  for (const r of rows) {
    const p = pooledProductivity(r);
    out.push(
      [
        r.env,
        JSON.stringify(r.method),
        r.n,
        ...cols.flatMap((c) => (r[c].length ? [mean(r[c]).toFixed(5), std(r[c]).toFixed(5)] : ['', ''])),
        p === null ? '' : p.toFixed(5),
      ].join(','),
    );
  }
  return out.join('\n') + '\n';
}

export function runsCsv(results: RunResult[]): string {
  const out = ['task,method,seed,run_id,accuracy,tool_calls,tokens,hv_final,hv_archive,seconds'];
  for (const r of results) {
    out.push(
      [
        r.env,
        r.label,
        r.seed,
        r.runId,
        r.final.accuracy.toFixed(5),
        r.final.toolCalls.toFixed(5),
        r.final.tokens.toFixed(3),
        runHypervolume([r.final], r.env).toFixed(5),
        runHypervolume(ownArchive(r), r.env).toFixed(5),
        r.seconds.toFixed(1),
      ].join(','),
    );
  }
  return out.join('\n') + '\n';
}

export const HV_DEFINITION = `Hypervolume: 2-D, of (test accuracy ↑, tool calls per question ↓) against the reference point (accuracy 0, tool calls R), divided by the box 1 × R so it lies in [0, 1]; R = ${TOOL_CALL_REFERENCE.calc} for calc (at most 2 operations per question) and ${TOOL_CALL_REFERENCE.hops} for hops (at most 4 hops). "HV final policy" is the hypervolume of the final policy's single point (greedy decoding, fixed test subset); "HV run archive" is that of every evaluation of the run except step 0 (the warm start every method of a seed shares, which would dominate). "static front (union)" takes, per seed, the union of the three static weightings.`;
