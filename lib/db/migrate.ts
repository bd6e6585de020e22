/**
 * Applies prisma/migrations/<provider>/NNNN_name/migration.sql in order, once
 * each, for SQLite and PostgreSQL alike. Prisma's `migrate deploy` cannot do
 * PostgreSQL offline (its JS schema engine fails on introspection), so one
 * small runner serves both: a `_studio_migrations` table records what ran,
 * each migration runs in its own transaction, and concurrent starters
 * serialize on a lock (an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { resolveDbConfig, type DbConfig } from './config';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const LOCK_KEY = 7_004_202_611; // arbitrary, stable: "pareto-studio migrations"

export function loadMigrations(provider: DbConfig['provider']): Migration[] {
  // Statically scoped so Next's file tracing includes just this folder.
  const dir = path.join(process.cwd(), 'prisma', 'migrations', provider === 'sqlite' ? 'sqlite' : 'postgres');
  if (!fs.existsSync(dir)) throw new Error(`no migrations found in ${dir}`);
  return fs
    .readdirSync(dir)
    .filter((d) => /^\d{4}_[a-z0-9_]+$/.test(d))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

/** Returns the names of the migrations applied by this call. */
export async function migrate(config: DbConfig = resolveDbConfig(), opts: { upTo?: string } = {}): Promise<string[]> {
  let migrations = loadMigrations(config.provider);
  if (opts.upTo) {
    const last = migrations.findIndex((m) => m.name === opts.upTo);
    if (last < 0) throw new Error(`unknown migration ${opts.upTo}`);
    migrations = migrations.slice(0, last + 1);
  }
  return config.provider === 'sqlite' ? migrateSqlite(config.file!, migrations) : migratePostgres(config.url, migrations);
}

function checkApplied(applied: Map<string, string>, migrations: Migration[]): Migration[] {
  for (const [name, checksum] of applied) {
    const m = migrations.find((x) => x.name === name);
    if (!m) throw new Error(`database has migration ${name}, which this version of Pareto Studio does not know`);
    if (m.checksum !== checksum) throw new Error(`migration ${name} was changed after it was applied`);
  }
  return migrations.filter((m) => !applied.has(m.name));
}

/**
 * The database holds token hashes and everyone's runs: readable by its owner
 * only (0600). SQLite creates the -wal and -shm files with the database
 * file's mode, so fixing the file fixes them.
 */
function restrictSqliteFile(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      // turbopackIgnore: a runtime path (the database file), not a file of the app to bundle
      if ((fs.statSync(/*turbopackIgnore: true*/ f).mode & 0o077) !== 0) fs.chmodSync(/*turbopackIgnore: true*/ f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/**
 * Data step of the migration that introduced per-run event seqs: events logged
 * before it are numbered 1, 2, … in id order (ids were commit-ordered then:
 * one writer per run), so existing runs replay their feed as before.
 */
const SEQ_MIGRATION = '0003_team_mode';
const BACKFILL_EVENT_SEQ_SQLITE = `
UPDATE "RunEvent" SET "seq" = (SELECT COUNT(*) FROM "RunEvent" e2 WHERE e2."runId" = "RunEvent"."runId" AND e2."id" <= "RunEvent"."id");
UPDATE "Run" SET "eventSeq" = COALESCE((SELECT MAX("seq") FROM "RunEvent" e WHERE e."runId" = "Run"."id"), 0);`;
const BACKFILL_EVENT_SEQ_POSTGRES = `
UPDATE "RunEvent" r SET "seq" = x.rn FROM (SELECT "id", row_number() OVER (PARTITION BY "runId" ORDER BY "id") AS rn FROM "RunEvent") x WHERE r."id" = x."id";
UPDATE "Run" SET "eventSeq" = COALESCE((SELECT MAX("seq") FROM "RunEvent" e WHERE e."runId" = "Run"."id"), 0);`;

function migrateSqlite(file: string, migrations: Migration[]): string[] {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  restrictSqliteFile(file);
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    // Table redefinitions (create new, copy, drop old, rename) must not fire
    // ON DELETE CASCADE when the old table is dropped, and the pragma is a
    // no-op inside a transaction: turn it off for this connection up front and
    // verify integrity before each commit instead.
    db.pragma('foreign_keys = OFF');
    db.exec('CREATE TABLE IF NOT EXISTS "_studio_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)');
    const done: string[] = [];
    const applyAll = db.transaction(() => {
      const rows = db.prepare('SELECT name, checksum FROM "_studio_migrations"').all() as { name: string; checksum: string }[];
      for (const m of checkApplied(new Map(rows.map((r) => [r.name, r.checksum])), migrations)) {
        db.exec(m.sql);
        if (m.name === SEQ_MIGRATION) db.exec(BACKFILL_EVENT_SEQ_SQLITE);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length) throw new Error(`migration ${m.name} leaves ${broken.length} foreign-key violations`);
        db.prepare('INSERT INTO "_studio_migrations" VALUES (?, ?, ?)').run(m.name, m.checksum, new Date().toISOString());
        done.push(m.name);
      }
    });
    applyAll.immediate();
    return done;
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS "_studio_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM "_studio_migrations"');
    const done: string[] = [];
    for (const m of checkApplied(new Map(rows.map((r) => [r.name, r.checksum])), migrations)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        if (m.name === SEQ_MIGRATION) await client.query(BACKFILL_EVENT_SEQ_POSTGRES);
        await client.query('INSERT INTO "_studio_migrations" (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
