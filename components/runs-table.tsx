'use client';
/**
 * The runs list: search and filters live in the URL (RunsFilters); here a
 * checkbox per row, columns sortable by clicking their header (server-computed
 * hypervolume, final accuracy and tool calls), and "Compare" for 2–20 ticked runs.
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import type { RunListItem } from '@/lib/contract/run-view';
import { useRuns } from '@/lib/client/use-runs';
import { StatusBadge } from './status-badge';
import { formatNumber } from './format';
import { RelativeTime } from './relative-time';
import { EmptyRuns } from './empty-runs';
import { ProgressBar } from './progress-bar';
import { Sparkline } from './sparkline';
import { TagChips } from './tag-chips';
import { useSparklines } from '@/lib/client/use-sparklines';
import { nextSort, sortRuns, type RunSort, type SortKey } from './runs-sort';
import { isLiveStatus } from '@/lib/contract/run-log';

export const MAX_COMPARE = 20;

export function RunsTable({ initialRuns, filter = {}, origin }: { initialRuns: RunListItem[]; filter?: Record<string, string>; origin: string }) {
  const { runs, error } = useRuns(initialRuns, { filter, limit: 100 });
  const router = useRouter();
  const live = runs.some((r) => isLiveStatus(r.status));
  const sparklines = useSparklines(
    runs.map((r) => r.id),
    { live },
  );
  const [sort, setSort] = useState<RunSort | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const sorted = useMemo(() => sortRuns(runs, sort), [runs, sort]);
  const filtered = Object.keys(filter).length > 0;
  if (runs.length === 0 && !filtered) return <EmptyRuns origin={origin} />;
  if (runs.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600" data-testid="no-matching-runs">
        No runs match these filters.
      </p>
    );
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const canCompare = selected.length >= 2 && selected.length <= MAX_COMPARE;
  const header = (key: SortKey, label: string, title: string, right = true) => (
    <th
      className={`px-3 py-2.5 ${right ? 'text-right' : ''}`}
      title={title}
      aria-sort={sort?.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="uppercase tracking-wide hover:text-slate-800"
        onClick={() => setSort((s) => nextSort(s, key))}
        data-testid={`sort-${key}`}
      >
        {label}
        <span className="ml-1 text-slate-400">{sort?.key === key ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3 text-sm" data-testid="compare-bar">
        <button
          type="button"
          disabled={!canCompare}
          onClick={() => router.push(`/compare?runs=${selected.join(',')}`)}
          className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-slate-300"
          data-testid="compare-button"
        >
          Compare {selected.length > 0 ? `${selected.length} runs` : ''}
        </button>
        <span className="text-xs text-slate-500">
          {selected.length === 0
            ? 'Tick 2–20 runs to compare them.'
            : selected.length > MAX_COMPARE
              ? `At most ${MAX_COMPARE} runs at once.`
              : selected.length === 1
                ? 'Tick at least one more.'
                : ''}
        </span>
        {selected.length > 0 && (
          <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => setSelected([])}>
            clear selection
          </button>
        )}
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        {error && <p className="border-b border-rose-200 bg-rose-50 px-4 py-2 text-sm text-rose-700">Could not refresh: {error}</p>}
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="runs-table">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th className="w-8 px-3 py-2.5">
                <span className="sr-only">Select</span>
              </th>
              {header('name', 'Name', 'Sort by name', false)}
              <th className="px-3 py-2.5">Environment</th>
              <th className="px-3 py-2.5">Algorithm</th>
              <th className="px-3 py-2.5">Status</th>
              <th className="px-3 py-2.5">Progress</th>
              {header('created', 'Created', 'Sort by creation time', false)}
              {header(
                'hypervolume',
                'Hypervolume',
                "Computed by the server from the run's test evaluation points and its objective references (all of them); higher is better. Below: the value the trainer reported, if any.",
              )}
              {header('accuracy', 'Final accuracy', 'Mean accuracy of the last evaluation (test split); higher is better')}
              {header('tool_calls', 'Final calls', 'Mean tool calls per question at the last evaluation (test split); lower is better')}
              <th className="px-3 py-2.5" title="Hypervolume by training step, as the trainer reported it">
                History
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sorted.map((run) => (
              <tr key={run.id} className={`hover:bg-slate-50 ${selected.includes(run.id) ? 'bg-indigo-50/60' : ''}`} data-testid="run-row" data-run-id={run.id}>
                <td className="px-3 py-2.5">
                  <input
                    type="checkbox"
                    aria-label={`select ${run.name}`}
                    checked={selected.includes(run.id)}
                    onChange={() => toggle(run.id)}
                    data-testid="run-select"
                    className="h-4 w-4 accent-indigo-600"
                  />
                </td>
                <td className="min-w-[9rem] px-3 py-2.5 font-medium text-slate-900">
                  <Link href={`/runs/${run.id}`} className="hover:text-indigo-700">
                    {run.name}
                  </Link>
                  <TagChips tags={run.tags} className="ml-2" />
                </td>
                <td className="px-3 py-2.5 text-slate-700">{run.environment}</td>
                <td className="px-3 py-2.5 font-mono text-xs text-slate-700">{run.algorithm}</td>
                <td className="px-3 py-2.5">
                  <StatusBadge status={run.status} />
                </td>
                <td className="px-3 py-2.5">
                  <ProgressBar lastStep={run.lastStep} totalSteps={run.totalSteps} />
                </td>
                <td className="px-3 py-2.5 text-slate-600" title={run.createdAt.toISOString()}>
                  <RelativeTime date={run.createdAt} />
                </td>
                <td className="px-3 py-2.5 text-right font-mono tabular-nums">
                  <span data-testid="server-hv">{formatNumber(run.evaluation.hypervolume)}</span>
                  {run.latestHypervolume !== null && (
                    <span
                      className="block text-[10px] font-normal text-slate-400"
                      title="Hypervolume the run's trainer sent (not computed by the server)"
                      data-testid="client-hv"
                    >
                      trainer: {formatNumber(run.latestHypervolume)}
                    </span>
                  )}
                </td>
                <td className="px-3 py-2.5 text-right font-mono tabular-nums">{formatNumber(run.evaluation.finalMeans?.accuracy, 3)}</td>
                <td className="px-3 py-2.5 text-right font-mono tabular-nums">{formatNumber(run.evaluation.finalMeans?.tool_calls, 3)}</td>
                <td className="px-3 py-1.5">
                  <Sparkline data={sparklines[run.id]} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
