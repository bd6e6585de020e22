/**
 * Built-in run routes over real HTTP: queue (validated training config),
 * cancel, clone with changes, delete with confirmation — on both providers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases';
import { useNextServer } from '../support/next-server';
import { mintToken } from '../support/auth';
import { runInput } from '../support/fixtures';

describe.each(DATABASES)('queue routes on %s', (provider) => {
  const next = useNextServer(provider);
  // PostgreSQL servers run in team mode: this suite acts as an admin (ignored in local mode).
  let auth: Record<string, string> = {};
  beforeAll(async () => {
    auth = (await mintToken(next.get(), 'admin')).headers;
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(next.get().url + path, {
      method,
      headers: { 'content-type': 'application/json', ...auth },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  const count = async () => (await call('GET', '/api/runs?limit=200')).json.runs.length as number;

  it('queues a built-in run with defaults filled and objectives from the task', async () => {
    const res = await call('POST', '/api/runs', { source: 'builtin', seed: 3, config: { env: 'hops', algorithm: 'otc', steps: 12 } });
    expect(res.status).toBe(201);
    expect(res.json.run).toMatchObject({
      status: 'queued',
      source: 'builtin',
      environment: 'hops',
      algorithm: 'otc',
      seed: 3,
      totalSteps: 12,
      name: 'hops · otc · seed 3',
    });
    expect(res.json.run.config).toMatchObject({ env: 'hops', steps: 12, groupSize: 8, algorithmOptions: {} });
    expect(res.json.run.objectives.map((o: { name: string }) => o.name)).toEqual(['accuracy', 'tool_calls', 'tokens']);
  });

  it('rejects bad training configs naming the field, writing nothing', async () => {
    const before = await count();
    const cases: [unknown, RegExp][] = [
      [{ source: 'builtin', config: { steps: 0 } }, /^config\.steps:/],
      [{ source: 'builtin', config: { stepz: 10 } }, /^config\.stepz: unknown option; valid options: env, /],
      [{ source: 'builtin', config: { env: 'chess' } }, /^config\.env:/],
      [{ source: 'builtin', config: { algorithm: 'ppo' } }, /^config\.algorithm:/],
      [{ source: 'builtin', config: { algorithm: 'paretopo', algorithmOptions: { stallPatience: -2 } } }, /^config\.algorithmOptions\.stallPatience:/],
      [{ source: 'builtin', seed: -1 }, /^seed:/],
      [{ source: 'builtin', tags: ['has space'] }, /^tags\[0\]:/],
    ];
    for (const [body, msg] of cases) {
      const res = await call('POST', '/api/runs', body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error, JSON.stringify(body)).toMatch(msg);
    }
    expect(await count()).toBe(before);
  });

  it("answers 422 naming a bad or unknown option of each algorithm (checked by that algorithm's schema), writing nothing", async () => {
    const before = await count();
    const bad: [string, Record<string, unknown>, string][] = [
      ['paretopo', { stallPatience: 0 }, 'config.algorithmOptions.stallPatience'],
      ['grpo', { eps: -1 }, 'config.algorithmOptions.eps'],
      ['static', { weights: { accuracy: -1 } }, 'config.algorithmOptions.weights.accuracy'],
      ['otc', { smoothing: 0 }, 'config.algorithmOptions.smoothing'],
      ['mo-grpo', { renormalize: 'yes' }, 'config.algorithmOptions.renormalize'],
      ['hv-meta', { hvScale: -2 }, 'config.algorithmOptions.hvScale'],
      ['hv-contrib', { scales: { tool_calls: { kind: 'minmax', lo: 0 } } }, 'config.algorithmOptions.scales.tool_calls.hi'],
      ['otc', { stallPatience: 2 }, 'config.algorithmOptions.stallPatience'],
    ];
    for (const [algorithm, options, path] of bad) {
      const res = await call('POST', '/api/runs', { source: 'builtin', config: { algorithm, algorithmOptions: options } });
      expect(res.status, `${algorithm} ${JSON.stringify(options)}`).toBe(422);
      expect(res.json.error).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}: .*for algorithm "${algorithm}"`));
    }
    const unknown = await call('POST', '/api/runs', { source: 'builtin', config: { algorithm: 'grpo', algorithmOptions: { stalPatience: 2 } } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error).toMatch(/^config\.algorithmOptions\.stalPatience: unknown option "stalPatience" for algorithm "grpo"/);
    expect(await count()).toBe(before);
  });

  it('cancels a queued run; cancel of a final run is 409, of an unknown run 404', async () => {
    const { json } = await call('POST', '/api/runs', { source: 'builtin', config: { steps: 5 } });
    const cancelled = await call('POST', `/api/runs/${json.run.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.json.run.status).toBe('cancelled');
    expect((await call('POST', `/api/runs/${json.run.id}/cancel`)).status).toBe(409);
    expect((await call('POST', '/api/runs/nope/cancel')).status).toBe(404);
    const ext = await call('POST', '/api/runs', runInput());
    expect((await call('POST', `/api/runs/${ext.json.run.id}/cancel`)).status).toBe(409);
  });

  it('clones a run with changes', async () => {
    const { json } = await call('POST', '/api/runs', {
      source: 'builtin',
      seed: 1,
      tags: ['base'],
      config: { algorithm: 'static', steps: 7, algorithmOptions: { weights: { accuracy: 0.8, tool_calls: 0.2 } } },
    });
    const clone = await call('POST', `/api/runs/${json.run.id}/clone`, { seed: 2, config: { steps: 9 } });
    expect(clone.status).toBe(201);
    expect(clone.json.run).toMatchObject({ status: 'queued', seed: 2, algorithm: 'static', totalSteps: 9, tags: ['base'] });
    expect(clone.json.run.config.algorithmOptions).toEqual({ weights: { accuracy: 0.8, tool_calls: 0.2 } });
    expect(clone.json.run.id).not.toBe(json.run.id);
    const bad = await call('POST', `/api/runs/${json.run.id}/clone`, { config: { groupSize: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toMatch(/^config\.groupSize:/);
    expect((await call('POST', '/api/runs/nope/clone', {})).status).toBe(404);
  });

  it('deletes only with the id repeated as confirmation', async () => {
    const { json } = await call('POST', '/api/runs', runInput({ name: 'to delete' }));
    const id = json.run.id;
    await call('POST', `/api/runs/${id}/steps`, { batchId: 's', records: [{ step: 1 }] });
    const unconfirmed = await call('DELETE', `/api/runs/${id}`);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.json.error).toMatch(/^confirm:/);
    expect((await call('DELETE', `/api/runs/${id}?confirm=other`)).status).toBe(400);
    expect((await call('GET', `/api/runs/${id}`)).status).toBe(200);
    const deleted = await call('DELETE', `/api/runs/${id}?confirm=${id}`);
    expect(deleted).toEqual({ status: 200, json: { deleted: id } });
    expect((await call('GET', `/api/runs/${id}`)).status).toBe(404);
    expect((await call('GET', `/api/runs/${id}/metrics`)).status).toBe(404);
    expect((await call('DELETE', `/api/runs/${id}?confirm=${id}`)).status).toBe(404);
  });

  it('serves the new-run form with every training option documented', async () => {
    const html = await (await fetch(next.get().url + '/runs/new', { headers: auth })).text();
    for (const option of ['groupSize', 'clipEps', 'klCoef', 'evalEvery', 'stallPatience', 'Queue run']) expect(html).toContain(option);
  });
});
