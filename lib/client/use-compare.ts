'use client';
/**
 * The compare view's data (GET /api/compare), starting from the server
 * render and re-read every 2 s while any compared run is queued or running;
 * a poll that brings nothing new leaves the view (and every chart) as it was.
 */
import { useEffect, useState } from 'react';
import type { CompareView } from '../contract/compare-view';
import { fetchCompare } from './wire';
import { mergeComparePoll } from './compare-poll';
import { isLiveStatus } from '../contract/run-log';

export function useCompare(initial: CompareView, opts: { pollMs?: number } = {}): { view: CompareView; error: string | null } {
  const [view, setView] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const live = view.runs.some((r) => isLiveStatus(r.run.status));
  const ids = view.runs.map((r) => r.run.id).join(',');
  const pollMs = opts.pollMs ?? 2000;
  useEffect(() => {
    if (!live) return;
    const ctl = new AbortController();
    const t = setInterval(() => {
      fetchCompare(ids.split(','), ctl.signal)
        .then((v) => {
          setView((prev) => mergeComparePoll(prev, v));
          setError(null);
        })
        .catch((e: Error) => {
          if (e.name !== 'AbortError') setError(e.message);
        });
    }, pollMs);
    return () => {
      clearInterval(t);
      ctl.abort();
    };
  }, [ids, live, pollMs]);
  return { view, error };
}
