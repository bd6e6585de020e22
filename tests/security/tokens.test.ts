/**
 * Tokens from the CLI, on SQLite and PostgreSQL: shown once, stored only as
 * their SHA-256, listed by prefix, revoked for good. Also: the SQLite file is
 * private (0600), worker ids carry no host name, and runs logged before event
 * seqs existed get theirs on migration.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { findActiveToken, getDb, listEvents, closeDb, migrate, resolveDbConfig } from '../../lib/db';
import { defaultWorkerId, DEFAULT_WORKER_OPTIONS } from '../../lib/worker/worker';
import { DATABASES, useDatabase } from '../support/databases';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const tokenCli = (url: string, args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'token.ts'), ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
  });

describe.each(DATABASES)('API tokens on %s', (provider) => {
  const { url } = useDatabase(provider);

  it('are shown once by the CLI and stored only as their SHA-256', async () => {
    const out = tokenCli(url(), ['create', '--name', 'trainer-1', '--role', 'writer']);
    const secret = /\b(pst_[A-Za-z0-9_-]{43})\b/.exec(out)![1];
    const db = await getDb();
    const rows = await db.apiToken.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: 'trainer-1', role: 'writer', hash: crypto.createHash('sha256').update(secret).digest('hex') });
    // The secret is nowhere in the row.
    expect(JSON.stringify(rows[0])).not.toContain(secret.slice(4));
    expect(rows[0].prefix.length).toBeLessThan(12);
    expect(await findActiveToken(secret)).toMatchObject({ name: 'trainer-1', role: 'writer' });

    const list = tokenCli(url(), ['list']);
    expect(list).toContain('trainer-1');
    expect(list).not.toContain(secret);
    tokenCli(url(), ['revoke', '--name', 'trainer-1']);
    expect(await findActiveToken(secret)).toBeNull();
    expect(tokenCli(url(), ['list'])).toMatch(/trainer-1.*REVOKED/);
  });
});

describe('small findings', () => {
  it('a new SQLite database file is readable by its owner only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mode-'));
    const file = path.join(dir, 'sub', 'x.db');
    await migrate(resolveDbConfig(`file:${file}`));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    // an existing world-readable file is tightened on the next start
    fs.chmodSync(file, 0o644);
    await migrate(resolveDbConfig(`file:${file}`));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('worker ids carry no host name, and a dead worker’s run resumes within a minute', () => {
    expect(defaultWorkerId()).toMatch(/^worker-[0-9a-f]{8}$/);
    expect(defaultWorkerId()).not.toContain(os.hostname());
    expect(DEFAULT_WORKER_OPTIONS.staleMs).toBeLessThan(60_000);
  });

  it('events logged before event seqs existed are numbered on migration', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seq-'));
    const url = `file:${path.join(dir, 'x.db')}`;
    await migrate(resolveDbConfig(url), { upTo: '0002_run_events_and_cancel' });
    const raw = new Database(url.slice(5));
    const now = new Date().toISOString().replace('Z', '+00:00');
    for (const id of ['a', 'b']) {
      raw
        .prepare(
          `INSERT INTO "Run" ("id","name","environment","algorithm","config","seed","objectives","createdAt","updatedAt") VALUES (?, 'r', 'calc', 'x', '{}', 0, '[]', ?, ?)`,
        )
        .run(id, now, now);
    }
    for (const [run, step] of [
      ['a', 0],
      ['b', 0],
      ['a', 1],
      ['b', 1],
      ['a', 2],
    ] as const) {
      raw.prepare(`INSERT INTO "RunEvent" ("runId","kind","payload","createdAt") VALUES (?, 'metric', ?, ?)`).run(run, JSON.stringify({ step }), now);
    }
    raw.close();
    await closeDb();
    process.env.DATABASE_URL = url;
    try {
      await getDb(); // migrates the rest
      expect((await listEvents('a', { afterId: 0, limit: 10 })).map((e) => [e.id, e.payload.step])).toEqual([
        [1, 0],
        [2, 1],
        [3, 2],
      ]);
      expect((await listEvents('b', { afterId: 1, limit: 10 })).map((e) => [e.id, e.payload.step])).toEqual([[2, 1]]);
      expect((await (await getDb()).run.findUnique({ where: { id: 'a' } }))?.eventSeq).toBe(3);
    } finally {
      await closeDb();
      delete process.env.DATABASE_URL;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
