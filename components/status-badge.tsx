import type { RunStatus } from '@/lib/contract/run-log';

const STYLES: Record<RunStatus, string> = {
  queued: 'bg-slate-100 text-slate-700 ring-slate-300',
  running: 'bg-indigo-50 text-indigo-700 ring-indigo-300',
  finished: 'bg-emerald-50 text-emerald-700 ring-emerald-300',
  failed: 'bg-rose-50 text-rose-700 ring-rose-300',
  cancelled: 'bg-amber-50 text-amber-800 ring-amber-300',
};

export function StatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}>
      {status === 'running' && <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-indigo-500" aria-hidden="true" />}
      {status}
    </span>
  );
}
