/**
 * Team mode over real HTTP against `next start`, on SQLite and PostgreSQL:
 * every route × caller gives the status of the documented table
 * (access-table.ts, README), PARETO_PUBLIC_READ lets anonymous read and
 * nothing more, browser sessions need the CSRF token and the same origin,
 * built-in runs cannot be written over HTTP, and client batch ids are scoped
 * to the writer.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases';
import { useNextServer } from '../support/next-server';
import { grantRun, mintToken, type TestToken } from '../support/auth';
import { runInput } from '../support/fixtures';
import { CALLERS, ROUTES, type Caller } from './access-table';

type Call = (
  method: string,
  path: string,
  opts?: { body?: unknown; headers?: Record<string, string> },
) => Promise<{ status: number; json: any; headers: Headers }>;

function caller(base: () => string, token?: TestToken): Call {
  return async (method, path, opts = {}) => {
    const ctl = new AbortController();
    const res = await fetch(base() + path, {
      method,
      signal: ctl.signal,
      headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token?.headers ?? {}), ...opts.headers },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
    let json: any = null;
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) ctl.abort();
    else json = await res.json().catch(() => null);
    return { status: res.status, json, headers: res.headers };
  };
}

describe.each(DATABASES)('team mode access on %s', (provider) => {
  const next = useNextServer(provider, { PARETO_AUTH: 'team' });
  const tokens = {} as Record<Exclude<Caller, 'anonymous'>, TestToken>;
  const as = (c: Caller): Call => caller(() => next.get().url, c === 'anonymous' ? undefined : tokens[c]);

  beforeAll(async () => {
    for (const c of ['reader', 'otherWriter', 'owner', 'admin'] as const)
      tokens[c] = await mintToken(next.get(), c === 'otherWriter' || c === 'owner' ? 'writer' : c, c);
  });

  /** Fresh targets for one cell, created by the owner, so no cell sees another's effects. */
  async function targets() {
    const owner = as('owner');
    const ext = await owner('POST', '/api/runs', { body: runInput({ name: 'target', experiment: 'sec-experiment' }) });
    expect(ext.status).toBe(201);
    const builtin = await owner('POST', '/api/runs', { body: { source: 'builtin', config: { env: 'calc', steps: 2 } } });
    expect(builtin.status).toBe(201);
    return { ext: ext.json.run.id as string, builtin: builtin.json.run.id as string };
  }

  it.each(ROUTES.map((r) => [r.name, r] as const))('%s: every caller gets the documented status', async (_name, r) => {
    for (const c of CALLERS) {
      const t = await targets();
      const path = r.path.replaceAll(':ext', t.ext).replaceAll(':builtin', t.builtin);
      const res = await as(c)(r.method, path, r.body === undefined ? {} : { body: r.body });
      expect(res.status, `${r.method} ${r.path} as ${c}: ${JSON.stringify(res.json)}`).toBe(r.expect[c]);
      if (res.status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('records who created a run; a granted writer may log to it', async () => {
    const t = await targets();
    expect((await as('otherWriter')('POST', `/api/runs/${t.ext}/steps`, { body: { batchId: 'g', records: [{ step: 1 }] } })).status).toBe(403);
    await grantRun(next.get(), t.ext, tokens.otherWriter);
    expect((await as('otherWriter')('POST', `/api/runs/${t.ext}/steps`, { body: { batchId: 'g', records: [{ step: 1 }] } })).status).toBe(200);
  });

  it('scopes batch ids to the writer: one writer cannot pre-empt another by reusing its id', async () => {
    const t = await targets();
    await grantRun(next.get(), t.ext, tokens.otherWriter);
    // The other writer logs first under the id the owner will use, with other content.
    expect(
      (await as('otherWriter')('POST', `/api/runs/${t.ext}/steps`, { body: { batchId: 'shared-id', records: [{ step: 5, hypervolume: 9 }] } })).json,
    ).toEqual({ applied: true, rows: 1 });
    expect((await as('owner')('POST', `/api/runs/${t.ext}/steps`, { body: { batchId: 'shared-id', records: [{ step: 6, hypervolume: 1 }] } })).json).toEqual({
      applied: true,
      rows: 1,
    });
    const steps = (await as('reader')('GET', `/api/runs/${t.ext}/metrics`)).json.metrics.map((m: { step: number }) => m.step);
    expect(steps).toEqual([5, 6]);
    // The owner's own retry is still idempotent, and other content under its id is a conflict.
    expect((await as('owner')('POST', `/api/runs/${t.ext}/steps`, { body: { batchId: 'shared-id', records: [{ step: 6, hypervolume: 1 }] } })).json).toEqual({
      applied: false,
      rows: 1,
    });
    const clash = await as('owner')('POST', `/api/runs/${t.ext}/steps`, { body: { batchId: 'shared-id', records: [{ step: 7 }] } });
    expect(clash.status).toBe(409);
    expect(clash.json.error).toMatch(/shared-id.*different content/);
  });

  it('refuses revoked tokens and malformed Authorization headers with 401', async () => {
    const bad = await caller(() => next.get().url, { ...tokens.admin, headers: { authorization: 'Bearer pst_not-a-real-token' } })('GET', '/api/runs');
    expect(bad.status).toBe(401);
    const basic = await as('anonymous')('GET', '/api/runs', { headers: { authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);
  });

  it('browser sessions: sign in with a token, HttpOnly SameSite cookie, changes need the CSRF token and the same origin', async () => {
    const url = next.get().url;
    const host = new URL(url).host;
    const signIn = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: url },
      body: JSON.stringify({ token: tokens.owner.secret }),
    });
    expect(signIn.status).toBe(200);
    const { csrfToken, user } = await signIn.json();
    expect(user).toEqual({ name: 'owner', role: 'writer' });
    const setCookies = signIn.headers.getSetCookie();
    const session = setCookies.find((c) => c.startsWith('pareto_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=strict/i);
    const cookie = setCookies.map((c) => c.split(';')[0]).join('; ');
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/api/runs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, ...headers },
        body: JSON.stringify(runInput({ name: 'from the browser' })),
      });
    expect((await post({ origin: url })).status).toBe(403); // no CSRF token
    expect((await post({ origin: url, 'x-csrf-token': 'forged' })).status).toBe(403);
    expect((await post({ origin: 'http://evil.example', 'x-csrf-token': csrfToken })).status).toBe(403);
    expect((await post({ 'x-csrf-token': csrfToken })).status).toBe(403); // a cookie session must show its origin
    expect((await post({ origin: url, 'x-csrf-token': csrfToken })).status).toBe(201);
    expect((await fetch(`${url}/api/runs`, { headers: { cookie } })).status).toBe(200);
    expect(host).toBeTruthy();
    // Signing out ends the session.
    const out = await fetch(`${url}/api/session`, { method: 'DELETE', headers: { cookie, origin: url, 'x-csrf-token': csrfToken } });
    expect(out.status).toBe(200);
    expect((await fetch(`${url}/api/runs`, { headers: { cookie } })).status).toBe(401);
    // A wrong token does not sign in.
    const wrong = await fetch(`${url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'pst_wrong' }),
    });
    expect(wrong.status).toBe(401);
  });

  it('pages need a signed-in viewer (redirect to /signin)', async () => {
    const res = await fetch(`${next.get().url}/`, { redirect: 'manual' });
    expect([303, 307, 308]).toContain(res.status);
    expect(res.headers.get('location')).toMatch(/\/signin\?next=%2F/);
    // Every page under app/ (a page added later included), dynamic segments filled in.
    for (const page of appPages()) {
      if (page === '/signin') continue;
      const target = page.replace(/\[id\]/g, 'r_missing').replace(/\[name\]/g, 'some-experiment') + (page === '/compare' ? '?runs=a,b' : '');
      const r = await fetch(`${next.get().url}${target}`, { redirect: 'manual' });
      expect([303, 307, 308], target).toContain(r.status);
      expect(r.headers.get('location'), target).toMatch(/\/signin\?next=/);
    }
    const signin = await fetch(`${next.get().url}/signin`);
    expect(signin.status).toBe(200);
    expect(await signin.text()).toContain('Sign in');
  });
});

describe('PARETO_PUBLIC_READ=1 lets anonymous read, and nothing more', () => {
  const next = useNextServer('sqlite', { PARETO_AUTH: 'team', PARETO_PUBLIC_READ: '1' });
  it('anonymous reads succeed, writes get 401', async () => {
    const admin = await mintToken(next.get(), 'admin');
    const anon = caller(() => next.get().url);
    const run = await caller(() => next.get().url, admin)('POST', '/api/runs', { body: runInput() });
    expect(run.status).toBe(201);
    for (const p of ['/api/runs', `/api/runs/${run.json.run.id}`, `/api/runs/${run.json.run.id}/metrics`]) expect((await anon('GET', p)).status, p).toBe(200);
    expect((await fetch(`${next.get().url}/`)).status).toBe(200);
    expect((await anon('POST', '/api/runs', { body: runInput() })).status).toBe(401);
    expect((await anon('POST', `/api/runs/${run.json.run.id}/cancel`)).status).toBe(401);
    expect((await anon('DELETE', `/api/runs/${run.json.run.id}?confirm=${run.json.run.id}`)).status).toBe(401);
  });
});

/** URL paths of every page.tsx under app/ ('/runs/[id]' style). */
function appPages(dir = path.resolve(import.meta.dirname, '..', '..', 'app'), prefix = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory() && e.name !== 'api') out.push(...appPages(path.join(dir, e.name), `${prefix}/${e.name}`));
    else if (e.name === 'page.tsx') out.push(prefix || '/');
  }
  return out;
}
