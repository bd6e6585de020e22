'use client';
/** Trajectories of a run (GET /api/runs/:id/trajectories), filtered, paged by cursor ("load more"). */
import { useCallback, useEffect, useState } from 'react';
import { fetchTrajectories, type Trajectory } from './wire';

export interface TrajectoryQuery {
  step?: number;
  rank?: number;
  split?: 'train' | 'eval';
  pageSize?: number;
}

export function useTrajectories(runId: string, q: TrajectoryQuery) {
  const [rows, setRows] = useState<Trajectory[]>([]);
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
