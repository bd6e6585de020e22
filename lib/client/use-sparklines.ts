'use client';
/** Hypervolume sparklines for the runs on screen (GET /api/runs/sparklines), refreshed while any is live. */
import { useEffect, useState } from 'react';
import { fetchSparklines, type Sparkline } from './wire';

export function useSparklines(ids: string[], opts: { live: boolean; pollMs?: number }): Record<string, Sparkline> {
  const [series, setSeries] = useState<Record<string, Sparkline>>({});
  const key = ids.join(',');
  const pollMs = opts.pollMs ?? 4000;

  useEffect(() => {
    if (!key) return;
    const ctl = new AbortController();
    const load = () =>
      fetchSparklines(key.split(','), ctl.signal)
        .then(setSeries)
        .catch(() => undefined); // a missing sparkline is not worth an error banner
    void load();
    const t = opts.live ? setInterval(load, pollMs) : null;
    return () => {
      ctl.abort();
      if (t) clearInterval(t);
    };
  }, [key, opts.live, pollMs]);

  return series;
}
