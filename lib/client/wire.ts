/**
 * Wire types, converted once: JSON from the API has ISO date strings; the UI
 * works with Date objects. Every client-side fetch goes through here.
 */
import type { RunEvaluation, RunListItem, RunView } from '../contract/run-view';
import type { CompareView } from '../contract/compare-view';
import type { EvalHypervolume } from '../contract/eval-hypervolume';
import type { UpdateRunInput } from '../contract/run-log';
import { send } from './send';
import { feedSnapshotUrl } from './feed-snapshot-url';
import type { FrontierRecord, RunStatus, StepRecord } from '../contract/run-log';
import { RunEventFrame } from '../contract/run-events';
import type { TrajectoryPage, TrajectoryPointsView } from '../contract/trajectory-view';

type Wire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
export type RunWire = Wire<RunView>;

const date = (s: string | null) => (s === null ? null : new Date(s));

export function runFromWire(w: RunWire): RunView {
  return {
    ...w,
    heartbeatAt: date(w.heartbeatAt),
    cancelRequestedAt: date(w.cancelRequestedAt),
    createdAt: new Date(w.createdAt),
    updatedAt: new Date(w.updatedAt),
    startedAt: date(w.startedAt),
    finishedAt: date(w.finishedAt),
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, (body as { error?: string }).error ?? `HTTP ${res.status}`);
  return body as T;
}

export type RunListItemWire = RunWire & { evaluation: RunEvaluation };

export async function fetchRuns(query: URLSearchParams): Promise<{ runs: RunListItem[]; nextCursor: string | null }> {
  const body = await getJson<{ runs: RunListItemWire[]; nextCursor: string | null }>(`/api/runs?${query}`);
  return { runs: body.runs.map((w) => ({ ...runFromWire(w), evaluation: w.evaluation })), nextCursor: body.nextCursor };
}

/** PATCH /api/runs/:id — notes and tags; a refusal throws ApiError with the server's message (naming the field). */
export async function patchRun(runId: string, update: UpdateRunInput): Promise<RunView> {
  const res = await send('PATCH', `/api/runs/${encodeURIComponent(runId)}`, update);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, (body as { error?: string }).error ?? `HTTP ${res.status}`);
  return runFromWire((body as { run: RunWire }).run);
}

/** The server's hypervolume of a run, and what its trainer reported. */
export async function fetchServerHypervolume(runId: string, signal?: AbortSignal): Promise<{ hypervolume: EvalHypervolume; clientReported: number | null }> {
  return getJson(`/api/runs/${encodeURIComponent(runId)}/hypervolume`, { signal });
}

type CompareWire = Omit<CompareView, 'runs'> & { runs: (Omit<CompareView['runs'][number], 'run'> & { run: RunWire })[] };

export async function fetchCompare(ids: readonly string[], signal?: AbortSignal): Promise<CompareView> {
  const w = await getJson<CompareWire>(`/api/compare?runs=${ids.map(encodeURIComponent).join(',')}`, { signal });
  return { ...w, runs: w.runs.map((r) => ({ ...r, run: runFromWire(r.run) })) };
}

// ---- live run page ----------------------------------------------------------

/** One logged step as the charts use it (the feed's `metric` payload). */
export type MetricPoint = StepRecord;
export type EvalPoint = { step: number; split: string; objectives: number[] };
export type Frontier = Required<Pick<FrontierRecord, 'step' | 'points' | 'hypervolume'>>;

/** An event of the run feed (GET /api/runs/:id/events), parsed. */
export type RunEventMessage =
  | { id: number; kind: 'metric'; metric: MetricPoint }
  | { id: number; kind: 'eval'; point: EvalPoint }
  | { id: number; kind: 'evals'; points: EvalPoint[] }
  | { id: number; kind: 'frontier'; frontier: Frontier }
  | { id: number; kind: 'status'; status: RunStatus; error: string | null; cancelRequested: boolean };

/** Decodes one SSE frame through the contract's discriminated union; null for a kind (or a payload) this client does not know. */
export function runEventFromWire(kind: string, id: number, data: string): RunEventMessage | null {
  return runEventFromPayload(kind, id, JSON.parse(data));
}

function runEventFromPayload(kind: string, id: number, payload: unknown): RunEventMessage | null {
  const frame = RunEventFrame.safeParse({ kind, payload });
  if (!frame.success) return null;
  const f = frame.data;
  const point = (e: { step: number; split: string; objectives: number[] }): EvalPoint => ({ step: e.step, split: e.split, objectives: e.objectives });
  switch (f.kind) {
    case 'metric':
      return { id, kind: f.kind, metric: f.payload };
    case 'eval':
      return { id, kind: f.kind, point: point(f.payload) };
    case 'evals':
      // Consecutive eval events in one frame (lib/api/run-feed-hub formatEvents); id is the last one's.
      return { id, kind: f.kind, points: f.payload.map(point) };
    case 'frontier':
      return { id, kind: f.kind, frontier: { step: f.payload.step, points: f.payload.points, hypervolume: f.payload.hypervolume } };
    case 'status':
      return { id, kind: f.kind, status: f.payload.status, error: f.payload.error ?? null, cancelRequested: f.payload.cancelRequested === true };
  }
}

/** The feed snapshot (GET /api/runs/:id/events/snapshot, lib/api/feed-snapshot-format.ts) as parsed JSON. */
export interface FeedSnapshotWire {
  cursor: number;
  nextCursor: number | null;
  events: ([number, string, Record<string, unknown>] | [number, 'evals', number])[];
  evals: { steps: number[]; dim: number; lengths: number[] | null; splits: string[]; split: number[] | null; values: (number | null)[] };
}

/** The snapshot's events as the stream would have delivered them: the same messages, in seq order (eval runs as `evals`). */
export function feedSnapshotFromWire(w: FeedSnapshotWire): { messages: RunEventMessage[]; cursor: number; nextCursor: number | null } {
  const { steps, dim, lengths, splits, split, values } = w.evals;
  const messages: RunEventMessage[] = [];
  let k = 0; // next point
  let off = 0; // its first value
  for (const e of w.events) {
    if (e[1] !== 'evals') {
      const m = runEventFromPayload(e[1], e[0], e[2]);
      if (m) messages.push(m);
      continue;
    }
    const points: EvalPoint[] = new Array(e[2] as number);
    for (let i = 0; i < points.length; i++, k++) {
      const len = lengths ? lengths[k] : dim;
      points[i] = { step: steps[k], split: splits[split ? split[k] : 0], objectives: values.slice(off, off + len) as number[] };
      off += len;
    }
    messages.push({ id: e[0], kind: 'evals', points });
  }
  return { messages, cursor: w.cursor, nextCursor: w.nextCursor };
}

export async function fetchFeedSnapshot(runId: string, after: number, signal?: AbortSignal): Promise<ReturnType<typeof feedSnapshotFromWire>> {
  return feedSnapshotFromWire(await getJson<FeedSnapshotWire>(feedSnapshotUrl(runId, after), { signal }));
}

export async function fetchTrajectories(runId: string, query: URLSearchParams): Promise<TrajectoryPage> {
  return getJson(`/api/runs/${encodeURIComponent(runId)}/trajectories?${query}`);
}

/** The trajectory cloud in typed columns; null objective values (non-finite) become NaN. */
export interface TrajectoryPoints {
  dim: number;
  ids: Int32Array;
  steps: Int32Array;
  values: Float64Array;
  nextCursor: number | null;
}

export async function fetchTrajectoryPoints(runId: string, after: number, signal?: AbortSignal): Promise<TrajectoryPoints> {
  const w = await getJson<TrajectoryPointsView>(`/api/runs/${encodeURIComponent(runId)}/trajectory-points?after=${after}`, { signal });
  const values = new Float64Array(w.values.length);
  for (let i = 0; i < values.length; i++) values[i] = w.values[i] ?? NaN;
  return { dim: w.dim, ids: Int32Array.from(w.ids), steps: Int32Array.from(w.steps), values, nextCursor: w.nextCursor };
}

export interface Sparkline {
  steps: number[];
  values: number[];
  /** Points before downsampling. */
  total: number;
}

export async function fetchSparklines(ids: string[], signal?: AbortSignal): Promise<Record<string, Sparkline>> {
  const body = await getJson<{ series: Record<string, Sparkline> }>(`/api/runs/sparklines?ids=${ids.map(encodeURIComponent).join(',')}`, { signal });
  return body.series;
}
