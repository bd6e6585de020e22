'use client';
/**
 * The runs list, kept fresh: starts from the server-rendered page and re-polls
 * while any run is queued or running (status and latest hypervolume change).
 */
import { useEffect, useState } from 'react';
import type { RunListItem } from '../contract/run-view';
import { fetchRuns } from './wire';
import { isLiveStatus } from '../contract/run-log';

export function useRuns(initial: RunListItem[], opts: { limit?: number; pollMs?: number; filter?: Record<string, string> } = {}) {
  const [runs, setRuns] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const live = runs.some((r) => isLiveStatus(r.status));
  const pollMs = opts.pollMs ?? (live ? 2000 : 10_000);
  const filterKey = new URLSearchParams(opts.filter ?? {}).toString();

  useEffect(() => {
    let stopped = false;
    const tick = async () => {
      try {
        const { runs: fresh } = await fetchRuns(
          new URLSearchParams({ ...Object.fromEntries(new URLSearchParams(filterKey)), limit: String(opts.limit ?? 50) }),
        );
        if (!stopped) {
          setRuns(fresh);
          setError(null);
        }
      } catch (err) {
        if (!stopped) setError((err as Error).message);
      }
    };
    const id = setInterval(tick, pollMs);
    return () => {
      stopped = true;
      clearInterval(id);
    };
  }, [pollMs, opts.limit, filterKey]);

  return { runs, error };
}
