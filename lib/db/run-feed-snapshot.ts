/**
 * The run's event feed after a seq as raw rows — [seq, kind, payload JSON
 * text], oldest first — in one query (no Prisma row mapping, payloads never
 * parsed): what the feed snapshot (GET /api/runs/:id/events/snapshot) sends.
 * Seqs are commit-ordered per run (events.ts), so the rows read are a prefix
 * of the feed: the live stream continues after the last one without a gap or
 * a duplicate.
 */
import { getDb, SQLITE_BUSY_TIMEOUT_MS } from './client';
import { resolveDbConfig } from './config';
import { runEventRowsPostgres } from './raw/postgres';
import { runEventRowsSqlite } from './raw/sqlite';

export async function listRunEventRows(runId: string, opts: { after: number; limit: number }): Promise<[number, string, string][]> {
  await getDb(); // created and migrated
  const config = resolveDbConfig();
  return config.provider === 'sqlite'
    ? runEventRowsSqlite(config.file!, SQLITE_BUSY_TIMEOUT_MS, runId, opts.after, opts.limit)
    : await runEventRowsPostgres(config.url, runId, opts.after, opts.limit);
}
