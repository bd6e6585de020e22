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
import { currentDialect, getDb, type Tx } from './client';

import type { RunEventKind } from '../contract/run-events';
export type { RunEventKind };

export interface NewRunEvent {
  kind: RunEventKind;
  payload: Record<string, unknown>;
}

/**
 * Payloads go in as JSON text through the dialect's multi-row INSERT: Prisma's
 * createMany spends ~90 ms of CPU on a 5,000-point frontier payload that the
 * driver takes in ~8 ms, and that time blocks the server's event loop.
 */
export async function appendEvents(tx: Tx, runId: string, events: NewRunEvent[]): Promise<void> {
  if (events.length === 0) return;
  const run = await tx.run.update({ where: { id: runId }, data: { eventSeq: { increment: events.length } }, select: { eventSeq: true } });
  const first = run.eventSeq - events.length + 1;
  const dialect = currentDialect();
  const now = new Date();
  for (let start = 0; start < events.length; start += EVENTS_PER_STATEMENT) {
    const chunk = events.slice(start, start + EVENTS_PER_STATEMENT);
    const rows = chunk.map((e, i) => [runId, first + start + i, e.kind, JSON.stringify(e.payload)]);
    await dialect.insertRows(tx, { table: 'RunEvent', columns: EVENT_COLUMNS, rows, now });
  }
}

const EVENT_COLUMNS = [{ name: 'runId' }, { name: 'seq' }, { name: 'kind' }, { name: 'payload', json: true }];

const EVENTS_PER_STATEMENT = 1000;

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
