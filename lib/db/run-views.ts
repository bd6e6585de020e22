/**
 * Lean reads for the live run page and the runs list: the event cursor, the
 * trajectory cloud as columns, hypervolume histories for sparklines, and the
 * values the runs list can be filtered by. Each selects only the columns it
 * returns.
 */
import { getDb, getDialect } from './client';

/** Seq of the run's newest event (0 when it has none): where a live view starts tailing. */
export async function latestEventId(runId: string): Promise<number> {
  const db = await getDb();
  const row = await db.run.findUnique({ where: { id: runId }, select: { eventSeq: true } });
  return row?.eventSeq ?? 0;
}

/**
 * The run's trajectory objective vectors as columns, paged by id, as a JSON
 * body ready to send, of the contract's TrajectoryPointsView: `{ dim, ids, steps, values, nextCursor }` with `values`
 * row-major (ids.length × dim). The stored objective JSON is spliced in as
 * text — 100,000 points cost one raw query and no per-row parse.
 */
export async function trajectoryPointsJson(runId: string, opts: { after: number; limit: number; dim: number }): Promise<string> {
  const dialect = await getDialect(); // created and migrated
  const rows = await dialect.trajectoryPointRows(runId, opts.after, opts.limit + 1);
  const n = Math.min(rows.length, opts.limit);
  const ids = new Array<number>(n);
  const steps = new Array<number>(n);
  const values = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const [id, step, objectives] = rows[i];
    ids[i] = Number(id);
    steps[i] = Number(step);
    // Stored vectors are validated finite arrays of the run's dimension: "[a,b,c]" → "a,b,c".
    values[i] = objectives.replace(/\s+/g, '').slice(1, -1);
  }
  const nextCursor = rows.length > opts.limit ? ids[n - 1] : null;
  return `{"dim":${opts.dim},"ids":[${ids.join(',')}],"steps":[${steps.join(',')}],"values":[${values.join(',')}],"nextCursor":${nextCursor}}`;
}

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
