/**
 * The PostgreSQL dialect (lib/db/dialect.ts): the Prisma client on the `pg`
 * adapter, placeholders `$n` with JSON cast to jsonb, ILIKE through Prisma's
 * insensitive mode, FOR UPDATE SKIP LOCKED claims, and the hot paths on a
 * small `pg` pool: trajectory batches as one transaction — claim the batch id,
 * then multi-row INSERTs.
 */
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { Prisma } from '@pareto-studio/prisma-sqlite';
import { PrismaClient as PostgresClient } from '@pareto-studio/prisma-postgres';
import type { Db, Tx } from '../client';
import type { DbConfig } from '../config';
import type { Dialect, RawBatchOutcome, RowsInsert } from '../dialect';
import { multiRowInsert, TRAJECTORY_COLUMNS, type Statement, type TrajectoryRow } from './trajectory-rows';

/** PostgreSQL allows 65,535 bound parameters per statement. */
export const POSTGRES_ROWS_PER_STATEMENT = Math.floor(65_000 / TRAJECTORY_COLUMNS.length);

export function insertTrajectoriesPostgres(rows: readonly TrajectoryRow[]): Statement {
  return multiRowInsert(rows, (n, column) => (column === 'tokens' || column === 'objectives' ? `$${n}::jsonb` : `$${n}`));
}

const pools = new Map<string, pg.Pool>();

function pool(url: string): pg.Pool {
  let p = pools.get(url);
  if (!p) {
    p = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection the server ends (a restart, pg_terminate_backend, a dropped database) makes the pool emit
    // 'error'; with no listener that is an uncaught exception that takes the process down. The pool has already
    // discarded the connection and opens a new one on the next query, so this is worth a line in the log, no more.
    p.on('error', (err) => console.warn(`[db] an idle PostgreSQL connection was closed by the server: ${err.message}`));
    pools.set(url, p);
  }
  return p;
}

export async function writeTrajectoryBatchPostgres(
  url: string,
  runId: string,
  batchId: string,
  hash: string | null,
  rows: readonly TrajectoryRow[],
): Promise<RawBatchOutcome> {
  const client = await pool(url).connect();
  try {
    await client.query('BEGIN');
    const claimed = await client.query(
      'INSERT INTO "IngestBatch" ("runId", "batchId", "kind", "rows", "hash") VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [runId, batchId, 'trajectories', rows.length, hash],
    );
    if (claimed.rowCount === 0) {
      const prior = await client.query<{ kind: string; rows: number; hash: string | null }>(
        'SELECT "kind", "rows", "hash" FROM "IngestBatch" WHERE "runId" = $1 AND "batchId" = $2',
        [runId, batchId],
      );
      await client.query('ROLLBACK');
      return { applied: false, priorKind: prior.rows[0]?.kind, priorRows: prior.rows[0]?.rows, priorHash: prior.rows[0]?.hash };
    }
    for (let i = 0; i < rows.length; i += POSTGRES_ROWS_PER_STATEMENT) {
      const { sql, params } = insertTrajectoriesPostgres(rows.slice(i, i + POSTGRES_ROWS_PER_STATEMENT));
      await client.query(sql, params);
    }
    await client.query('COMMIT');
    return { applied: true };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export async function closePostgresPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.end()));
}

/**
 * Claims the oldest queued built-in run for a worker: FOR UPDATE SKIP LOCKED
 * lets many workers on many machines poll one table without ever taking the
 * same run or waiting on each other's locks.
 */
export const CLAIM_RUN_POSTGRES = `
UPDATE "Run"
   SET "status" = 'running', "workerId" = $1, "heartbeatAt" = now(), "startedAt" = COALESCE("startedAt", now()),
       "attempts" = "attempts" + 1, "updatedAt" = now()
 WHERE "id" = (SELECT "id" FROM "Run" WHERE "status" = 'queued' AND "source" = 'builtin'
                ORDER BY "createdAt", "id" FOR UPDATE SKIP LOCKED LIMIT 1)
RETURNING "id"`;

/** The trajectory cloud's hot read: [id, step, objectives JSON text] rows (jsonb cast to text, never parsed). */
export async function trajectoryPointRowsPostgres(url: string, runId: string, after: number, limit: number): Promise<[number, number, string][]> {
  const res = await pool(url).query<[number, number, string]>({
    text: 'SELECT "id", "step", "objectives"::text FROM "Trajectory" WHERE "runId" = $1 AND "id" > $2 ORDER BY "id" LIMIT $3',
    values: [runId, after, limit],
    rowMode: 'array',
  });
  return res.rows;
}

/** Evaluation points of several runs, oldest first: [runId, step, split, objectives JSON text] rows. */
export async function evalPointRowsPostgres(url: string, runIds: readonly string[]): Promise<[string, number, string, string][]> {
  const res = await pool(url).query<[string, number, string, string]>({
    text: 'SELECT "runId", "step", "split", "objectives"::text FROM "EvalPoint" WHERE "runId" = ANY($1::text[]) ORDER BY "id"',
    values: [runIds],
    rowMode: 'array',
  });
  return res.rows;
}

/** Training metrics of several runs for the compare page, by run then step (jsonb cast to text; see compareMetricRowsSqlite). */
export async function compareMetricRowsPostgres(
  url: string,
  runIds: readonly string[],
): Promise<[string, number, number | null, number | null, string | null, string | null, number | null][]> {
  const res = await pool(url).query<[string, number, number | null, number | null, string | null, string | null, number | null]>({
    text: 'SELECT "runId", "step", "stage", "hypervolume", "objectiveMeans"::text, "weights"::text, "wallTime" FROM "Metric" WHERE "runId" = ANY($1::text[]) ORDER BY "runId", "step"',
    values: [runIds],
    rowMode: 'array',
  });
  return res.rows;
}

/** The run's event feed after a seq, oldest first: [seq, kind, payload JSON text] rows (the feed snapshot's read). */
export async function runEventRowsPostgres(url: string, runId: string, after: number, limit: number): Promise<[number, string, string][]> {
  const res = await pool(url).query<[number, string, string]>({
    text: 'SELECT "seq", "kind", "payload"::text FROM "RunEvent" WHERE "runId" = $1 AND "seq" > $2 ORDER BY "seq" LIMIT $3',
    values: [runId, after, limit],
    rowMode: 'array',
  });
  return res.rows;
}

async function insertRows(tx: Tx, { table, columns, rows }: RowsInsert): Promise<void> {
  const params: unknown[] = [];
  const values = rows.map((row) => {
    const cells = row.map((value, k) => {
      params.push(value);
      return columns[k].json ? `$${params.length}::jsonb` : `$${params.length}`;
    });
    return `(${cells.join(', ')}, (now() AT TIME ZONE 'UTC'))`;
  });
  const names = [...columns.map((c) => `"${c.name}"`), '"createdAt"'].join(', ');
  await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) VALUES ${values.join(', ')}`, ...params);
}

export function postgresDialect(config: DbConfig): Dialect {
  const { url } = config;
  return {
    provider: 'postgresql',
    // Both generated clients expose the same model API; lib/db types against the SQLite one (client.ts).
    openClient: async () => new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db,
    insertRows,
    async claimRun(tx, workerId) {
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(CLAIM_RUN_POSTGRES, workerId);
      return rows[0]?.id ?? null;
    },
    // `mode` is PostgreSQL's alone: the SQLite client's types (lib/db's) do not know it.
    containsInsensitive: (q) => ({ contains: q, mode: 'insensitive' }) as Prisma.StringFilter,
    writeTrajectoryBatch: (runId, batchId, hash, rows) => writeTrajectoryBatchPostgres(url, runId, batchId, hash, rows),
    trajectoryPointRows: (runId, after, limit) => trajectoryPointRowsPostgres(url, runId, after, limit),
    evalPointRows: (runIds) => evalPointRowsPostgres(url, runIds),
    compareMetricRows: (runIds) => compareMetricRowsPostgres(url, runIds),
    runEventRows: (runId, after, limit) => runEventRowsPostgres(url, runId, after, limit),
  };
}
