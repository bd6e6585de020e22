/**
 * Hostile and malformed requests over real HTTP against `next start`, on
 * SQLite (local mode) and PostgreSQL (team mode, as an admin): each gets a
 * clear 4xx naming the field, the same on both providers, and writes nothing.
 * Also: browser-borne attacks (cross-origin, text/plain and form posts,
 * DNS-rebound Host names) and the security headers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases';
import { useNextServer } from '../support/next-server';
import { mintToken } from '../support/auth';
import { runInput, trajectories } from '../support/fixtures';

describe.each(DATABASES)('bad input on %s', (provider) => {
  const next = useNextServer(provider);
  let auth: Record<string, string> = {};
  beforeAll(async () => {
    auth = (await mintToken(next.get(), 'admin')).headers;
  });

  const raw = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(next.get().url + path, { method, headers: { 'content-type': 'application/json', ...auth, ...headers }, body });
    return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, any> | null, headers: res.headers };
  };
  const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
    raw(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
  const countRuns = async () => (await call('GET', '/api/runs?limit=200')).json!.runs.length as number;
  const newRun = async () => (await call('POST', '/api/runs', runInput())).json!.run as { id: string };

  it('refuses NUL bytes and lone surrogates in every kind of string field with 422 naming the field', async () => {
    const run = await newRun();
    const before = await countRuns();
    // JSON text with the escapes spelled out, exactly as a client would send them.
    const cases: [string, string, (bad: string) => string, string][] = [
      ['POST', '/api/runs', (b) => JSON.stringify({ ...runInput(), name: 'x' }).replace('"x"', `"a${b}"`), 'name'],
      ['POST', '/api/runs', (b) => JSON.stringify({ ...runInput(), tags: ['x'] }).replace('["x"]', `["${b}"]`), 'tags[0]'],
      ['POST', '/api/runs', (b) => JSON.stringify({ ...runInput(), notes: 'x' }).replace('"notes":"x"', `"notes":"${b}"`), 'notes'],
      ['POST', '/api/runs', (b) => JSON.stringify({ ...runInput(), experiment: 'x' }).replace('"experiment":"x"', `"experiment":"${b}"`), 'experiment'],
      ['POST', '/api/runs', (b) => JSON.stringify({ ...runInput(), config: { x: 'y' } }).replace('"y"', `"${b}"`), 'config.x'],
      ['POST', '/api/runs', (b) => JSON.stringify({ ...runInput(), config: { x: 'y' } }).replace('"x"', `"${b}"`), 'config'],
      [
        'POST',
        `/api/runs/${run.id}/trajectories`,
        (b) => JSON.stringify({ batchId: 't', records: trajectories(0, 1) }).replace('"(0 + 7) * 3 ="', `"${b}"`),
        'records[0].prompt',
      ],
      [
        'POST',
        `/api/runs/${run.id}/trajectories`,
        (b) => JSON.stringify({ batchId: 't', records: trajectories(0, 1) }).replace('"let me compute"', `"${b}"`),
        'records[0].tokens[0].text',
      ],
      [
        'POST',
        `/api/runs/${run.id}/eval-points`,
        (b) => JSON.stringify({ batchId: 'e', records: [{ step: 1, split: 'x', objectives: [1, 2] }] }).replace('"x"', `"${b}"`),
        'records[0].split',
      ],
      [
        'POST',
        `/api/runs/${run.id}/steps`,
        (b) => JSON.stringify({ batchId: 's', records: [{ step: 1, extra: { k: 'v' } }] }).replace('"v"', `"${b}"`),
        'records[0].extra.k',
      ],
      ['POST', `/api/runs/${run.id}/finish`, (b) => `{"status":"failed","error":"boom ${b}"}`, 'error'],
      ['POST', `/api/runs/${run.id}/steps`, (b) => `{"batchId":"a${b}","records":[{"step":1}]}`, 'batchId'],
    ];
    for (const bad of ['\\u0000', '\\ud800', '\\udfff', 'x\\ud83d']) {
      for (const [method, path, body, field] of cases) {
        const res = await raw(method, path, body(bad));
        expect(res.status, `${path} ${field} ${bad}: ${JSON.stringify(res.json)}`).toBe(422);
        expect(res.json!.issues[0].path, `${field} ${bad}`).toBe(field);
        expect(res.json!.error).toMatch(/NUL|surrogate/);
      }
    }
    expect(await countRuns()).toBe(before);
    expect((await call('GET', `/api/runs/${run.id}/trajectories`)).json!.trajectories).toEqual([]);
    expect((await call('GET', `/api/runs/${run.id}`)).json!.run.status).toBe('running');
    // A valid surrogate pair (an emoji) is text like any other.
    const ok = await call('POST', '/api/runs', runInput({ name: 'emoji 😀 ok' }));
    expect(ok.status).toBe(201);
    expect(ok.json!.run.name).toBe('emoji 😀 ok');
  });

  it('deep nesting is 422, malformed and odd paths are 4xx, never 500', async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { a: deep };
    const nested = await call('POST', '/api/runs', { ...runInput(), config: deep });
    expect(nested.status).toBe(422);
    expect(nested.json!.error).toMatch(/nested deeper than/);
    const veryDeep = await raw('POST', '/api/runs', '['.repeat(100_000) + ']'.repeat(100_000));
    expect([400, 422]).toContain(veryDeep.status);
    for (const path of ['/api/runs/%', '/api/runs/%ZZ/metrics', '/api/runs/%E0%A4%A/frontiers', '/api/runs/%ED%A0%80']) {
      const res = await fetch(next.get().url + path, { headers: auth });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    for (const path of ['/api/runs/a%00b', `/api/runs/${'x'.repeat(65)}`, '/api/runs/a%00b/events', '/api/runs/a%20b/metrics']) {
      const res = await fetch(next.get().url + path, { headers: auth });
      expect(res.status, path).toBe(404);
    }
    const q = await fetch(`${next.get().url}/api/runs?tag=a%00b`, { headers: auth });
    expect(q.status).toBe(400);
  });

  it('unknown keys are 422 naming the key (a misspelt field is never silently dropped)', async () => {
    const run = await newRun();
    const cases: [string, unknown, string][] = [
      [`/api/runs/${run.id}/steps`, { batchId: 's', records: [{ step: 1, hypervolum: 0.5 }] }, 'records[0].hypervolum'],
      [`/api/runs/${run.id}/steps`, { batchId: 's', records: [{ step: 1 }], extra: 1 }, 'extra'],
      ['/api/runs', { ...runInput(), colour: 'red' }, 'colour'],
      [
        '/api/runs',
        {
          ...runInput(),
          objectives: [
            { name: 'a', direction: 'maximize', reference: 0, weight: 1 },
            { name: 'b', direction: 'minimize', reference: 1 },
          ],
        },
        'objectives[0].weight',
      ],
      [`/api/runs/${run.id}/frontiers`, { batchId: 'f', records: [{ step: 1, points: [[1, 2]], hypervolume: 1, hv: 2 }] }, 'records[0].hv'],
      [`/api/runs/${run.id}/finish`, { status: 'finished', eror: 'x' }, 'eror'],
      ['/api/runs', { source: 'builtin', config: {}, sead: 3 }, 'sead'],
    ];
    for (const [path, body, key] of cases) {
      const res = await call('POST', path, body);
      expect(res.status, `${path} ${key}`).toBe(422);
      expect(
        res.json!.issues.map((i: { path: string }) => i.path),
        key,
      ).toContain(key);
      expect(res.json!.error).toMatch(/unknown key/);
    }
    expect((await call('GET', `/api/runs/${run.id}/metrics`)).json!.metrics).toEqual([]);
  });

  it('a reused batchId with different content is 409; the same content is a no-op', async () => {
    const run = await newRun();
    const send = (kind: string, records: unknown[]) => call('POST', `/api/runs/${run.id}/${kind}`, { batchId: 'same', records });
    expect((await send('steps', [{ step: 1, hypervolume: 1 }])).json).toEqual({ applied: true, rows: 1 });
    expect((await send('steps', [{ step: 1, hypervolume: 1 }])).json).toEqual({ applied: false, rows: 1 });
    const clash = await send('steps', [{ step: 2, hypervolume: 1 }]);
    expect(clash.status).toBe(409);
    expect(clash.json!.error).toMatch(/different content/);
    // trajectories take the raw-SQL path on both providers
    const t = (k: string) => call('POST', `/api/runs/${run.id}/trajectories`, { batchId: k, records: trajectories(0, 3) });
    expect((await t('tb')).json).toEqual({ applied: true, rows: 3 });
    expect((await t('tb')).json).toEqual({ applied: false, rows: 3 });
    const tclash = await call('POST', `/api/runs/${run.id}/trajectories`, { batchId: 'tb', records: trajectories(1, 3) });
    expect(tclash.status).toBe(409);
    expect((await call('GET', `/api/runs/${run.id}/metrics`)).json!.metrics.map((m: { step: number }) => m.step)).toEqual([1]);
    expect((await call('GET', `/api/runs/${run.id}/trajectories`)).json!.trajectories).toHaveLength(3);
  });

  it('bodies over 8 MiB are 413 (declared or streamed), and a 10.5 MB frontier batch is refused whole', async () => {
    const run = await newRun();
    const points = Array.from({ length: 100_000 }, (_, i) => [i / 100_000, (i % 97) / 97]);
    const big = JSON.stringify({ batchId: 'huge', records: Array.from({ length: 5 }, (_, s) => ({ step: s, points, hypervolume: 1 })) });
    expect(big.length).toBeGreaterThan(10_000_000);
    const res = await raw('POST', `/api/runs/${run.id}/frontiers`, big);
    expect(res.status).toBe(413);
    expect(res.json!.error).toMatch(/larger than 8388608 bytes/);
    // Streamed without a Content-Length: counted as it arrives.
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 1 << 20) c.enqueue(bytes.subarray(i, i + (1 << 20)));
        c.close();
      },
    });
    const streamed = await fetch(`${next.get().url}/api/runs/${run.id}/frontiers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    // Under the body limit but over the per-batch point limit: 422 naming the limit.
    const many = await call('POST', `/api/runs/${run.id}/frontiers`, {
      batchId: 'many',
      records: [
        { step: 0, points: points.slice(0, 3_000), hypervolume: 1 },
        { step: 1, points: points.slice(0, 3_000), hypervolume: 1 },
      ],
    });
    expect(many.status).toBe(422);
    expect(many.json!.error).toMatch(/at most 5000 per batch/);
    expect((await call('GET', `/api/runs/${run.id}/frontiers`)).json!.frontiers).toEqual([]);
  });

  it('browser-borne changes are refused: text/plain and form posts, other origins', async () => {
    const before = await countRuns();
    const body = JSON.stringify({ source: 'builtin', config: { env: 'calc' } });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain; charset=utf-8']) {
      const res = await raw('POST', '/api/runs', body, { 'content-type': type });
      expect(res.status, type).toBe(415);
    }
    expect((await raw('POST', '/api/runs', body, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await raw('POST', '/api/runs', body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await raw('POST', '/api/runs', body, { origin: 'null' })).status).toBe(403);
    const run = await newRun();
    expect((await raw('POST', `/api/runs/${run.id}/finish`, '{"status":"failed","error":"x"}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await raw('DELETE', `/api/runs/${run.id}?confirm=${run.id}`, undefined, { origin: 'http://evil.example' })).status).toBe(403);
    expect(await countRuns()).toBe(before + 1);
    expect((await call('GET', `/api/runs/${run.id}`)).json!.run.status).toBe('running');
  });

  it('sends clickjacking and sniffing headers on pages and the API', async () => {
    for (const path of ['/', '/api/runs', '/signin']) {
      const res = await fetch(next.get().url + path, { headers: auth });
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('x-powered-by'), path).toBeNull();
    }
  });
});

describe('DNS rebinding in local mode (SQLite, localhost)', () => {
  const next = useNextServer('sqlite');
  it('a Host that is not a loopback name gets 421 on the API and 404 on pages; nothing changes', async () => {
    const { run } = await (
      await fetch(`${next.get().url}/api/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(runInput()) })
    ).json();
    // fetch() will not forge Host; node:http will, as a rebinding DNS name makes a browser do.
    const http = await import('node:http');
    const request = (method: string, path: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        const u = new URL(next.get().url);
        const req = http.request({ host: u.hostname, port: u.port, method, path, headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await request('DELETE', `/api/runs/${run.id}?confirm=${run.id}`, `evil.example:${new URL(next.get().url).port}`)).toBe(421);
    expect(await request('GET', '/api/runs', 'evil.example')).toBe(421);
    expect(await request('GET', '/', 'evil.example')).toBe(404);
    expect(await request('GET', '/api/runs', `localhost:${new URL(next.get().url).port}`)).toBe(200);
    expect((await fetch(`${next.get().url}/api/runs/${run.id}`)).status).toBe(200);
  });
});
