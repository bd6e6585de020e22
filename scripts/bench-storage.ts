/**
 * npm run bench:storage [-- --rows N] [-- --only sqlite|postgresql]
 *
 * Trajectory rows per second through the run log (zod validation, idempotent
 * batch claim, one transaction per batch of 1,000), next to the same rows
 * inserted with the raw driver in the same run: better-sqlite3 prepared
 * statements in a transaction, and a `pg` multi-row insert. Prints the ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { closeDb, getDb } from '../lib/db';
import { TRAJECTORY_COLUMNS, pushTrajectoryValues, type TrajectoryRow } from '../lib/db/raw/trajectory-rows';
import { insertTrajectoriesPostgres } from '../lib/db/raw/postgres';
import { logTrajectories, startRun, TrajectoryRecord } from '../lib/runs';
import { toTrajectoryRow } from '../lib/runs/run-log';
import { runInput, trajectories } from '../tests/support/fixtures';
import { machineDescription } from './cli/machine';
import { startPgCluster } from './lib/pg-cluster';

const BATCH = 1000;

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const totalRows = Number(flag('rows', '50000'));
const only = flag('only', 'all');
if (!Number.isInteger(totalRows) || totalRows < BATCH) throw new Error(`--rows must be an integer ≥ ${BATCH}`);
if (!['all', 'sqlite', 'postgresql'].includes(only)) throw new Error('--only must be sqlite or postgresql');

function asRows(runId: string, step: number): TrajectoryRow[] {
  return trajectories(step, BATCH).map((t) => toTrajectoryRow(runId, TrajectoryRecord.parse(t)));
}

async function viaRunLog(): Promise<{ rate: number; runId: string }> {
  const { run } = await startRun(runInput({ name: 'bench' }));
  const batches = totalRows / BATCH;
  // Build inputs first: we time the run log, not the fixture generator.
  const inputs = Array.from({ length: batches }, (_, b) => ({ batchId: `b${b}`, records: trajectories(b, BATCH) }));
  await logTrajectories(run.id, { batchId: 'warmup', records: trajectories(999_999, BATCH) });
  const t0 = performance.now();
  for (const batch of inputs) await logTrajectories(run.id, batch);
  const secs = (performance.now() - t0) / 1000;
  return { rate: totalRows / secs, runId: run.id };
}

function rawSqlite(file: string, runId: string): number {
  const db = new Database(file, { timeout: 15_000 });
  db.pragma('synchronous = NORMAL');
  const cols = TRAJECTORY_COLUMNS.map((c) => `"${c}"`).join(', ');
  const stmt = db.prepare(`INSERT INTO "Trajectory" (${cols}) VALUES (${TRAJECTORY_COLUMNS.map(() => '?').join(', ')})`);
  const insertBatch = db.transaction((rows: TrajectoryRow[]) => {
    const v: unknown[] = [];
    for (const r of rows) {
      v.length = 0;
      pushTrajectoryValues(v, r);
      stmt.run(...v);
    }
  });
  const batches = Array.from({ length: totalRows / BATCH }, (_, b) => asRows(runId, 10_000 + b));
  const t0 = performance.now();
  for (const rows of batches) insertBatch(rows);
  const secs = (performance.now() - t0) / 1000;
  db.close();
  return totalRows / secs;
}

async function rawPostgres(url: string, runId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const batches = Array.from({ length: totalRows / BATCH }, (_, b) => asRows(runId, 10_000 + b));
  const t0 = performance.now();
  for (const rows of batches) {
    const { sql, params } = insertTrajectoriesPostgres(rows);
    await client.query('BEGIN');
    await client.query(sql, params);
    await client.query('COMMIT');
  }
  const secs = (performance.now() - t0) / 1000;
  await client.end();
  return totalRows / secs;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US').padStart(9);

async function main() {
  console.log(`bench:storage — ${totalRows.toLocaleString('en-US')} trajectory rows in batches of ${BATCH}`);
  console.log(machineDescription());
  console.log('');
  console.log('provider     run log rows/s   raw driver rows/s   run log / raw');
  const results: string[] = [];

  if (only !== 'postgresql') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sqlite-'));
    const file = path.join(dir, 'bench.db');
    process.env.DATABASE_URL = `file:${file}`;
    await getDb();
    const { rate, runId } = await viaRunLog();
    await closeDb();
    const raw = rawSqlite(file, runId);
    results.push(`sqlite      ${fmt(rate)}        ${fmt(raw)}            ${(rate / raw).toFixed(2)}`);
    console.log(results.at(-1));
    fs.rmSync(dir, { recursive: true, force: true });
  }

  if (only !== 'sqlite') {
    const cluster = await startPgCluster();
    try {
      process.env.DATABASE_URL = cluster.createDatabase('bench');
      await getDb();
      const { rate, runId } = await viaRunLog();
      await closeDb();
      const raw = await rawPostgres(process.env.DATABASE_URL, runId);
      results.push(`postgresql  ${fmt(rate)}        ${fmt(raw)}            ${(rate / raw).toFixed(2)}`);
      console.log(results.at(-1));
    } finally {
      await cluster.stop();
    }
  }
  console.log('\nrun log = zod validation + idempotent batch claim + multi-row insert, one transaction per batch.');
  console.log('raw sqlite = better-sqlite3 prepared statement per row in a transaction; raw postgresql = pg multi-row insert.');
}

await main();
