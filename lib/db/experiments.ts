/** Experiments (named groups of runs) and what their pages read. */
import { getDb, getDialect } from './client';

export interface ExperimentSummary {
  name: string;
  description: string | null;
  createdAt: Date;
  runs: number;
  environments: string[];
  algorithms: string[];
}

/** Every experiment with its run count, newest first. */
export async function listExperiments(): Promise<ExperimentSummary[]> {
  const db = await getDb();
  const rows = await db.experiment.findMany({
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: { name: true, description: true, createdAt: true, runs: { select: { environment: true, algorithm: true } } },
  });
  return rows.map((e) => ({
    name: e.name,
    description: e.description,
    createdAt: e.createdAt,
    runs: e.runs.length,
    environments: [...new Set(e.runs.map((r) => r.environment))].sort(),
    algorithms: [...new Set(e.runs.map((r) => r.algorithm))].sort(),
  }));
}

/** Evaluation points of several runs, grouped by run, in logged order. */
export async function listEvalPointsOfRuns(runIds: readonly string[]): Promise<Map<string, { step: number; split: string; objectives: number[] }[]>> {
  const out = new Map<string, { step: number; split: string; objectives: number[] }[]>();
  for (const id of runIds) out.set(id, []);
  if (runIds.length === 0) return out;
  // One raw query, objectives parsed from their stored JSON text: the compare page reads thousands of points and
  // Prisma's row mapping cost more than the query (measured: 6,000 points, 46-200 ms through Prisma).
  const dialect = await getDialect(); // created and migrated
  const rows = await dialect.evalPointRows(runIds);
  for (const [runId, step, split, objectives] of rows) out.get(runId)!.push({ step: Number(step), split, objectives: JSON.parse(objectives) as number[] });
  return out;
}

/** Training metrics of several runs that the compare page overlays, ascending by step. */
export async function listCompareMetrics(runIds: readonly string[]): Promise<Map<string, CompareMetric[]>> {
  const out = new Map<string, CompareMetric[]>();
  for (const id of runIds) out.set(id, []);
  if (runIds.length === 0) return out;
  // One raw query per dialect, JSON columns as text (like the evaluation points above): Prisma's row mapping was
  // the larger part of this read (2,000 rows: ~30 ms under load).
  const dialect = await getDialect(); // created and migrated
  const rows = await dialect.compareMetricRows(runIds);
  for (const [runId, step, stage, hypervolume, means, weights, wallTime] of rows) {
    out.get(runId)!.push({
      step: Number(step),
      stage: stage === null ? null : Number(stage),
      hypervolume: hypervolume === null ? null : Number(hypervolume),
      objectiveMeans: means === null ? null : (JSON.parse(means) as Record<string, number> | null),
      weights: weights === null ? null : (JSON.parse(weights) as number[] | null),
      wallTime: wallTime === null ? null : Number(wallTime),
    });
  }
  return out;
}

export interface CompareMetric {
  step: number;
  stage: number | null;
  hypervolume: number | null;
  objectiveMeans: Record<string, number> | null;
  weights: number[] | null;
  wallTime: number | null;
}
