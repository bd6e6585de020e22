/**
 * Several writers on one run and many live subscribers, over real HTTP
 * against `next start`: on PostgreSQL (and SQLite), with 4 writers logging
 * concurrently and 10 subscribers, some of which hang up and reconnect with
 * Last-Event-ID mid-stream, every subscriber receives every event exactly
 * once, in commit order (seqs 1, 2, … with no gap), and each writer's events
 * in the order it wrote them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases';
import { useNextServer } from '../support/next-server';
import { grantRun, mintToken, type TestToken } from '../support/auth';
import { runInput } from '../support/fixtures';
import { readSse } from '../support/sse';

interface Ev {
  id: number;
  event: string;
  data: Record<string, any>;
}

/** Reads until `stop(seen)` says so, then hangs up; data parsed as JSON. */
async function subscribe(url: string, headers: Record<string, string>, lastEventId: number, stop: (seen: number) => boolean): Promise<Ev[]> {
  const { messages } = await readSse(url, (m) => stop(m.length), { headers, lastEventId, timeoutMs: 120_000 });
  return messages.map((m) => ({ id: m.id, event: m.event, data: JSON.parse(m.data) }));
}

describe.each(DATABASES)('SSE with concurrent writers on %s', (provider) => {
  const next = useNextServer(provider, { PARETO_AUTH: 'team' });
  let writers: TestToken[] = [];
  let reader: TestToken;
  beforeAll(async () => {
    writers = await Promise.all([0, 1, 2, 3].map((i) => mintToken(next.get(), 'writer', `w${i}`)));
    reader = await mintToken(next.get(), 'reader');
  });

  it('4 writers × 10 subscribers (with reconnects): every event exactly once, in commit order', async () => {
    const base = next.get().url;
    const post = async (token: TestToken, path: string, body: unknown) => {
      const res = await fetch(base + path, { method: 'POST', headers: { ...token.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return res.json();
    };
    const { run } = await post(writers[0], '/api/runs', runInput({ name: 'many writers' }));
    for (const w of writers.slice(1)) await grantRun(next.get(), run.id, w);
    const PER_WRITER = 125;
    const TOTAL = 1 + 4 * PER_WRITER; // the run's status event, then the steps
    const url = `${base}/api/runs/${run.id}/events`;

    let writing = true;
    const progress: number[] = Array(10).fill(0);
    const watchdog = setTimeout(() => {
      console.log(`[sse test] stalled: progress ${progress.join(',')}\nserver logs:\n${next.get().logs().slice(-5000)}`);
    }, 90_000);
    const subscribers = Array.from({ length: 10 }, async (_, k) => {
      const seen: Ev[] = [];
      // Subscribers 0-4 hang up every 60-ish events and reconnect from their last id.
      const chunk = k < 5 ? 40 + 7 * k : Infinity;
      let reconnects = 0;
      while (seen.length < TOTAL) {
        const got = await subscribe(url, reader.headers, seen.at(-1)?.id ?? 0, (n) => seen.length + n >= TOTAL || n >= chunk);
        seen.push(...got);
        progress[k] = seen.length;
        if (seen.length < TOTAL) reconnects++;
        if (process.env.SSE_TEST_DEBUG) console.log(`[sse test] subscriber ${k}: ${seen.length}/${TOTAL}`);
      }
      return { seen, reconnects };
    });
    await new Promise((r) => setTimeout(r, 300)); // everyone connected before the burst
    const t0 = Date.now();
    await Promise.all(
      writers.map(async (w, i) => {
        for (let s = 0; s < PER_WRITER; s++) {
          await post(w, `/api/runs/${run.id}/steps`, { batchId: `w${i}-${s}`, records: [{ step: i * 1000 + s, hypervolume: s }] });
        }
      }),
    );
    writing = false;
    console.log(`[sse test] writers done after ${Date.now() - t0} ms`);
    const results = await Promise.all(subscribers);
    clearTimeout(watchdog);
    expect(writing).toBe(false);
    for (const [k, { seen, reconnects }] of results.entries()) {
      // exactly once, no gaps: ids are the run's seqs 1..TOTAL in order
      expect(
        seen.map((e) => e.id),
        `subscriber ${k}`,
      ).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
      const steps = seen.filter((e) => e.event === 'metric').map((e) => e.data.step as number);
      expect(new Set(steps).size).toBe(4 * PER_WRITER);
      for (let i = 0; i < 4; i++) {
        const mine = steps.filter((s) => Math.floor(s / 1000) === i);
        expect(mine, `writer ${i} order at subscriber ${k}`).toEqual(Array.from({ length: PER_WRITER }, (_, s) => i * 1000 + s));
      }
      if (k < 5) expect(reconnects, `subscriber ${k} reconnected`).toBeGreaterThan(3);
    }
    // Every subscriber saw the same sequence.
    const first = JSON.stringify(results[0].seen);
    for (const r of results) expect(JSON.stringify(r.seen)).toBe(first);
  }, 180_000);

  it('beyond the connection cap the answer is a clear 503 with Retry-After', async () => {
    // Covered with a low cap on its own server below; here: a normal stream opens.
    const { run } = await (
      await fetch(`${next.get().url}/api/runs`, {
        method: 'POST',
        headers: { ...writers[0].headers, 'content-type': 'application/json' },
        body: JSON.stringify(runInput()),
      })
    ).json();
    const got = await subscribe(`${next.get().url}/api/runs/${run.id}/events`, reader.headers, 0, (n) => n >= 1);
    expect(got[0].id).toBe(1);
  });
});

describe('SSE connection cap', () => {
  const next = useNextServer('sqlite', { PARETO_SSE_MAX: '3' });
  it('the 4th concurrent stream gets 503 with Retry-After; a slot frees when one hangs up', async () => {
    const { run } = await (
      await fetch(`${next.get().url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(runInput()) })
    ).json();
    const url = `${next.get().url}/api/runs/${run.id}/events`;
    const ctls = [0, 1, 2].map(() => new AbortController());
    const open = await Promise.all(ctls.map((c) => fetch(url, { signal: c.signal })));
    expect(open.map((r) => r.status)).toEqual([200, 200, 200]);
    const over = await fetch(url);
    expect(over.status).toBe(503);
    expect(over.headers.get('retry-after')).toBe('5');
    expect((await over.json()).error).toMatch(/too many live connections \(3\)/);
    ctls[0].abort();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const c = new AbortController();
      const r = await fetch(url, { signal: c.signal });
      status = r.status;
      c.abort();
    }
    expect(status).toBe(200);
    for (const c of ctls) c.abort();
  });
});
