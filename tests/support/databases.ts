/**
 * Storage tests run against both providers: a fresh SQLite file and a fresh
 * database in the PostgreSQL cluster that tests/global-setup.ts started.
 *
 *   describe.each(DATABASES)('%s', (provider) => { useDatabase(provider); it(...) })
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeDb, getDb } from '../../lib/db';

export const DATABASES = ['sqlite', 'postgresql'] as const;
export type TestProvider = (typeof DATABASES)[number];

/** Creates an empty database and returns its DATABASE_URL; `drop` removes it. */
export async function createTestDatabase(provider: TestProvider): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pareto-sqlite-'));
    return { url: `file:${path.join(dir, 'test.db')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = inject('pgUrl');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Points lib/db at a fresh database of this provider for the enclosing describe block. */
export function useDatabase(provider: TestProvider): { url: () => string } {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    await closeDb();
    db = await createTestDatabase(provider);
    process.env.DATABASE_URL = db.url;
    await getDb();
  });
  afterAll(async () => {
    await closeDb();
    delete process.env.DATABASE_URL;
    await db?.drop();
  });
  return { url: () => db!.url };
}
