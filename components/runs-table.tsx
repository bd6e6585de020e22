'use client';
import Link from 'next/link';
import type { RunView } from '@/lib/db/runs';
import { useRuns } from '@/lib/client/use-runs';
import { StatusBadge } from './status-badge';
import { formatNumber } from './format';
import { RelativeTime } from './relative-time';
import { EmptyRuns } from './empty-runs';
import { ProgressBar } from './progress-bar';
import { Sparkline } from './sparkline';
import { TagChips } from './tag-chips';
import { useSparklines } from '@/lib/client/use-sparklines';

export function RunsTable({ initialRuns, filter = {} }: { initialRuns: RunView[]; filter?: Record<string, string> }) {
  const { runs, error } = useRuns(initialRuns, { filter });
  const live = runs.some((r) => r.status === 'queued' || r.status === 'running');
  const sparklines = useSparklines(runs.map((r) => r.id), { live });
  const filtered = Object.keys(filter).length > 0;
  if (runs.length === 0 && !filtered) return <EmptyRuns />;
  if (runs.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600" data-testid="no-matching-runs">
        No runs match these filters.
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      {error && <p className="border-b border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-700">Could not refresh: {error}</p>}
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="runs-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2.5">Name</th>
            <th className="px-4 py-2.5">Environment</th>
            <th className="px-4 py-2.5">Algorithm</th>
            <th className="px-4 py-2.5">Status</th>
            <th className="px-4 py-2.5">Progress</th>
            <th className="px-4 py-2.5">Created</th>
            <th className="px-4 py-2.5 text-right" title="Hypervolume of the run's Pareto archive at its latest step; higher is better">
              Latest hypervolume
            </th>
            <th className="px-4 py-2.5" title="Hypervolume by training step">
              History
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((run) => (
            <tr key={run.id} className="hover:bg-slate-50" data-testid="run-row">
              <td className="px-4 py-2.5 font-medium text-slate-900">
                <Link href={`/runs/${run.id}`} className="hover:text-indigo-700">
                  {run.name}
                </Link>
                <TagChips tags={run.tags} className="ml-2" />
              </td>
              <td className="px-4 py-2.5 text-slate-700">{run.environment}</td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-700">{run.algorithm}</td>
              <td className="px-4 py-2.5">
                <StatusBadge status={run.status} />
              </td>
              <td className="px-4 py-2.5">
                <ProgressBar lastStep={run.lastStep} totalSteps={run.totalSteps} />
              </td>
              <td className="px-4 py-2.5 text-slate-600" title={run.createdAt.toISOString()}>
                <RelativeTime date={run.createdAt} />
              </td>
              <td className="px-4 py-2.5 text-right font-mono tabular-nums">{formatNumber(run.latestHypervolume)}</td>
              <td className="px-4 py-1.5">
                <Sparkline data={sparklines[run.id]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
