'use client';
/**
 * Trajectories of the run: the generated tokens with tool calls and tool
 * outputs highlighted, the objective vector, Pareto rank and advantage;
 * filterable by step and rank, paged with the route's cursor.
 */
import { useState } from 'react';
import type { ObjectiveDef } from '@/lib/contract/run-log';
import { useTrajectories } from '@/lib/client/use-trajectories';
import { formatNumber } from '../format';

export const SEGMENT_STYLES: Record<string, { label: string; className: string }> = {
  prompt: { label: 'prompt', className: 'bg-slate-100 text-slate-600' },
  text: { label: 'generated text', className: 'text-slate-800' },
  call: { label: 'tool call', className: 'bg-indigo-100 text-indigo-800 ring-1 ring-inset ring-indigo-300' },
  tool: { label: 'tool output (not trained on)', className: 'bg-amber-100 text-amber-900 ring-1 ring-inset ring-amber-300' },
  answer: { label: 'answer', className: 'bg-emerald-100 text-emerald-800 ring-1 ring-inset ring-emerald-300 font-semibold' },
};

function intOrUndefined(s: string): number | undefined {
  const t = s.trim();
  if (!/^\d+$/.test(t)) return undefined;
  return Number(t);
}

export function TrajectoriesTable({
  runId,
  objectives,
  lastStep,
  initialStep,
}: {
  runId: string;
  objectives: ObjectiveDef[];
  lastStep: number | null;
  initialStep?: number;
}) {
  const [stepText, setStepText] = useState(initialStep === undefined ? '' : String(initialStep));
  const [rankText, setRankText] = useState('');
  const step = intOrUndefined(stepText);
  const rank = rankText ? Number(rankText) : undefined;
  const { rows, hasMore, loading, error, loadMore } = useTrajectories(runId, { step, rank, pageSize: 25 }, lastStep);

  return (
    <div>
      <div className="mb-3 flex flex-wrap items-end gap-4 text-sm">
        <label className="flex flex-col gap-1 text-xs text-slate-600">
          Step
          <input
            inputMode="numeric"
            placeholder={lastStep !== null ? `0–${lastStep}` : 'any'}
            className="w-24 rounded-md border border-slate-300 px-2 py-1 text-sm"
            value={stepText}
            onChange={(e) => setStepText(e.target.value)}
            data-testid="filter-step"
          />
        </label>
        <label className="flex flex-col gap-1 text-xs text-slate-600">
          Pareto rank
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
            value={rankText}
            onChange={(e) => setRankText(e.target.value)}
            data-testid="filter-rank"
          >
            <option value="">any</option>
            {[1, 2, 3, 4, 5].map((r) => (
              <option key={r} value={r}>
                {r === 1 ? '1 (non-dominated)' : r}
              </option>
            ))}
          </select>
        </label>
        <div className="ml-auto flex flex-wrap gap-2 text-xs" aria-label="Token legend">
          {Object.entries(SEGMENT_STYLES).map(([k, s]) => (
            <span key={k} className={`rounded px-1.5 py-0.5 font-mono ${s.className}`}>
              {s.label}
            </span>
          ))}
        </div>
      </div>
      {error && <p className="mb-2 rounded bg-rose-50 px-3 py-1.5 text-sm text-rose-700">Could not load trajectories: {error}</p>}
      <div className="overflow-x-auto rounded-md border border-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="trajectories-table">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-3 py-2">Step · group · #</th>
              <th className="px-3 py-2">Prompt and generated tokens</th>
              <th className="px-3 py-2 text-right" title={objectives.map((o) => `${o.name} (${o.direction})`).join(', ')}>
                Objectives ({objectives.map((o) => o.name).join(', ')})
              </th>
              <th className="px-3 py-2 text-right" title="Pareto rank within the group; 1 = non-dominated">
                Rank
              </th>
              <th className="px-3 py-2 text-right">Advantage</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((t) => (
              <tr key={t.id} data-testid="trajectory-row" data-rank={t.rank ?? ''}>
                <td className="whitespace-nowrap px-3 py-2 align-top font-mono text-xs text-slate-600">
                  {t.step} · {t.group} · {t.index}
                  {t.split === 'eval' && <span className="ml-1 rounded bg-slate-100 px-1">eval</span>}
                </td>
                <td className="px-3 py-2 align-top">
                  <div className="max-w-2xl font-mono text-xs leading-6">
                    <span className={`mr-1 rounded px-1 py-0.5 ${SEGMENT_STYLES.prompt.className}`}>{t.prompt}</span>
                    {t.tokens.map((seg, i) => (
                      <span
                        key={i}
                        className={`mr-1 rounded px-1 py-0.5 ${SEGMENT_STYLES[seg.kind]?.className ?? ''}`}
                        title={SEGMENT_STYLES[seg.kind]?.label ?? seg.kind}
                      >
                        {seg.text}
                      </span>
                    ))}
                  </div>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-right align-top font-mono text-xs tabular-nums">
                  [{t.objectives.map((v) => formatNumber(v, 3)).join(', ')}]
                </td>
                <td className="px-3 py-2 text-right align-top font-mono text-xs tabular-nums">{t.rank ?? '—'}</td>
                <td
                  className={`px-3 py-2 text-right align-top font-mono text-xs tabular-nums ${t.advantage !== null && t.advantage < 0 ? 'text-rose-700' : 'text-emerald-700'}`}
                >
                  {t.advantage === null ? '—' : (t.advantage > 0 ? '+' : '') + formatNumber(t.advantage, 3)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && !loading && (
          <p className="px-4 py-8 text-center text-sm text-slate-500" data-testid="no-trajectories">
            {step !== undefined || rank !== undefined ? 'No trajectories match these filters.' : 'No trajectories logged yet.'}
          </p>
        )}
      </div>
      <div className="mt-2 flex items-center gap-3 text-xs text-slate-500">
        <span>{rows.length} shown</span>
        {hasMore && (
          <button
            type="button"
            onClick={() => void loadMore()}
            disabled={loading}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
          >
            {loading ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </div>
  );
}
