/**
 * The SQLite dialect (lib/db/dialect.ts): the Prisma client on the
 * better-sqlite3 adapter, `?` placeholders, dates written as Prisma's adapter
 * writes them, and the hot paths on a direct better-sqlite3 connection. Prisma's
 * raw query path spends ~40 ms on a 1,000-row insert that better-sqlite3 does in
 * ~6 ms, so trajectory batches go through one direct connection on the same file
 * (WAL, same busy timeout): claim the batch id and insert the rows in one
 * IMMEDIATE transaction.
 */
import Database from 'better-sqlite3';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient as SqliteClient } from '@pareto-studio/prisma-sqlite';
import type { Db, Tx } from '../client';
import { SQLITE_BUSY_TIMEOUT_MS, type DbConfig } from '../config';
import type { Dialect, RawBatchOutcome, RowsInsert } from '../dialect';
import { pushTrajectoryValues, TRAJECTORY_COLUMNS, multiRowInsert, type Statement, type TrajectoryRow } from './trajectory-rows';

/** SQLite allows 32,766 bound parameters per statement. */
export const SQLITE_ROWS_PER_STATEMENT = Math.floor(32_000 / TRAJECTORY_COLUMNS.length);

export function insertTrajectoriesSqlite(rows: readonly TrajectoryRow[]): Statement {
  return multiRowInsert(rows, () => '?');
}

interface Connection {
  db: Database.Database;
  claim: Database.Statement;
  prior: Database.Statement;
  insert: Database.Statement;
}

const connections = new Map<string, Connection>();

function connection(file: string, busyTimeoutMs: number): Connection {
  let c = connections.get(file);
  if (!c) {
    const db = new Database(file, { timeout: busyTimeoutMs });
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const cols = TRAJECTORY_COLUMNS.map((col) => `"${col}"`).join(', ');
    c = {
      db,
      claim: db.prepare('INSERT INTO "IngestBatch" ("runId", "batchId", "kind", "rows", "hash", "createdAt") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING'),
      prior: db.prepare('SELECT "kind", "rows", "hash" FROM "IngestBatch" WHERE "runId" = ? AND "batchId" = ?'),
      insert: db.prepare(`INSERT INTO "Trajectory" (${cols}) VALUES (${TRAJECTORY_COLUMNS.map(() => '?').join(', ')})`),
    };
    connections.set(file, c);
  }
  return c;
}

export function writeTrajectoryBatchSqlite(
  file: string,
  busyTimeoutMs: number,
  runId: string,
  batchId: string,
  hash: string | null,
  rows: readonly TrajectoryRow[],
): RawBatchOutcome {
  const { db, claim, prior: priorStmt, insert } = connection(file, busyTimeoutMs);
  const run = db.transaction((): RawBatchOutcome => {
    const claimed = claim.run(runId, batchId, 'trajectories', rows.length, hash, new Date().toISOString().replace('Z', '+00:00'));
    if (claimed.changes === 0) {
      const prior = priorStmt.get(runId, batchId) as { kind: string; rows: number; hash: string | null } | undefined;
      return { applied: false, priorKind: prior?.kind, priorRows: prior?.rows, priorHash: prior?.hash };
    }
    const values: unknown[] = [];
    for (const r of rows) {
      values.length = 0;
      pushTrajectoryValues(values, r);
      insert.run(...values);
    }
    return { applied: true };
  });
  return run.immediate();
}

export function closeSqliteConnections(): void {
  for (const c of connections.values()) c.db.close();
  connections.clear();
}

/**
 * Claims the oldest queued built-in run for a worker in one statement: SQLite
 * serializes writers, so the subquery and the update see the same snapshot and
 * two workers can never take the same run. Dates are written the way Prisma's
 * SQLite adapter writes them (ISO 8601 with +00:00).
 */
export const CLAIM_RUN_SQLITE = `
UPDATE "Run"
   SET "status" = 'running', "workerId" = ?, "heartbeatAt" = ?, "startedAt" = COALESCE("startedAt", ?),
       "attempts" = "attempts" + 1, "updatedAt" = ?
 WHERE "id" = (SELECT "id" FROM "Run" WHERE "status" = 'queued' AND "source" = 'builtin' ORDER BY "createdAt", "id" LIMIT 1)
   AND "status" = 'queued'
RETURNING "id"`;

export const sqliteDate = (d: Date) => d.toISOString().replace('Z', '+00:00');

const pointStatements = new WeakMap<Database.Database, Database.Statement>();

/**
 * The trajectory cloud's hot read: [id, step, objectives JSON text] rows,
 * straight from better-sqlite3 (no Prisma row mapping, no JSON parse).
 */
export function trajectoryPointRowsSqlite(file: string, busyTimeoutMs: number, runId: string, after: number, limit: number): [number, number, string][] {
  const { db } = connection(file, busyTimeoutMs);
  let stmt = pointStatements.get(db);
  if (!stmt) {
    stmt = db.prepare('SELECT "id", "step", "objectives" FROM "Trajectory" WHERE "runId" = ? AND "id" > ? ORDER BY "id" LIMIT ?').raw(true);
    pointStatements.set(db, stmt);
  }
  return stmt.all(runId, after, limit) as [number, number, string][];
}

/** Evaluation points of several runs, oldest first: [runId, step, split, objectives JSON text] rows. */
export function evalPointRowsSqlite(file: string, busyTimeoutMs: number, runIds: readonly string[]): [string, number, string, string][] {
  const { db } = connection(file, busyTimeoutMs);
  const marks = runIds.map(() => '?').join(',');
  return db
    .prepare(`SELECT "runId", "step", "split", "objectives" FROM "EvalPoint" WHERE "runId" IN (${marks}) ORDER BY "id"`)
    .raw(true)
    .all(...runIds) as [string, number, string, string][];
}

/**
 * Training metrics of several runs for the compare page, by run then step:
 * [runId, step, stage, hypervolume, objectiveMeans JSON text | null, weights JSON text | null, wallTime] rows
 * (Prisma's row mapping of 2,000 rows cost ~30 ms under load; this read a few).
 */
export function compareMetricRowsSqlite(
  file: string,
  busyTimeoutMs: number,
  runIds: readonly string[],
): [string, number, number | null, number | null, string | null, string | null, number | null][] {
  const { db } = connection(file, busyTimeoutMs);
  const marks = runIds.map(() => '?').join(',');
  return db
    .prepare(
      `SELECT "runId", "step", "stage", "hypervolume", "objectiveMeans", "weights", "wallTime" FROM "Metric" WHERE "runId" IN (${marks}) ORDER BY "runId", "step"`,
    )
    .raw(true)
    .all(...runIds) as [string, number, number | null, number | null, string | null, string | null, number | null][];
}

/** The run's event feed after a seq, oldest first: [seq, kind, payload JSON text] rows (the feed snapshot's read). */
export function runEventRowsSqlite(file: string, busyTimeoutMs: number, runId: string, after: number, limit: number): [number, string, string][] {
  const { db } = connection(file, busyTimeoutMs);
  return db
    .prepare('SELECT "seq", "kind", "payload" FROM "RunEvent" WHERE "runId" = ? AND "seq" > ? ORDER BY "seq" LIMIT ?')
    .raw(true)
    .all(runId, after, limit) as [number, string, string][];
}

async function openClient(config: DbConfig): Promise<Db> {
  const adapter = new PrismaBetterSQLite3({ url: config.url, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const db = new SqliteClient({ adapter });
  // journal_mode=WAL is persistent (set by migrate); these two are per connection.
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  return db;
}

async function insertRows(tx: Tx, { table, columns, rows, now }: RowsInsert): Promise<void> {
  const createdAt = sqliteDate(now);
  const marks = `(${[...columns, null].map(() => '?').join(', ')})`;
  const params: unknown[] = [];
  for (const row of rows) params.push(...row, createdAt);
  const names = [...columns.map((c) => `"${c.name}"`), '"createdAt"'].join(', ');
  await tx.$executeRawUnsafe(`INSERT INTO "${table}" (${names}) VALUES ${rows.map(() => marks).join(', ')}`, ...params);
}

export function sqliteDialect(config: DbConfig): Dialect {
  const file = config.file!;
  return {
    provider: 'sqlite',
    openClient: () => openClient(config),
    insertRows,
    async claimRun(tx, workerId) {
      const now = sqliteDate(new Date());
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(CLAIM_RUN_SQLITE, workerId, now, now, now);
      return rows[0]?.id ?? null;
    },
    containsInsensitive: (q) => ({ contains: q }),
    writeTrajectoryBatch: async (runId, batchId, hash, rows) => writeTrajectoryBatchSqlite(file, SQLITE_BUSY_TIMEOUT_MS, runId, batchId, hash, rows),
    trajectoryPointRows: async (runId, after, limit) => trajectoryPointRowsSqlite(file, SQLITE_BUSY_TIMEOUT_MS, runId, after, limit),
    evalPointRows: async (runIds) => evalPointRowsSqlite(file, SQLITE_BUSY_TIMEOUT_MS, runIds),
    compareMetricRows: async (runIds) => compareMetricRowsSqlite(file, SQLITE_BUSY_TIMEOUT_MS, runIds),
    runEventRows: async (runId, after, limit) => runEventRowsSqlite(file, SQLITE_BUSY_TIMEOUT_MS, runId, after, limit),
  };
}
