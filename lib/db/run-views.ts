/**
 * Lean reads for the live run page and the runs list: the event cursor, the
 * trajectory cloud as columns, hypervolume histories for sparklines, and the
 * values the runs list can be filtered by. Each selects only the columns it
 * returns.
 */
import { getDb } from './client';

/** Id of the run's newest event (0 when it has none): where a live view starts tailing. */
export async function latestEventId(runId: string): Promise<number> {
  const db = await getDb();
  const row = await db.runEvent.findFirst({ where: { runId }, orderBy: { id: 'desc' }, select: { id: true } });
  return row?.id ?? 0;
}

/**
 * The run's trajectory objective vectors as columns, paged by id:
 * `values` is row-major (ids.length × dim).
 */
export async function listTrajectoryPoints(runId: string, opts: { after: number; limit: number; dim: number }) {
  const db = await getDb();
  const rows = await db.trajectory.findMany({
    where: { runId, id: { gt: opts.after } },
    orderBy: { id: 'asc' },
    take: opts.limit + 1,
    select: { id: true, step: true, objectives: true },
  });
  const n = Math.min(rows.length, opts.limit);
  const ids = new Array<number>(n);
  const steps = new Array<number>(n);
  const values = new Array<number>(n * opts.dim);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    ids[i] = r.id;
    steps[i] = r.step;
    const v = r.objectives as number[];
    for (let k = 0; k < opts.dim; k++) values[i * opts.dim + k] = v[k] ?? NaN; // JSON sends NaN as null
  }
  return { dim: opts.dim, ids, steps, values, nextCursor: rows.length > opts.limit ? ids[n - 1] : null };
}
export type TrajectoryPointsView = Awaited<ReturnType<typeof listTrajectoryPoints>>;

/** Hypervolume histories of several runs, ascending by step (steps without a hypervolume are left out). */
export async function listHypervolumeHistories(runIds: string[]): Promise<Map<string, { steps: number[]; values: number[] }>> {
  const db = await getDb();
  const rows = await db.metric.findMany({
    where: { runId: { in: runIds }, hypervolume: { not: null } },
    orderBy: [{ runId: 'asc' }, { step: 'asc' }],
    select: { runId: true, step: true, hypervolume: true },
  });
  const out = new Map<string, { steps: number[]; values: number[] }>();
  for (const id of runIds) out.set(id, { steps: [], values: [] });
  for (const r of rows) {
    const s = out.get(r.runId)!;
    s.steps.push(r.step);
    s.values.push(r.hypervolume!);
  }
  return out;
}

/** Distinct values the runs list can be filtered by. */
export async function listRunFacets(): Promise<{ environments: string[]; algorithms: string[]; tags: string[] }> {
  const db = await getDb();
  const [envs, algos, tags] = await Promise.all([
    db.run.findMany({ distinct: ['environment'], select: { environment: true }, orderBy: { environment: 'asc' } }),
    db.run.findMany({ distinct: ['algorithm'], select: { algorithm: true }, orderBy: { algorithm: 'asc' } }),
    db.runTag.findMany({ distinct: ['tag'], select: { tag: true }, orderBy: { tag: 'asc' } }),
  ]);
  return { environments: envs.map((e) => e.environment), algorithms: algos.map((a) => a.algorithm), tags: tags.map((t) => t.tag) };
}
