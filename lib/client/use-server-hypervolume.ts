'use client';
/**
 * The server's hypervolume of a run (GET /api/runs/:id/hypervolume), fetched
 * again whenever the run has logged new evaluation points (`evalCount`).
 */
import { useEffect, useState } from 'react';
import type { EvalHypervolume } from '../runs/eval-hypervolume';
import { fetchServerHypervolume } from './wire';

export function useServerHypervolume(runId: string, evalCount: number): { hypervolume: EvalHypervolume | null; clientReported: number | null } {
  const [state, setState] = useState<{ hypervolume: EvalHypervolume | null; clientReported: number | null }>({ hypervolume: null, clientReported: null });
  useEffect(() => {
    const ctl = new AbortController();
    const t = setTimeout(() => {
      fetchServerHypervolume(runId, ctl.signal)
        .then(setState)
        .catch(() => undefined); // the value stays as it was; the run's own charts still show
    }, 150);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
  }, [runId, evalCount]);
  return state;
}
