/**
 * The run feed's snapshot (GET /api/runs/:id/events/snapshot) over real HTTP
 * against `next start`, on SQLite and PostgreSQL: it holds exactly the events
 * the SSE stream replays (evaluation points as columns), pages chain by
 * cursor, and the stream tailed from its cursor continues without a gap or a
 * duplicate.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases';
import { useNextServer } from '../support/next-server';
import { mintToken } from '../support/auth';
import { runInput } from '../support/fixtures';
import { readSse } from '../support/sse';
import { feedSnapshotFromWire, runEventFromWire, type FeedSnapshotWire, type RunEventMessage } from '../../lib/client/wire';

/** Reads SSE messages until `count` have arrived, then hangs up; decoded as the browser decodes them. */
async function streamed(url: string, headers: Record<string, string>, count: number): Promise<RunEventMessage[]> {
  const { messages } = await readSse(url, (m) => m.length >= count, { headers });
  return messages.map((m) => runEventFromWire(m.event, m.id, m.data)!);
}

describe.each(DATABASES)('run feed snapshot on %s', (provider) => {
  const next = useNextServer(provider);
  let auth: Record<string, string> = {};
  beforeAll(async () => {
    auth = (await mintToken(next.get(), 'admin')).headers;
  });
  const post = async (path: string, body: unknown) => {
    const res = await fetch(next.get().url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res.json() as Promise<Record<string, any>>;
  };
  const snapshot = async (runId: string, query: string) => {
    const res = await fetch(`${next.get().url}/api/runs/${runId}/events/snapshot${query}`, { headers: auth });
    expect(res.status).toBe(200);
    return (await res.json()) as FeedSnapshotWire;
  };

  it('holds the events the stream replays, pages by cursor, and the stream continues after it', async () => {
    const { run } = await post('/api/runs', runInput({ name: 'snapshot' }));
    for (let s = 0; s < 2; s++) await post(`/api/runs/${run.id}/steps`, { batchId: `s${s}`, records: [{ step: s, hypervolume: s / 10 }] });
    await post(`/api/runs/${run.id}/eval-points`, {
      batchId: 'e0',
      records: [
        { step: 1, objectives: [0.5, 1] },
        { step: 1, split: 'validation', objectives: [0.25, 2] },
        { step: 1, objectives: [0.75, 3], extra: { note: 'x' } },
      ],
    });
    await post(`/api/runs/${run.id}/frontiers`, { batchId: 'f0', records: [{ step: 1, points: [[0.5, 1]], hypervolume: 1.5 }] });
    await post(`/api/runs/${run.id}/eval-points`, { batchId: 'e1', records: [{ step: 2, objectives: [0.8, 2] }] });

    const whole = await snapshot(run.id, '');
    expect(whole.evals).toMatchObject({
      steps: [1, 1, 1, 2],
      dim: 2,
      lengths: null,
      splits: ['test', 'validation'],
      split: [0, 1, 0, 0],
      values: [0.5, 1, 0.25, 2, 0.75, 3, 0.8, 2],
    });
    expect(whole.nextCursor).toBeNull();
    // 8 events in 6 frames on replay: status, metric, metric, evals (3), frontier, eval
    const fromStream = await streamed(`${next.get().url}/api/runs/${run.id}/events`, auth, 6);
    const fromSnapshot = feedSnapshotFromWire(whole).messages;
    const points = (ms: RunEventMessage[]) => ms.flatMap((m) => (m.kind === 'evals' ? m.points : m.kind === 'eval' ? [m.point] : []));
    expect(points(fromSnapshot)).toEqual(points(fromStream));
    expect(fromSnapshot.filter((m) => m.kind !== 'evals' && m.kind !== 'eval')).toEqual(fromStream.filter((m) => m.kind !== 'evals' && m.kind !== 'eval'));
    expect(whole.cursor).toBe(fromStream[fromStream.length - 1].id);

    // pages of 2 events chain by nextCursor to the same messages
    const paged: RunEventMessage[] = [];
    let after = 0;
    for (let guard = 0; guard < 20; guard++) {
      const page = await snapshot(run.id, `?after=${after}&limit=2`);
      paged.push(...feedSnapshotFromWire(page).messages);
      after = page.cursor;
      if (page.nextCursor === null) break;
    }
    expect(after).toBe(whole.cursor);
    expect(points(paged)).toEqual(points(fromSnapshot));

    // nothing after the cursor yet; then the stream from the cursor brings only what is new
    expect(await snapshot(run.id, `?after=${whole.cursor}`)).toMatchObject({ cursor: whole.cursor, nextCursor: null, events: [], evals: { steps: [] } });
    await post(`/api/runs/${run.id}/eval-points`, { batchId: 'e2', records: [{ step: 3, objectives: [0.9, 1] }] });
    const tail = await streamed(`${next.get().url}/api/runs/${run.id}/events?after=${whole.cursor}`, auth, 1);
    expect(tail).toEqual([{ id: whole.cursor + 1, kind: 'eval', point: { step: 3, split: 'test', objectives: [0.9, 1] } }]);
  });

  it('answers 404 for an unknown run and 400 naming a bad cursor or limit', async () => {
    const missing = await fetch(`${next.get().url}/api/runs/nope/events/snapshot`, { headers: auth });
    expect(missing.status).toBe(404);
    const { run } = await post('/api/runs', runInput({ name: 'snapshot bad query' }));
    for (const [q, field] of [
      ['after=-1', 'after'],
      ['limit=0', 'limit'],
      ['limit=999999', 'limit'],
    ]) {
      const bad = await fetch(`${next.get().url}/api/runs/${run.id}/events/snapshot?${q}`, { headers: auth });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain(field);
    }
  });
});
