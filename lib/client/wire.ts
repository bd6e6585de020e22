/**
 * Wire types, converted once: JSON from the API has ISO date strings; the UI
 * works with Date objects. Every client-side fetch goes through here.
 */
import type { RunView } from '../db/runs';

type Wire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };
export type RunWire = Wire<RunView>;

const date = (s: string | null) => (s === null ? null : new Date(s));

export function runFromWire(w: RunWire): RunView {
  return {
    ...w,
    heartbeatAt: date(w.heartbeatAt),
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

export async function fetchRuns(query: URLSearchParams): Promise<{ runs: RunView[]; nextCursor: string | null }> {
  const body = await getJson<{ runs: RunWire[]; nextCursor: string | null }>(`/api/runs?${query}`);
  return { runs: body.runs.map(runFromWire), nextCursor: body.nextCursor };
}
