/**
 * Everything the compare page draws for 2–20 runs, in one read: each run with
 * its evaluation points (in the run's objective order), training metrics and
 * the server's hypervolume series, and the indicator table against the union
 * front (lib/compare). Unknown ids → NotFoundError naming the first.
 */
import { compareIndicators } from '../compare';
import { NotFoundError } from '../errors';
import { evalHypervolumeCache } from '../runs/eval-hypervolume-cache';
import type { ObjectiveDef } from '../contract/run-log';
import { getDb } from './client';
import { listCompareMetrics, listEvalPointsOfRuns, type CompareMetric } from './experiments';
import { runInclude, toRunView } from './runs';
import type { CompareMetrics, ComparePoints, CompareView } from '../contract/compare-view';

function pointColumns(points: readonly { step: number; split: string; objectives: number[] }[], split: string | null, dim: number): ComparePoints {
  const steps: number[] = [];
  const values: number[] = [];
  for (const p of points) {
    if (p.split !== split || p.objectives.length !== dim || !p.objectives.every(Number.isFinite)) continue;
    steps.push(p.step);
    values.push(...p.objectives);
  }
  return { split, steps, values };
}

function metricColumns(rows: readonly CompareMetric[], objectives: readonly ObjectiveDef[]): CompareMetrics {
  const means: Record<string, (number | null)[]> = {};
  for (const o of objectives)
    means[o.name] = rows.map((m) => (m.objectiveMeans && Number.isFinite(m.objectiveMeans[o.name]) ? m.objectiveMeans[o.name] : null));
  return { steps: rows.map((m) => m.step), wallTime: rows.map((m) => m.wallTime), means, weights: rows.map((m) => m.weights) };
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
    const hypervolume = evalHypervolumeCache().get(id, pts, run.objectives);
    return {
      run,
      raw: pts,
      points: pointColumns(pts, hypervolume.split, run.objectives.length),
      metrics: metricColumns(metrics.get(id)!, run.objectives),
      hypervolume,
    };
  });
  const ind = compareIndicators(
    runs.map((r) => ({ id: r.run.id, objectives: r.run.objectives, points: r.raw })),
    new Map(runs.map((r) => [r.run.id, r.hypervolume])),
  );
  return { runs: runs.map(({ raw: _raw, ...r }) => r), shared: ind.shared, unionFront: ind.unionFront, indicators: ind.rows };
}
