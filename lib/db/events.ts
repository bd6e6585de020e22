/**
 * The run event feed: appended in the same transaction as the data it
 * announces, read by a per-run sequence number (the SSE event id).
 *
 * Why a per-run counter and not the table's autoincrement id: on PostgreSQL
 * two transactions can take ids 7 and 8 and commit 8 first; a reader that saw
 * 8 and moved its cursor past 7 never sees 7 (events were lost with several
 * writers on one run). Here each append first increments `Run.eventSeq` with an
 * UPDATE, which row-locks the run until the transaction ends: a second writer
 * waits on that lock and reads the counter only after the first committed. So
 * seqs are handed out in commit order, and a reader tailing `seq > cursor`
 * never skips or repeats an event. (SQLite serializes writers anyway.)
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
  const run = await tx.run.update({ where: { id: runId }, data: { eventSeq: { increment: events.length } }, select: { eventSeq: true } });
  const first = run.eventSeq - events.length + 1;
  await tx.runEvent.createMany({
    data: events.map((e, i) => ({ runId, seq: first + i, kind: e.kind, payload: e.payload as Prisma.InputJsonValue, createdAt: now })),
  });
}

export async function listEvents(runId: string, opts: { afterId: number; limit: number }) {
  const db = await getDb();
  const rows = await db.runEvent.findMany({
    where: { runId, seq: { gt: opts.afterId } },
    orderBy: { seq: 'asc' },
    take: opts.limit,
  });
  return rows.map((r) => ({ id: r.seq, kind: r.kind as RunEventKind, payload: r.payload as Record<string, unknown>, createdAt: r.createdAt }));
}
export type RunEventView = Awaited<ReturnType<typeof listEvents>>[number];

/** The newest event seq of each run (runs that do not exist are absent): one query for every feed the server tails. */
export async function latestEventSeqs(runIds: string[]): Promise<Map<string, number>> {
  const db = await getDb();
  const rows = await db.run.findMany({ where: { id: { in: runIds } }, select: { id: true, eventSeq: true, status: true } });
  return new Map(rows.map((r) => [r.id, r.eventSeq]));
}
