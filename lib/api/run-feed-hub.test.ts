/**
 * The shared feed poller against a real SQLite database: subscribers that
 * join at any moment (also while a page is being read) get every event once,
 * contiguously, whatever the other subscribers' cursors.
 */
import { describe, expect, it } from 'vitest';
import { getDb } from '../db';
import { appendEvents } from '../db/events';
import { startRun } from '../runs';
import { useDatabase } from '../../tests/support/databases';
import { runInput } from '../../tests/support/fixtures';
import { FeedHub, DEFAULT_FEED_OPTIONS } from './run-feed-hub';

describe('FeedHub', () => {
  useDatabase('sqlite');

  it('a subscriber joining mid-stream behind the others gets no gap', async () => {
    const { run } = await startRun(runInput());
    const db = await getDb();
    const add = (n: number) =>
      db.$transaction((tx) =>
        appendEvents(
          tx,
          run.id,
          Array.from({ length: n }, (_, i) => ({ kind: 'metric' as const, payload: { step: i } })),
        ),
      );
    await add(40);
    const hub = new FeedHub({ ...DEFAULT_FEED_OPTIONS, pollMs: 10, pageSize: 7 });
    const got = new Map<number, number[]>();
    const join = (k: number, cursor: number) => {
      got.set(k, []);
      hub.subscribe({
        runId: run.id,
        cursor,
        lastWrite: Date.now(),
        write: (text) => {
          for (const m of text.matchAll(/^id: (\d+)$/gm)) got.get(k)!.push(Number(m[1]));
          return true;
        },
      });
    };
    join(0, 30);
    for (let k = 1; k < 12; k++) {
      join(k, (k * 5) % 41); // joining at many cursors while pages are read
      await add(3);
      await new Promise((r) => setTimeout(r, 3));
    }
    const total = 1 + 40 + 33; // the run's status event, then the metrics
    await expect.poll(() => Math.min(...[...got.values()].map((ids) => ids.at(-1) ?? 0)), { timeout: 10_000 }).toBe(total);
    for (let k = 0; k < 12; k++) {
      const start = k === 0 ? 30 : (k * 5) % 41;
      expect(got.get(k), `subscriber ${k}`).toEqual(Array.from({ length: total - start }, (_, i) => start + i + 1));
    }
    expect(hub.connections).toBe(12);
  });

  it('a subscriber that joins while a page is being delivered, behind it, gets no gap', async () => {
    const { run } = await startRun(runInput());
    const db = await getDb();
    await db.$transaction((tx) =>
      appendEvents(
        tx,
        run.id,
        Array.from({ length: 30 }, (_, i) => ({ kind: 'metric' as const, payload: { step: i } })),
      ),
    );
    const hub = new FeedHub({ ...DEFAULT_FEED_OPTIONS, pollMs: 50, pageSize: 7 });
    const a: number[] = [];
    const b: number[] = [];
    const ids = (text: string) => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    hub.subscribe({
      runId: run.id,
      cursor: 0,
      lastWrite: Date.now(),
      write: (text) => {
        if (a.length === 0) hub.subscribe({ runId: run.id, cursor: 2, lastWrite: Date.now(), write: (t) => (b.push(...ids(t)), true) });
        a.push(...ids(text));
        return true;
      },
    });
    await expect.poll(() => Math.min(a.at(-1) ?? 0, b.at(-1) ?? 0), { timeout: 10_000 }).toBe(31);
    expect(a).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(b).toEqual(Array.from({ length: 29 }, (_, i) => i + 3));
  });

  it('refuses subscribers beyond the cap', () => {
    const hub = new FeedHub({ ...DEFAULT_FEED_OPTIONS, maxConnections: 1 });
    const sub = { runId: 'x', cursor: 0, lastWrite: 0, write: () => true };
    const off = hub.subscribe(sub);
    expect(off).not.toBeNull();
    expect(hub.subscribe({ ...sub })).toBeNull();
    off!();
    expect(hub.connections).toBe(0);
  });
});
