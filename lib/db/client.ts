/**
 * The Prisma client for the configured database, created once per process and
 * migrated before first use, and that database's dialect (dialect.ts: what
 * differs between SQLite and PostgreSQL). SQLite runs in WAL mode with a busy
 * timeout so the web server and workers can share one file.
 */
import type { PrismaClient as SqliteClient, Prisma } from '@pareto-studio/prisma-sqlite';
import { resolveDbConfig, type DbConfig, type Provider } from './config';
import { dialectOf, type Dialect } from './dialect';
import { migrate } from './migrate';
import { closePostgresPools } from './raw/postgres';
import { closeSqliteConnections } from './raw/sqlite';

export { SQLITE_BUSY_TIMEOUT_MS } from './config';

/** Both generated clients expose the same model API; we type against the SQLite one. */
export type Db = SqliteClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

interface Handle {
  config: DbConfig;
  dialect: Dialect;
  db: Promise<Db>;
}

// Survive Next.js dev-server module reloads: one client per process.
const g = globalThis as unknown as { __paretoDb?: Handle };

async function open(config: DbConfig, dialect: Dialect): Promise<Db> {
  await migrate(config);
  return dialect.openClient();
}

/** The process-wide client; the database is created and migrated on first call. */
export function getDb(): Promise<Db> {
  const config = resolveDbConfig();
  if (g.__paretoDb && g.__paretoDb.config.url !== config.url) {
    throw new Error('DATABASE_URL changed while a database client was open; call closeDb() first');
  }
  if (!g.__paretoDb) {
    const dialect = dialectOf(config);
    const db = open(config, dialect);
    g.__paretoDb = { config, dialect, db };
    db.catch(() => {
      if (g.__paretoDb?.db === db) g.__paretoDb = undefined; // allow a retry after a failed start
    });
  }
  return g.__paretoDb.db;
}

/** The configured database's dialect (the open client's, else from DATABASE_URL). */
export function currentDialect(): Dialect {
  return g.__paretoDb?.dialect ?? dialectOf(resolveDbConfig());
}

/** The dialect, once the database is created and migrated (for the dialect's direct-driver reads and writes). */
export async function getDialect(): Promise<Dialect> {
  await getDb();
  return currentDialect();
}

export function dbProvider(): Provider {
  return currentDialect().provider;
}

export async function closeDb(): Promise<void> {
  const handle = g.__paretoDb;
  g.__paretoDb = undefined;
  closeSqliteConnections();
  await closePostgresPools();
  if (handle) await (await handle.db.catch(() => undefined))?.$disconnect();
}
