'use client';
/**
 * Trajectories of a run (GET /api/runs/:id/trajectories), filtered, paged by
 * cursor ("load more"). While the run trains, each new step (`liveStep`)
 * fetches only the rows after the last one shown, once all pages are loaded.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchTrajectories } from './wire';
import type { LoggedTrajectory } from '../contract/trajectory-view';

export interface TrajectoryQuery {
  step?: number;
  rank?: number;
  split?: 'train' | 'eval';
  pageSize?: number;
}

export function useTrajectories(runId: string, q: TrajectoryQuery, liveStep?: number | null) {
  const [rows, setRows] = useState<LoggedTrajectory[]>([]);
  const [cursor, setCursor] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify([runId, q.step, q.rank, q.split, q.pageSize]);

  const params = useCallback(
    (after: number | null) => {
      const p = new URLSearchParams({ limit: String(q.pageSize ?? 25) });
      if (q.step !== undefined) p.set('step', String(q.step));
      if (q.rank !== undefined) p.set('rank', String(q.rank));
      if (q.split) p.set('split', q.split);
      if (after !== null) p.set('cursor', String(after));
      return p;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    let stale = false;
    setLoading(true);
    fetchTrajectories(runId, params(null))
      .then((page) => {
        if (stale) return;
        setRows(page.trajectories);
        setCursor(page.nextCursor);
        setError(null);
      })
      .catch((err: Error) => !stale && setError(err.message))
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
  }, [runId, params]);

  // Live tail: ids only grow, so "after the last row" is exactly what is new.
  const tail = useRef({ rows, cursor, loading });
  tail.current = { rows, cursor, loading };
  useEffect(() => {
    if (liveStep === undefined || liveStep === null) return;
    const { rows: have, cursor: pending, loading: busy } = tail.current;
    if (pending !== null || busy) return;
    let stale = false;
    const after = have.length ? have[have.length - 1].id : null;
    fetchTrajectories(runId, params(after))
      .then((page) => {
        if (stale || page.trajectories.length === 0) return;
        setRows((r) => (r.length && r[r.length - 1].id !== after ? r : [...r, ...page.trajectories]));
        setCursor(page.nextCursor);
      })
      .catch(() => {
        /* the next step retries */
      });
    return () => {
      stale = true;
    };
  }, [runId, params, liveStep]);

  const loadMore = useCallback(async () => {
    if (cursor === null) return;
    setLoading(true);
    try {
      const page = await fetchTrajectories(runId, params(cursor));
      setRows((r) => [...r, ...page.trajectories]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoading(false);
    }
  }, [runId, cursor, params]);

  return { rows, hasMore: cursor !== null, loading, error, loadMore };
}
