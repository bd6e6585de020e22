/** Reads of a run's logged data, incremental by step or by id cursor. */
import type { Prisma } from '@pareto-studio/prisma-sqlite';
import { getDb } from './client';
import type { TrajectoriesQuery } from '../contract/run-log';
import type { TrajectoryPage } from '../contract/trajectory-view';

export async function listMetrics(runId: string, opts: { after: number; limit: number }) {
  const db = await getDb();
  const rows = await db.metric.findMany({
    where: { runId, step: { gt: opts.after } },
    orderBy: { step: 'asc' },
    take: opts.limit,
  });
  return rows.map(({ id: _id, runId: _r, ...m }) => ({
    ...m,
    objectiveMeans: m.objectiveMeans as Record<string, number> | null,
    weights: m.weights as number[] | null,
    extra: m.extra as Record<string, unknown> | null,
  }));
}
export type MetricView = Awaited<ReturnType<typeof listMetrics>>[number];

/** The trajectories list's filter: the contract's TrajectoriesQuery (GET /api/runs/:id/trajectories). */
export type TrajectoryFilter = TrajectoriesQuery;

export async function listTrajectories(runId: string, f: TrajectoryFilter): Promise<TrajectoryPage> {
  const db = await getDb();
  const where: Prisma.TrajectoryWhereInput = {
    runId,
    ...(f.step !== undefined ? { step: f.step } : {}),
    ...(f.rank !== undefined ? { rank: f.rank } : {}),
    ...(f.split ? { split: f.split } : {}),
    ...(f.cursor !== undefined ? { id: { gt: f.cursor } } : {}),
  };
  const rows = await db.trajectory.findMany({ where, orderBy: { id: 'asc' }, take: f.limit + 1 });
  const page = rows.slice(0, f.limit).map(({ runId: _r, ...t }) => ({
    ...t,
    tokens: t.tokens as { kind: string; text: string }[],
    objectives: t.objectives as number[],
  }));
  return { trajectories: page, nextCursor: rows.length > f.limit ? page[page.length - 1].id : null };
}

export async function listEvalPoints(runId: string, opts: { afterId?: number; limit?: number } = {}) {
  const db = await getDb();
  const rows = await db.evalPoint.findMany({
    where: { runId, ...(opts.afterId !== undefined ? { id: { gt: opts.afterId } } : {}) },
    orderBy: { id: 'asc' },
    take: opts.limit ?? 100_000,
  });
  return rows.map(({ runId: _r, ...p }) => ({ ...p, objectives: p.objectives as number[], extra: p.extra as Record<string, unknown> | null }));
}

export async function listFrontiers(runId: string, opts: { afterId?: number; limit?: number } = {}) {
  const db = await getDb();
  const rows = await db.frontierSnapshot.findMany({
    where: { runId, ...(opts.afterId !== undefined ? { id: { gt: opts.afterId } } : {}) },
    orderBy: { id: 'asc' },
    take: opts.limit ?? 10_000,
  });
  return rows.map(({ runId: _r, ...f }) => ({ ...f, points: f.points as number[][] }));
}

export async function countTrajectories(runId: string): Promise<number> {
  const db = await getDb();
  return db.trajectory.count({ where: { runId } });
}
