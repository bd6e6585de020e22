/**
 * The run event feed: appended in the same transaction as the data it
 * announces, read by id cursor. A run's writes come from one writer at a time
 * (its worker or its external trainer), so ids increase in commit order within
 * a run and a reader tailing `id > cursor` neither skips nor repeats events.
 */
import type { Prisma } from '@pareto-studio/prisma-sqlite';
import { getDb, type Tx } from './client';

export type RunEventKind = 'metric' | 'eval' | 'frontier' | 'status';

export interface NewRunEvent {
  kind: RunEventKind;
  payload: Record<string, unknown>;
}

export async function appendEvents(tx: Tx, runId: string, events: NewRunEvent[]): Promise<void> {
  if (events.length === 0) return;
  const now = new Date();
  await tx.runEvent.createMany({
    data: events.map((e) => ({ runId, kind: e.kind, payload: e.payload as Prisma.InputJsonValue, createdAt: now })),
  });
}

export async function listEvents(runId: string, opts: { afterId: number; limit: number }) {
  const db = await getDb();
  const rows = await db.runEvent.findMany({
    where: { runId, id: { gt: opts.afterId } },
    orderBy: { id: 'asc' },
    take: opts.limit,
  });
  return rows.map((r) => ({ id: r.id, kind: r.kind as RunEventKind, payload: r.payload as Record<string, unknown>, createdAt: r.createdAt }));
}
export type RunEventView = Awaited<ReturnType<typeof listEvents>>[number];
