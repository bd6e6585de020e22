/**
 * The run's event feed after a seq as raw rows — [seq, kind, payload JSON
 * text], oldest first — read without Prisma row mapping, payloads never
 * parsed: what the feed snapshot (GET /api/runs/:id/events/snapshot) sends.
 * Seqs are commit-ordered per run (events.ts), so the rows read are a prefix
 * of the feed: the live stream continues after the last one without a gap or
 * a duplicate.
 *
 * Read in slices of READ_SLICE rows with a turn of the event loop between
 * them: on SQLite each read is synchronous, and one 50,000-row read held the
 * server for ~0.3 s (longer on a loaded machine) while the same page's
 * scripts waited to be served. Slices chain by seq, so together they are the
 * same prefix as one read.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { getDialect } from './client';

const READ_SLICE = 5000;

export async function listRunEventRows(runId: string, opts: { after: number; limit: number }): Promise<[number, string, string][]> {
  const dialect = await getDialect(); // created and migrated
  const rows: [number, string, string][] = [];
  let after = opts.after;
  while (rows.length < opts.limit) {
    const want = Math.min(READ_SLICE, opts.limit - rows.length);
    const slice = await dialect.runEventRows(runId, after, want);
    for (const r of slice) rows.push(r);
    if (slice.length < want) break;
    after = slice[slice.length - 1][0];
    await nextTurn();
  }
  return rows;
}
