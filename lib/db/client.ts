/**
 * The Prisma client for the configured database, created once per process and
 * migrated before first use. SQLite runs in WAL mode with a busy timeout so the
 * web server and workers can share one file.
 */
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient, type Prisma } from '@pareto-studio/prisma-sqlite';
import { PrismaClient as PostgresClient } from '@pareto-studio/prisma-postgres';
import { resolveDbConfig, type DbConfig, type Provider } from './config';
import { migrate } from './migrate';
import { closePostgresPools } from './raw/postgres';
import { closeSqliteConnections } from './raw/sqlite';

/** Both generated clients expose the same model API; we type against the SQLite one. */
export type Db = SqliteClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;

interface Handle {
  config: DbConfig;
  db: Promise<Db>;
}

export const SQLITE_BUSY_TIMEOUT_MS = 15_000;

// Survive Next.js dev-server module reloads: one client per process.
const g = globalThis as unknown as { __paretoDb?: Handle };

async function open(config: DbConfig): Promise<Db> {
  await migrate(config);
  if (config.provider === 'sqlite') {
    const adapter = new PrismaBetterSQLite3({ url: config.url, timeout: SQLITE_BUSY_TIMEOUT_MS });
    const db = new SqliteClient({ adapter });
    // journal_mode=WAL is persistent (set by migrate); these two are per connection.
    await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
    return db;
  }
  const adapter = new PrismaPg({ connectionString: config.url, max: 10 });
  return new PostgresClient({ adapter }) as unknown as Db;
}

/** The process-wide client; the database is created and migrated on first call. */
export function getDb(): Promise<Db> {
  const config = resolveDbConfig();
  if (g.__paretoDb && g.__paretoDb.config.url !== config.url) {
    throw new Error('DATABASE_URL changed while a database client was open; call closeDb() first');
  }
  if (!g.__paretoDb) {
    const db = open(config);
    g.__paretoDb = { config, db };
    db.catch(() => {
      if (g.__paretoDb?.db === db) g.__paretoDb = undefined; // allow a retry after a failed start
    });
  }
  return g.__paretoDb.db;
}

export function dbProvider(): Provider {
  return (g.__paretoDb?.config ?? resolveDbConfig()).provider;
}

export async function closeDb(): Promise<void> {
  const handle = g.__paretoDb;
  g.__paretoDb = undefined;
  closeSqliteConnections();
  await closePostgresPools();
  if (handle) await (await handle.db.catch(() => undefined))?.$disconnect();
}
