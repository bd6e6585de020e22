'use client';
/**
 * The run's trajectory cloud (GET /api/runs/:id/trajectory-points), fetched in
 * id-paged columns and appended to growing typed arrays; while the run is live
 * it asks only for points after the last id it has.
 */
import { useEffect, useState } from 'react';
import { fetchTrajectoryPoints } from './wire';

export interface TrajectoryCloud {
  dim: number;
  count: number;
  steps: Int32Array;
  /** Row-major count × dim (capacity may be larger). */
  values: Float64Array;
  /** All pages present so far have arrived. */
  complete: boolean;
}

const EMPTY: TrajectoryCloud = { dim: 0, count: 0, steps: new Int32Array(0), values: new Float64Array(0), complete: false };

export function useTrajectoryPoints(runId: string, opts: { live: boolean; pollMs?: number }): TrajectoryCloud {
  const [cloud, setCloud] = useState<TrajectoryCloud>(EMPTY);
  const pollMs = opts.pollMs ?? 3000;

  useEffect(() => {
    const ctl = new AbortController();
    let steps = new Int32Array(0);
    let values = new Float64Array(0);
    let count = 0;
    let dim = 0;
    let after = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;

    const pull = async () => {
      try {
        for (;;) {
          const page = await fetchTrajectoryPoints(runId, after, ctl.signal);
          dim = page.dim;
          const n = page.ids.length;
          if (n > 0) {
            if (count + n > steps.length) {
              const cap = Math.max(count + n, steps.length * 2, 1024);
              const s2 = new Int32Array(cap);
              s2.set(steps.subarray(0, count));
              const v2 = new Float64Array(cap * dim);
              v2.set(values.subarray(0, count * dim));
              steps = s2;
              values = v2;
            }
            steps.set(page.steps, count);
            values.set(page.values, count * dim);
            count += n;
            after = page.ids[n - 1];
          }
          const complete = page.nextCursor === null;
          if (n > 0 || complete) setCloud({ dim, count, steps, values, complete });
          if (complete) break;
        }
      } catch (err) {
        if ((err as Error).name === 'AbortError') return;
        console.warn('trajectory points:', (err as Error).message);
      }
      if (opts.live && !ctl.signal.aborted) timer = setTimeout(pull, pollMs);
    };
    void pull();
    return () => {
      ctl.abort();
      if (timer) clearTimeout(timer);
    };
  }, [runId, opts.live, pollMs]);

  return cloud;
}
