/**
 * The documented access table (README "Team mode: who may do what"): every
 * route × caller → HTTP status, in team mode without PARETO_PUBLIC_READ.
 * tests/security/access.test.ts runs every cell against a real server on both
 * providers. Callers: anonymous, a reader, a writer that neither created nor
 * was granted the run ("other writer"), the writer that created it ("owner"),
 * and an admin.
 */
export type Caller = 'anonymous' | 'reader' | 'otherWriter' | 'owner' | 'admin';
export const CALLERS: Caller[] = ['anonymous', 'reader', 'otherWriter', 'owner', 'admin'];

export interface RouteCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** `:ext` an external run the owner created (in experiment `sec-experiment`), `:builtin` a queued built-in run the owner queued. */
  path: string;
  body?: unknown;
  expect: Record<Caller, number>;
}

const reads = { anonymous: 401, reader: 200, otherWriter: 200, owner: 200, admin: 200 };
const ownWrite = { anonymous: 401, reader: 403, otherWriter: 403, owner: 200, admin: 200 };
const create = { anonymous: 401, reader: 403, otherWriter: 201, owner: 201, admin: 201 };
/** Built-in runs are written by the worker holding their claim, and by nobody over HTTP. */
const workerOnly = { anonymous: 401, reader: 403, otherWriter: 403, owner: 403, admin: 403 };

const external = {
  name: 'sec',
  environment: 'calc',
  algorithm: 'grpo',
  seed: 1,
  objectives: [
    { name: 'accuracy', direction: 'maximize', reference: 0 },
    { name: 'tool_calls', direction: 'minimize', reference: 4 },
  ],
};

export const ROUTES: RouteCase[] = [
  { name: 'list runs', method: 'GET', path: '/api/runs', expect: reads },
  { name: 'sparklines', method: 'GET', path: '/api/runs/sparklines?ids=:ext', expect: reads },
  { name: 'get run', method: 'GET', path: '/api/runs/:ext', expect: reads },
  { name: 'metrics', method: 'GET', path: '/api/runs/:ext/metrics', expect: reads },
  { name: 'trajectories', method: 'GET', path: '/api/runs/:ext/trajectories', expect: reads },
  { name: 'trajectory points', method: 'GET', path: '/api/runs/:ext/trajectory-points', expect: reads },
  { name: 'eval points', method: 'GET', path: '/api/runs/:ext/eval-points', expect: reads },
  { name: 'frontiers', method: 'GET', path: '/api/runs/:ext/frontiers', expect: reads },
  { name: 'events (SSE)', method: 'GET', path: '/api/runs/:ext/events', expect: reads },
  { name: 'events snapshot', method: 'GET', path: '/api/runs/:ext/events/snapshot', expect: reads },
  { name: 'server hypervolume', method: 'GET', path: '/api/runs/:ext/hypervolume', expect: reads },
  { name: 'compare', method: 'GET', path: '/api/compare?runs=:ext,:builtin', expect: reads },
  { name: 'experiments', method: 'GET', path: '/api/experiments', expect: reads },
  { name: 'experiment', method: 'GET', path: '/api/experiments/sec-experiment', expect: reads },
  { name: 'latest checkpoint', method: 'GET', path: '/api/runs/:ext/checkpoints/latest', expect: reads },
  { name: 'named checkpoint (warm start)', method: 'GET', path: '/api/checkpoints/warmstart-sec', expect: reads },
  { name: 'create external run', method: 'POST', path: '/api/runs', body: external, expect: create },
  { name: 'start a browser run', method: 'POST', path: '/api/runs', body: { source: 'browser', config: { env: 'calc', steps: 2 } }, expect: create },
  { name: 'queue built-in run', method: 'POST', path: '/api/runs', body: { source: 'builtin', config: { env: 'calc', steps: 2 } }, expect: create },
  { name: 'clone run', method: 'POST', path: '/api/runs/:builtin/clone', body: {}, expect: create },
  { name: 'log steps', method: 'POST', path: '/api/runs/:ext/steps', body: { batchId: 'b', records: [{ step: 0, hypervolume: 1 }] }, expect: ownWrite },
  {
    name: 'log eval points',
    method: 'POST',
    path: '/api/runs/:ext/eval-points',
    body: { batchId: 'b', records: [{ step: 0, objectives: [0.5, 1] }] },
    expect: ownWrite,
  },
  {
    name: 'log frontiers',
    method: 'POST',
    path: '/api/runs/:ext/frontiers',
    body: { batchId: 'b', records: [{ step: 0, points: [[0.5, 1]], hypervolume: 1 }] },
    expect: ownWrite,
  },
  {
    name: 'log trajectories',
    method: 'POST',
    path: '/api/runs/:ext/trajectories',
    body: { batchId: 'b', records: [{ step: 0, group: 0, index: 0, prompt: 'p', tokens: [{ kind: 'answer', text: '1' }], objectives: [1, 0] }] },
    expect: ownWrite,
  },
  { name: 'save checkpoint', method: 'POST', path: '/api/runs/:ext/checkpoints', body: { step: 1, weights: 'AAAA', meta: {} }, expect: ownWrite },
  {
    name: 'share a named checkpoint (warm start)',
    method: 'POST',
    path: '/api/checkpoints/warmstart-sec',
    body: { step: 1, weights: 'AAAA', meta: {} },
    expect: { anonymous: 401, reader: 403, otherWriter: 403, owner: 403, admin: 200 },
  },
  { name: 'finish run', method: 'POST', path: '/api/runs/:ext/finish', body: { status: 'failed', error: 'x' }, expect: ownWrite },
  { name: 'edit notes and tags', method: 'PATCH', path: '/api/runs/:ext', body: { notes: 'seen', tags: ['checked'] }, expect: ownWrite },
  { name: 'cancel built-in run', method: 'POST', path: '/api/runs/:builtin/cancel', expect: ownWrite },
  {
    name: 'delete run',
    method: 'DELETE',
    path: '/api/runs/:ext?confirm=:ext',
    expect: { anonymous: 401, reader: 403, otherWriter: 403, owner: 403, admin: 200 },
  },
  {
    name: 'log steps to a built-in run',
    method: 'POST',
    path: '/api/runs/:builtin/steps',
    body: { batchId: 'steps-0', records: [{ step: 0 }] },
    expect: workerOnly,
  },
  {
    name: 'save a checkpoint of a built-in run',
    method: 'POST',
    path: '/api/runs/:builtin/checkpoints',
    body: { step: 1, weights: 'AAAA', meta: {} },
    expect: workerOnly,
  },
  { name: 'finish a built-in run', method: 'POST', path: '/api/runs/:builtin/finish', body: { status: 'failed', error: 'sabotage' }, expect: workerOnly },
  { name: 'session', method: 'GET', path: '/api/session', expect: { anonymous: 200, reader: 200, otherWriter: 200, owner: 200, admin: 200 } },
];
