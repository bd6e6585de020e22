/**
 * Everything the compare page draws for 2–20 runs, in one read: each run with
 * its evaluation points (in the run's objective order), training metrics and
 * the server's hypervolume series, and the indicator table against the union
 * front (lib/compare). Unknown ids → NotFoundError naming the first.
 */
import { compareIndicators, type IndicatorRow } from '../compare';
import { NotFoundError } from '../errors';
import { evalHypervolume, type EvalHypervolume } from '../runs/eval-hypervolume';
import type { ObjectiveDef } from '../runs/schemas';
import { getDb } from './client';
import { listCompareMetrics, listEvalPointsOfRuns, type CompareMetric } from './experiments';
import { runInclude, toRunView, type RunView } from './runs';

export interface CompareRun {
  run: RunView;
  points: { step: number; split: string; objectives: number[] }[];
  metrics: CompareMetric[];
  hypervolume: EvalHypervolume;
}

export interface CompareView {
  runs: CompareRun[];
  /** Objectives every run shares (name and direction): the plane's axes and the indicators' space. */
  shared: ObjectiveDef[];
  unionFront: number[][];
  indicators: IndicatorRow[];
}

export async function loadCompareView(ids: readonly string[]): Promise<CompareView> {
  const db = await getDb();
  const rows = await db.run.findMany({ where: { id: { in: [...ids] } }, include: runInclude });
  const byId = new Map(rows.map((r) => [r.id, toRunView(r)]));
  const missing = ids.find((id) => !byId.has(id));
  if (missing) throw new NotFoundError('run', missing);
  const [points, metrics] = await Promise.all([listEvalPointsOfRuns(ids), listCompareMetrics(ids)]);
  const runs = ids.map((id) => {
    const run = byId.get(id)!;
    const pts = points.get(id)!;
    return { run, points: pts, metrics: metrics.get(id)!, hypervolume: evalHypervolume(pts, run.objectives) };
  });
  const ind = compareIndicators(
    runs.map((r) => ({ id: r.run.id, objectives: r.run.objectives, points: r.points })),
    new Map(runs.map((r) => [r.run.id, r.hypervolume])),
  );
  return { runs, shared: ind.shared, unionFront: ind.unionFront, indicators: ind.rows };
}
