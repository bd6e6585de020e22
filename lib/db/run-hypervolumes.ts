/**
 * Server-computed hypervolumes of runs, from their stored evaluation points
 * and objective definitions (lib/runs/eval-hypervolume.ts), computed on read:
 * one query for the points of every run asked for, then the pure function.
 * Measured with scripts/bench-server-hv.ts on SQLite, 2 shared cores: a runs
 * list page of 50 runs × 15 points (a built-in run's evaluations) ~36 ms
 * without series, 50 × 300 ~110 ms; the compare page's 20 runs × 300 points
 * with series ~80 ms. Cheap enough to do on read, so no stored copy and
 * no schema change; repeated reads of an unchanged run come from a memo
 * (lib/runs/eval-hypervolume-cache.ts) (stored values would also go stale when a run's references
 * are corrected). The client-sent `latestHypervolume` stays on the run,
 * labelled as such where shown.
 */
import { listEvalPointsOfRuns } from './experiments';
import type { RunListItem, RunView } from '../contract/run-view';
import type { EvalHypervolume, EvalHypervolumeOptions } from '../runs/eval-hypervolume';
import { evalHypervolumeCache } from '../runs/eval-hypervolume-cache';
import type { ObjectiveDef } from '../contract/run-log';

export type ServerHypervolume = EvalHypervolume;

export async function serverHypervolumes(
  runs: readonly { id: string; objectives: ObjectiveDef[] }[],
  options: EvalHypervolumeOptions = {},
): Promise<Map<string, ServerHypervolume>> {
  const out = new Map<string, ServerHypervolume>();
  if (runs.length === 0) return out;
  const byRun = await listEvalPointsOfRuns(runs.map((r) => r.id));
  for (const run of runs) out.set(run.id, evalHypervolumeCache().get(run.id, byRun.get(run.id) ?? [], run.objectives, options));
  return out;
}

export type { RunEvaluation, RunListItem } from '../contract/run-view';

export async function withEvaluations(runs: RunView[]): Promise<RunListItem[]> {
  const hv = await serverHypervolumes(runs, { series: false });
  return runs.map((r) => {
    const h = hv.get(r.id)!;
    return { ...r, evaluation: { hypervolume: h.latest, finalHypervolume: h.final, finalMeans: h.finalMeans, split: h.split } };
  });
}
