/**
 * The run event stream (GET /api/runs/:id/events) over real HTTP against
 * `next start`, on SQLite and PostgreSQL: events arrive in order; a client
 * that disconnects mid-stream and reconnects with Last-Event-ID, while a
 * writer keeps logging, sees every event exactly once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases';
import { useNextServer } from '../support/next-server';
import { mintToken } from '../support/auth';
import { runInput } from '../support/fixtures';
import { readSse, type SseMessage } from '../support/sse';

interface SseEvent {
  id: number;
  event: string;
  data: Record<string, unknown>;
}

/** Reads the stream until `until` says stop (or the time runs out), then hangs up; data parsed as JSON. */
async function readEvents(
  url: string,
  opts: { lastEventId?: number; until: (events: SseEvent[]) => boolean; headers?: Record<string, string> },
): Promise<{ events: SseEvent[]; comments: string[] }> {
  const parse = (messages: SseMessage[]): SseEvent[] => messages.map((m) => ({ id: m.id, event: m.event, data: JSON.parse(m.data) }));
  const { messages, comments } = await readSse(url, (m) => opts.until(parse(m)), opts);
  return { events: parse(messages), comments };
}

describe.each(DATABASES)('SSE run events on %s', (provider) => {
  const next = useNextServer(provider);
  // PostgreSQL servers run in team mode: this suite acts as an admin (ignored in local mode).
  let auth: Record<string, string> = {};
  beforeAll(async () => {
    auth = (await mintToken(next.get(), 'admin')).headers;
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(next.get().url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json() as Promise<Record<string, any>>;
  };
  const step = (runId: string, s: number) =>
    post(`/api/runs/${runId}/steps`, { batchId: `steps-${s}`, records: [{ step: s, stage: s < 5 ? 1 : 2, hypervolume: s / 10 }] });

  it('streams the feed in order: status, metrics, eval points, frontiers', async () => {
    const { run } = await post('/api/runs', runInput({ name: 'sse order' }));
    for (let s = 0; s < 3; s++) await step(run.id, s);
    await post(`/api/runs/${run.id}/eval-points`, { batchId: 'e0', records: [{ step: 2, objectives: [0.5, 1] }] });
    await post(`/api/runs/${run.id}/frontiers`, { batchId: 'f0', records: [{ step: 2, points: [[0.5, 1]], hypervolume: 1.5 }] });
    const { events, comments } = await readEvents(`${next.get().url}/api/runs/${run.id}/events`, { headers: auth, until: (e) => e.length >= 6 });
    expect(events.map((e) => e.event)).toEqual(['status', 'metric', 'metric', 'metric', 'eval', 'frontier']);
    expect(events.map((e) => e.data.step ?? null)).toEqual([null, 0, 1, 2, 2, 2]);
    expect(events[0].data).toEqual({ status: 'running' });
    for (let i = 1; i < events.length; i++) expect(events[i].id).toBeGreaterThan(events[i - 1].id);
    expect(comments[0]).toMatch(/tailing run/);

    // ?after= resumes after an id, like Last-Event-ID does
    const tail = await readEvents(`${next.get().url}/api/runs/${run.id}/events?after=${events[3].id}`, { headers: auth, until: (e) => e.length >= 2 });
    expect(tail.events.map((e) => e.id)).toEqual([events[4].id, events[5].id]);
  });

  it('loses and repeats nothing across a reconnect with Last-Event-ID while a writer logs', async () => {
    const { run } = await post('/api/runs', runInput({ name: 'sse reconnect' }));
    const N = 40;
    let writing = true;
    const writer = (async () => {
      for (let s = 0; s < N; s++) {
        await step(run.id, s);
        await new Promise((r) => setTimeout(r, 15));
      }
      writing = false;
    })();
    const url = `${next.get().url}/api/runs/${run.id}/events`;
    const seen: SseEvent[] = [];
    // First connection: read a few events, then hang up mid-stream.
    const first = await readEvents(url, { headers: auth, until: (e) => e.length >= 8 });
    seen.push(...first.events);
    expect(writing).toBe(true); // the writer is still logging while we are away
    // Reconnect (twice) from the last id we saw, as EventSource does.
    const second = await readEvents(url, { headers: auth, lastEventId: seen[seen.length - 1].id, until: (e) => e.length >= 10 });
    seen.push(...second.events);
    await writer;
    const third = await readEvents(url, { headers: auth, lastEventId: seen[seen.length - 1].id, until: (e) => seen.length + e.length >= N + 1 });
    seen.push(...third.events);

    const steps = seen.filter((e) => e.event === 'metric').map((e) => e.data.step);
    expect(steps).toEqual(Array.from({ length: N }, (_, i) => i));
    const ids = seen.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('answers 404 for an unknown run and 400 naming a bad cursor', async () => {
    const missing = await fetch(`${next.get().url}/api/runs/nope/events`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: expect.stringContaining('nope') });
    const { run } = await post('/api/runs', runInput({ name: 'sse bad cursor' }));
    const bad = await fetch(`${next.get().url}/api/runs/${run.id}/events?after=abc`, { headers: auth });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('after');
    const badHeader = await fetch(`${next.get().url}/api/runs/${run.id}/events`, { headers: { ...auth, 'last-event-id': '-3' } });
    expect(badHeader.status).toBe(400);
    expect(JSON.stringify(await badHeader.json())).toContain('Last-Event-ID');
  });

  it('serves the trajectory cloud in columns, paged by id, and sparklines', async () => {
    const { run } = await post('/api/runs', runInput({ name: 'cloud' }));
    const records = Array.from({ length: 30 }, (_, i) => ({
      step: i % 3,
      group: 0,
      index: i,
      prompt: 'p',
      tokens: [{ kind: 'answer', text: '1' }],
      objectives: [i % 2, i],
    }));
    await post(`/api/runs/${run.id}/trajectories`, { batchId: 't', records });
    const p1 = await (await fetch(`${next.get().url}/api/runs/${run.id}/trajectory-points?limit=20`, { headers: auth })).json();
    expect(p1.dim).toBe(2);
    expect(p1.ids).toHaveLength(20);
    expect(p1.values).toHaveLength(40);
    expect(p1.values.slice(0, 4)).toEqual([0, 0, 1, 1]);
    const p2 = await (await fetch(`${next.get().url}/api/runs/${run.id}/trajectory-points?after=${p1.nextCursor}`, { headers: auth })).json();
    expect(p2.ids).toHaveLength(10);
    expect(p2.nextCursor).toBeNull();
    expect(p2.steps[9]).toBe(29 % 3);

    for (let s = 0; s < 100; s++) await step(run.id, s);
    const spark = await (await fetch(`${next.get().url}/api/runs/sparklines?ids=${run.id},unknown&points=10`, { headers: auth })).json();
    expect(spark.series[run.id].values).toHaveLength(10);
    expect(spark.series[run.id].total).toBe(100);
    expect(spark.series.unknown).toEqual({ steps: [], values: [], total: 0 });
  });
});
