'use client';
/**
 * Run actions: cancel (queued runs at once, running ones after the current
 * step), clone with changes (opens the form prefilled), and delete — which
 * asks for the run's name to be typed, since it cannot be undone.
 */
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { RunView } from '@/lib/contract/run-view';
import { send } from '@/lib/client/send';
import { isLiveStatus } from '@/lib/contract/run-log';

const button = 'rounded-md px-3 py-1.5 text-sm font-medium shadow-sm ring-1 ring-inset disabled:opacity-50';

export function RunActions({ run }: { run: Pick<RunView, 'id' | 'name' | 'status' | 'source' | 'cancelRequestedAt'> }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const live = isLiveStatus(run.status);

  async function post(method: 'POST' | 'DELETE', url: string) {
    setBusy(true);
    setError(null);
    try {
      const res = await send(method, url);
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      return body;
    } catch (err) {
      setError((err as Error).message);
      return null;
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="run-actions">
      {live && run.source === 'builtin' && (
        <button
          type="button"
          className={`${button} bg-white text-amber-800 ring-amber-300 hover:bg-amber-50`}
          disabled={busy || !!run.cancelRequestedAt}
          onClick={() => void post('POST', `/api/runs/${run.id}/cancel`).then(() => router.refresh())}
          data-testid="cancel-run"
        >
          {run.cancelRequestedAt ? 'Cancelling after this step…' : 'Cancel run'}
        </button>
      )}
      {run.source === 'builtin' && (
        <Link href={`/runs/new?from=${run.id}`} className={`${button} bg-white text-slate-700 ring-slate-300 hover:bg-slate-50`} data-testid="clone-run">
          Clone with changes
        </Link>
      )}
      <button
        type="button"
        className={`${button} bg-white text-rose-700 ring-rose-300 hover:bg-rose-50`}
        onClick={() => setConfirming(true)}
        data-testid="delete-run"
      >
        Delete…
      </button>
      {error && <span className="text-sm text-rose-700">{error}</span>}
      {confirming && (
        <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" role="dialog" aria-modal="true" aria-labelledby="delete-title">
          <div className="w-full max-w-md rounded-lg bg-white p-5 shadow-xl">
            <h2 id="delete-title" className="text-base font-semibold text-slate-900">
              Delete this run?
            </h2>
            <p className="mt-2 text-sm text-slate-600">
              Its metrics, trajectories, evaluation points, fronts and checkpoints are deleted too. This cannot be undone. Type the run&apos;s name to confirm:
            </p>
            <p className="mt-2 rounded bg-slate-100 px-2 py-1 font-mono text-sm">{run.name}</p>
            <input
              autoFocus
              className="mt-3 block w-full rounded-md border border-slate-300 px-2.5 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-rose-500"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              data-testid="delete-confirm-input"
            />
            <div className="mt-4 flex justify-end gap-2">
              <button type="button" className={`${button} bg-white text-slate-700 ring-slate-300`} onClick={() => (setConfirming(false), setTyped(''))}>
                Keep it
              </button>
              <button
                type="button"
                className={`${button} bg-rose-600 text-white ring-rose-600 hover:bg-rose-500`}
                disabled={typed !== run.name || busy}
                onClick={async () => {
                  const ok = await post('DELETE', `/api/runs/${run.id}?confirm=${encodeURIComponent(run.id)}`);
                  if (ok) router.push('/');
                }}
                data-testid="delete-confirm"
              >
                Delete run
              </button>
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
