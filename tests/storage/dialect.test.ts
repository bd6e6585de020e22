/**
 * The dialect (lib/db/dialect.ts) is lib/db's one place for what differs
 * between SQLite and PostgreSQL: each provider gets its own, and what the rest
 * of lib/db builds on it behaves the same on both.
 */
import { describe, expect, it } from 'vitest';
import { appendEvents, getDb, listEvents, listRuns, resolveDbConfig } from '../../lib/db';
import { getDialect } from '../../lib/db/client';
import { startRun } from '../../lib/runs';
import { DATABASES, useDatabase } from '../support/databases';
import { runInput } from '../support/fixtures';

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
