/**
 * The run log over HTTP: what a trainer outside the server process (the
 * built-in trainer in a browser tab, or any remote one) writes through. Same
 * interface and batch ids as the in-process RunLogger (`steps-<step>`,
 * `traj-<step>-<part>`, …), so a resumed trainer that re-sends a step cannot
 * duplicate it: the server applies each batch id once, and a re-sent batch
 * whose content differs only by timings (409, "batchId reused with other
 * content") is the first write winning, as in process.
 *
 * No database and no browser APIs here: requests go through a transport (in
 * the browser lib/client/run-log-transport.ts, with the session's CSRF
 * header; in Node a fetch with a bearer token).
 */
import { base64ToBytes, bytesToBase64 } from './base64';
import type { CheckpointData, RunLog, StoredCheckpoint } from './run-log-interface';
import type { EvalPointRecord, FrontierRecord, StepRecord, TrajectoryRecord } from '../contract/run-log';

/** A non-2xx answer: its status and the server's `error` text. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

/** GET and POST of JSON against the server; both throw HttpStatusError on a non-2xx answer. */
export interface RunLogTransport {
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

/** A transport over fetch: `base` is the server's origin ('' in a page), `headers` e.g. a bearer token, `send` e.g. lib/client/send.ts. */
export function fetchTransport(
  base: string,
  opts: { headers?: Record<string, string>; send?: (method: 'POST', url: string, body: unknown) => Promise<Response> } = {},
): RunLogTransport {
  const answer = async (res: Response, what: string) => {
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text for the error
    }
    if (!res.ok) throw new HttpStatusError(res.status, `${what}: HTTP ${res.status} ${(json as { error?: string } | null)?.error ?? text.slice(0, 200)}`);
    return json;
  };
  return {
    get: async (path) => answer(await fetch(base + path, { headers: { accept: 'application/json', ...opts.headers } }), `GET ${path}`),
    post: async (path, body) =>
      answer(
        opts.send
          ? await opts.send('POST', base + path, body)
          : await fetch(base + path, {
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/json', ...opts.headers },
              body: JSON.stringify(body),
            }),
        `POST ${path}`,
      ),
  };
}

interface CheckpointWire {
  id: string;
  step: number;
  weights: string;
  meta: Record<string, unknown>;
}

const fromWire = (c: CheckpointWire | null): StoredCheckpoint | null =>
  c ? { id: c.id, step: c.step, weights: base64ToBytes(c.weights), meta: c.meta } : null;

export class HttpRunLog implements RunLog {
  constructor(
    readonly runId: string,
    private readonly http: RunLogTransport,
  ) {}

  private get base() {
    return `/api/runs/${encodeURIComponent(this.runId)}`;
  }

  /** A batch under a deterministic id: a 409 means this batch id was applied before (a resumed step). */
  private async batch(kind: string, batchId: string, records: unknown[]): Promise<unknown> {
    try {
      return await this.http.post(`${this.base}/${kind}`, { batchId, records });
    } catch (err) {
      if (err instanceof HttpStatusError && err.status === 409 && /batch with different content/.test(err.message)) return { applied: false };
      throw err;
    }
  }

  step(record: StepRecord) {
    return this.batch('steps', `steps-${record.step}`, [record]);
  }

  trajectories(step: number, records: TrajectoryRecord[], part = 0) {
    if (records.length === 0) return Promise.resolve({ applied: false, rows: 0 });
    return this.batch('trajectories', `traj-${step}-${part}`, records);
  }

  evalPoint(record: EvalPointRecord) {
    return this.batch('eval-points', `eval-${record.step}-${record.split ?? 'test'}`, [record]);
  }

  frontier(record: FrontierRecord) {
    return this.batch('frontiers', `front-${record.step}`, [record]);
  }

  async saveCheckpoint(cp: CheckpointData, opts: { keep: number }): Promise<void> {
    await this.http.post(`${this.base}/checkpoints`, { step: cp.step, weights: bytesToBase64(cp.weights), meta: cp.meta, keep: opts.keep });
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | null> {
    const res = (await this.http.get(`${this.base}/checkpoints/latest`)) as { checkpoint: CheckpointWire | null };
    return fromWire(res.checkpoint);
  }

  async namedCheckpoint(name: string): Promise<StoredCheckpoint | null> {
    const res = (await this.http.get(`/api/checkpoints/${encodeURIComponent(name)}`)) as { checkpoint: CheckpointWire | null };
    return fromWire(res.checkpoint);
  }

  /**
   * Shares a warm start trained here. Only admins may replace shared
   * checkpoints: for anyone else (403) it stays this run's own, untrained next time.
   */
  async saveNamedCheckpoint(name: string, cp: CheckpointData): Promise<void> {
    try {
      await this.http.post(`/api/checkpoints/${encodeURIComponent(name)}`, { step: cp.step, weights: bytesToBase64(cp.weights), meta: cp.meta });
    } catch (err) {
      if (!(err instanceof HttpStatusError && err.status === 403)) throw err;
    }
  }

  finish() {
    return this.http.post(`${this.base}/finish`, { status: 'finished' });
  }

  fail(error: string) {
    return this.http.post(`${this.base}/finish`, { status: 'failed', error: error.slice(0, 20_000) || 'unknown error' });
  }

  cancel() {
    return this.http.post(`${this.base}/finish`, { status: 'cancelled' });
  }
}
