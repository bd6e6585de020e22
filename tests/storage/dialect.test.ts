/**
 * The dialect (lib/db/dialect.ts) is lib/db's one place for what differs
 * between SQLite and PostgreSQL: each provider gets its own, and what the rest
 * of lib/db builds on it behaves the same on both.
 */
import pg from 'pg';
import { describe, expect, inject, it, vi } from 'vitest';
import { appendEvents, countTrajectories, getDb, listEvents, listRuns, resolveDbConfig } from '../../lib/db';
import { getDialect } from '../../lib/db/client';
import { logTrajectories, startRun } from '../../lib/runs';
import { DATABASES, useDatabase } from '../support/databases';
import { runInput, trajectories } from '../support/fixtures';

describe.each(DATABASES)('dialect on %s', (provider) => {
  useDatabase(provider);

  it("is the configured provider's", async () => {
    expect((await getDialect()).provider).toBe(resolveDbConfig().provider);
    expect((await getDialect()).provider).toBe(provider);
  });

  it('multi-row insert: JSON payloads as written, createdAt now (UTC)', async () => {
    const { run } = await startRun(runInput({ name: `insert-${provider}` }));
    const before = Date.now();
    const db = await getDb();
    const payloads = [{ step: 1, points: [[0.5, 2]], note: 'ünïcode "quoted"' }, { step: 2 }, { nested: { a: [1, null, true] } }];
    await db.$transaction((tx) =>
      appendEvents(
        tx,
        run.id,
        payloads.map((payload) => ({ kind: 'frontier' as const, payload })),
      ),
    );
    const events = (await listEvents(run.id, { afterId: 0, limit: 100 })).filter((e) => e.kind === 'frontier');
    expect(events.map((e) => e.payload)).toEqual(payloads);
    for (const e of events) {
      // Within a minute of now, on either clock (SQLite: this process's; PostgreSQL: the server's, stored as UTC).
      expect(Math.abs(e.createdAt.getTime() - before)).toBeLessThan(60_000);
    }
  });

  it('search ignores case in names, notes and tags', async () => {
    const { run } = await startRun(runInput({ name: `MixedCase Dialect ${provider}`, notes: 'Has A Note', tags: ['TagOne'] }));
    for (const q of ['mixedcase dialect', 'MIXEDCASE DIALECT', 'has a note', 'tagone']) {
      expect((await listRuns({ q, limit: 50 })).runs.map((r) => r.id)).toContain(run.id);
    }
    expect((await listRuns({ q: 'no-such-run-anywhere', limit: 50 })).runs).toEqual([]);
  });
});

describe('PostgreSQL connections the server closes', () => {
  const { url } = useDatabase('postgresql');

  it('an idle pooled connection terminated by the server is logged and replaced, not an uncaught error', async () => {
    const { run } = await startRun(runInput({ name: 'terminated connections' }));
    // Both pools hold an idle connection: the raw pool (trajectory batches) and Prisma's (everything else).
    expect(await logTrajectories(run.id, { batchId: 'before', records: trajectories(1, 5) })).toEqual({ applied: true, rows: 5 });
    expect(await countTrajectories(run.id)).toBe(5);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const admin = new pg.Client({ connectionString: inject('pgUrl') });
      await admin.connect();
      const database = new URL(url()).pathname.slice(1);
      const ended = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
      await admin.end();
      expect(ended.rowCount).toBeGreaterThanOrEqual(2);
      await vi.waitFor(() => expect(warn.mock.calls.flat().join('\n')).toMatch(/idle PostgreSQL connection was closed by the server/), { timeout: 5000 });
    } finally {
      warn.mockRestore();
    }

    // Both pools open new connections on the next queries.
    expect(await logTrajectories(run.id, { batchId: 'after', records: trajectories(2, 5) })).toEqual({ applied: true, rows: 5 });
    expect(await countTrajectories(run.id)).toBe(10);
  });
});
