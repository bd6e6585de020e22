/**
 * Every route over real HTTP against `next start`, on SQLite and PostgreSQL:
 * happy paths, and bad input answered with a 4xx that names the field while
 * nothing is written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases';
import { useNextServer } from '../support/next-server';
import { mintToken } from '../support/auth';
import { runInput, trajectories } from '../support/fixtures';

describe.each(DATABASES)('HTTP routes on %s', (provider) => {
  const next = useNextServer(provider);
  // PostgreSQL servers run in team mode: this suite acts as an admin (ignored in local mode).
  let auth: Record<string, string> = {};
  beforeAll(async () => {
    auth = (await mintToken(next.get(), 'admin')).headers;
  });

  const call = async (method: string, path: string, body?: unknown, raw?: string) => {
    const res = await fetch(next.get().url + path, {
      method,
      headers: { 'content-type': 'application/json', ...auth },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const json = (await res.json()) as Record<string, any>;
    return { status: res.status, json };
  };

  const countRuns = async () => (await call('GET', '/api/runs?limit=200')).json.runs.length as number;

  async function newRun(overrides = {}) {
    const res = await call('POST', '/api/runs', runInput(overrides));
    expect(res.status).toBe(201);
    return res.json.run as { id: string };
  }

  it('creates, reads and lists runs with filters and pages', async () => {
    const a = await newRun({ name: 'a', algorithm: 'grpo', tags: ['x'] });
    const b = await newRun({ name: 'b', algorithm: 'static' });
    const c = await newRun({ name: 'c', algorithm: 'grpo', environment: 'hops' });
    const one = await call('GET', `/api/runs/${a.id}`);
    expect(one.status).toBe(200);
    expect(one.json.run).toMatchObject({ id: a.id, name: 'a', status: 'running', tags: ['x'] });
    expect(typeof one.json.run.createdAt).toBe('string');

    const grpo = await call('GET', '/api/runs?algorithm=grpo');
    expect(grpo.json.runs.map((r: { name: string }) => r.name)).toEqual(['c', 'a']);
    expect((await call('GET', '/api/runs?environment=hops')).json.runs).toHaveLength(1);
    expect((await call('GET', '/api/runs?tag=x')).json.runs.map((r: { id: string }) => r.id)).toEqual([a.id]);
    expect((await call('GET', '/api/runs?status=running,queued')).json.runs.length).toBeGreaterThanOrEqual(3);

    const p1 = await call('GET', '/api/runs?limit=2');
    expect(p1.json.runs.map((r: { id: string }) => r.id)).toEqual([c.id, b.id]);
    const p2 = await call('GET', `/api/runs?limit=2&cursor=${p1.json.nextCursor}`);
    expect(p2.json.runs[0].id).toBe(a.id);
  });

  it('serves metrics since a step and trajectories paged and filtered', async () => {
    const run = await newRun();
    for (let s = 0; s < 4; s++) {
      expect((await call('POST', `/api/runs/${run.id}/steps`, { batchId: `s${s}`, records: [{ step: s, hypervolume: s }] })).status).toBe(200);
    }
    const after = await call('GET', `/api/runs/${run.id}/metrics?after=1`);
    expect(after.json.metrics.map((m: { step: number }) => m.step)).toEqual([2, 3]);
    expect((await call('GET', `/api/runs/${run.id}`)).json.run.latestHypervolume).toBe(3);

    const batch = { batchId: 't', records: [...trajectories(0, 10), ...trajectories(1, 10)] };
    expect((await call('POST', `/api/runs/${run.id}/trajectories`, batch)).json).toEqual({ applied: true, rows: 20 });
    expect((await call('POST', `/api/runs/${run.id}/trajectories`, batch)).json).toEqual({ applied: false, rows: 20 });
    const page = await call('GET', `/api/runs/${run.id}/trajectories?step=1&limit=4`);
    expect(page.json.trajectories).toHaveLength(4);
    expect(page.json.trajectories.every((t: { step: number }) => t.step === 1)).toBe(true);
    const rest = await call('GET', `/api/runs/${run.id}/trajectories?step=1&limit=100&cursor=${page.json.nextCursor}`);
    expect(rest.json.trajectories).toHaveLength(6);
    expect(rest.json.nextCursor).toBeNull();
    const ranked = await call('GET', `/api/runs/${run.id}/trajectories?rank=1`);
    expect(ranked.json.trajectories.every((t: { rank: number }) => t.rank === 1)).toBe(true);

    await call('POST', `/api/runs/${run.id}/eval-points`, { batchId: 'e', records: [{ step: 3, objectives: [0.5, 1] }] });
    await call('POST', `/api/runs/${run.id}/frontiers`, { batchId: 'f', records: [{ step: 3, points: [[0.5, 1]], hypervolume: 1.5 }] });
    expect((await call('GET', `/api/runs/${run.id}/eval-points`)).json.evalPoints).toHaveLength(1);
    expect((await call('GET', `/api/runs/${run.id}/frontiers`)).json.frontiers[0].hypervolume).toBe(1.5);
    const fin = await call('POST', `/api/runs/${run.id}/finish`, { status: 'finished' });
    expect(fin.json.run.status).toBe('finished');
    expect((await call('POST', `/api/runs/${run.id}/steps`, { batchId: 'late', records: [{ step: 9 }] })).status).toBe(409);
  });

  it('unknown ids are 404 on every run route', async () => {
    for (const path of ['', '/metrics', '/trajectories', '/eval-points', '/frontiers']) {
      const res = await call('GET', `/api/runs/does-not-exist${path}`);
      expect(res.status, path).toBe(404);
      expect(res.json.error).toMatch(/run does-not-exist not found/);
    }
    expect((await call('POST', '/api/runs/does-not-exist/steps', { batchId: 'x', records: [{ step: 1 }] })).status).toBe(404);
  });

  it('bad queries are 400 naming the parameter', async () => {
    const run = await newRun();
    const cases: [string, RegExp][] = [
      ['/api/runs?limit=0', /^limit:/],
      ['/api/runs?limit=abc', /^limit: must be an integer/],
      ['/api/runs?status=paused', /^status\[0\]:/],
      ['/api/runs?colour=red', /^colour: unknown query parameter/],
      ['/api/runs?limit=1&limit=2', /^limit: given more than once/],
      [`/api/runs/${run.id}/metrics?after=x`, /^after:/],
      [`/api/runs/${run.id}/trajectories?rank=0`, /^rank:/],
      [`/api/runs/${run.id}/trajectories?split=test`, /^split:/],
      [`/api/runs/${run.id}/trajectories?limit=5000`, /^limit:/],
    ];
    for (const [path, msg] of cases) {
      const res = await call('GET', path);
      expect(res.status, path).toBe(400);
      expect(res.json.error, path).toMatch(msg);
      expect(res.json.issues[0].path, path).toBeTruthy();
    }
  });

  it('bad bodies are 4xx naming the field, and write nothing', async () => {
    const run = await newRun();
    const before = await countRuns();
    const bodies: [string, string, unknown, number, RegExp][] = [
      ['POST', '/api/runs', { ...runInput(), name: '' }, 422, /^name:/],
      ['POST', '/api/runs', { ...runInput(), objectives: [{ name: 'acc', direction: 'maximize', reference: 0 }] }, 422, /^objectives:/],
      ['POST', '/api/runs', { ...runInput(), seed: 1.5 }, 422, /^seed:/],
      ['POST', `/api/runs/${run.id}/steps`, { batchId: 'b', records: [{ step: 0 }, { step: -1 }] }, 422, /^records\[1\]\.step:/],
      ['POST', `/api/runs/${run.id}/steps`, { records: [{ step: 0 }] }, 422, /^batchId:/],
      [
        'POST',
        `/api/runs/${run.id}/trajectories`,
        { batchId: 't', records: [...trajectories(0, 5), { ...trajectories(0, 1)[0], split: 'dev' }] },
        422,
        /^records\[5\]\.split:/,
      ],
      [
        'POST',
        `/api/runs/${run.id}/trajectories`,
        { batchId: 't', records: [{ ...trajectories(0, 1)[0], objectives: [1] }] },
        422,
        /^records\[0\]\.objectives: has 1 values/,
      ],
      ['POST', `/api/runs/${run.id}/eval-points`, { batchId: 'e', records: [{ step: 1, objectives: ['a', 1] }] }, 422, /^records\[0\]\.objectives\[0\]:/],
      [
        'POST',
        `/api/runs/${run.id}/frontiers`,
        { batchId: 'f', records: [{ step: 1, points: [[1, 2]], hypervolume: -1 }] },
        422,
        /^records\[0\]\.hypervolume:/,
      ],
      ['POST', `/api/runs/${run.id}/finish`, { status: 'done' }, 422, /^status:/],
    ];
    for (const [method, path, body, status, msg] of bodies) {
      const res = await call(method, path, body);
      expect(res.status, `${path} ${JSON.stringify(body).slice(0, 60)}`).toBe(status);
      expect(res.json.error).toMatch(msg);
    }
    const notJson = await call('POST', '/api/runs', undefined, '{"name": ');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error).toMatch(/not valid JSON/);
    expect((await call('POST', '/api/runs', undefined, '')).status).toBe(400);

    expect(await countRuns()).toBe(before);
    expect((await call('GET', `/api/runs/${run.id}/metrics`)).json.metrics).toEqual([]);
    expect((await call('GET', `/api/runs/${run.id}/trajectories`)).json.trajectories).toEqual([]);
    expect((await call('GET', `/api/runs/${run.id}/eval-points`)).json.evalPoints).toEqual([]);
    expect((await call('GET', `/api/runs/${run.id}/frontiers`)).json.frontiers).toEqual([]);
    expect((await call('GET', `/api/runs/${run.id}`)).json.run.status).toBe('running');
  });

  it('renders the runs list on the home page', async () => {
    await newRun({ name: 'visible on the home page' });
    const html = await (await fetch(next.get().url + '/', { headers: auth })).text();
    expect(html).toContain('visible on the home page');
  });
});
