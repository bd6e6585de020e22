'use client';
/**
 * The server's hypervolume of a run (GET /api/runs/:id/hypervolume), fetched
 * again whenever the run has logged new evaluation points (`evalCount`), once
 * they have stopped arriving for 150 ms; not at all while there are none.
 */
import { startTransition, useEffect, useState } from 'react';
import type { EvalHypervolume } from '../contract/eval-hypervolume';
import { fetchServerHypervolume } from './wire';

export function useServerHypervolume(runId: string, evalCount: number): { hypervolume: EvalHypervolume | null; clientReported: number | null } {
  const [state, setState] = useState<{ hypervolume: EvalHypervolume | null; clientReported: number | null }>({ hypervolume: null, clientReported: null });
  useEffect(() => {
    // Nothing to measure before the first evaluation point arrives; and the fetch
    // (a hypervolume per evaluated step on the server) must not compete with the
    // event stream's replay on a page that is still loading.
    if (evalCount === 0) return;
    const ctl = new AbortController();
    const t = setTimeout(() => {
      fetchServerHypervolume(runId, ctl.signal)
        // A transition: arriving while the plane's deferred render of many points is in progress, an urgent
        // update would restart that render from scratch; a transition waits for it.
        .then((v) => startTransition(() => setState(v)))
        .catch(() => undefined); // the value stays as it was; the run's own charts still show
    }, 150);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
  }, [runId, evalCount]);
  return state;
}
