'use client';
/** The runs list when there are none: what a run is and how to log one, with a curl example against this very server. */
import { useSyncExternalStore } from 'react';

const noop = () => () => {};

/** The page's origin: the browser's own once hydrated; on the server, the origin the request came to. */
function useOrigin(serverOrigin: string): string {
  return useSyncExternalStore(
    noop,
    () => window.location.origin,
    () => serverOrigin,
  );
}

export function EmptyRuns({ origin: serverOrigin }: { origin: string }) {
  const origin = useOrigin(serverOrigin);
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center" data-testid="empty-runs">
      <h2 className="text-lg font-semibold text-slate-900">No runs yet</h2>
      <p className="mx-auto mt-2 max-w-xl text-sm text-slate-600">
        A run is one training of a tool-using agent. Its steps, trajectories and Pareto fronts appear here as they are logged.
      </p>
      <div className="mx-auto mt-6 max-w-2xl space-y-4 text-left text-sm">
        <div>
          <p className="font-medium text-slate-800">Log a run from any trainer (verl, TRL, your own) through the run log API:</p>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-xs leading-relaxed text-slate-100">{`curl -X POST ${origin}/api/runs -H 'content-type: application/json' -d '{
  "name": "my first run", "environment": "calc", "algorithm": "grpo", "seed": 0,
  "objectives": [
    { "name": "accuracy",   "direction": "maximize", "reference": 0 },
    { "name": "tool_calls", "direction": "minimize", "reference": 4 }
  ]
}'`}</pre>
        </div>
        <p className="text-slate-600">
          Then post its steps to <code className="rounded bg-slate-100 px-1">/api/runs/&lt;id&gt;/steps</code> and trajectories to{' '}
          <code className="rounded bg-slate-100 px-1">/api/runs/&lt;id&gt;/trajectories</code> — see the README.
        </p>
      </div>
    </div>
  );
}
