'use client';
/**
 * Which knob moves the front, for one task of an experiment: parallel
 * coordinates with one axis per config knob that varies between the runs,
 * then each final objective and the final hypervolume (better up), one line
 * per run coloured by method; brushing filters the table of runs below.
 * Beside it, the knobs ranked by importance for the final hypervolume, as
 * the server computed it (lib/experiments/parameter-importance.ts).
 */
import Link from 'next/link';
import { useMemo, useState } from 'react';
import type { ParameterTask } from '@/lib/contract/experiment-view';
import { IMPORTANCE_METHOD } from '@/lib/experiments/parameter-analysis';
import { ParallelCoords } from '../charts/parallel-coords';
import type { PcAxis } from '../charts/parallel-coords-model';
import { runColor } from '../charts/run-colors';
import { formatNumber } from '../format';

const knobLabel = (key: string) => key.replace(/^algorithmOptions\./, 'opt.');

export function ParameterAnalysis({ task }: { task: ParameterTask }) {
  const methods = useMemo(() => [...new Set(task.runs.map((r) => r.method))].sort(), [task.runs]);
  const colors = useMemo(() => task.runs.map((r) => runColor(methods.indexOf(r.method))), [task.runs, methods]);
  const axes = useMemo<PcAxis[]>(
    () => [
      ...task.knobs.map((k): PcAxis =>
        k.kind === 'numeric'
          ? { key: `knob.${k.key}`, label: knobLabel(k.key), kind: 'numeric', values: k.values as (number | null)[] }
          : { key: `knob.${k.key}`, label: knobLabel(k.key), kind: 'categorical', values: k.values as (string | null)[] },
      ),
      ...task.outcomes.map((o): PcAxis => ({ key: o.key, label: o.label, kind: 'numeric', values: o.values, maximize: o.maximize })),
    ],
    [task],
  );
  const [selected, setSelected] = useState<boolean[] | null>(null);
  const hv = task.outcomes.find((o) => o.key === 'final.hypervolume');
  const shown = task.runs.map((r, i) => ({ ...r, i })).filter((r) => !selected || selected[r.i]);
  const maxScore = Math.max(1e-9, ...task.importance.map((k) => k.score ?? 0));

  return (
    <div className="space-y-4" data-testid={`parameters-${task.environment}`}>
      {task.knobs.length === 0 ? (
        <p className="text-sm text-slate-500">Every run of this task has the same config: there is no knob to compare (seeds are replicates, not knobs).</p>
      ) : (
        <>
          <div className="flex flex-wrap gap-3 text-xs text-slate-600">
            {methods.map((m, k) => (
              <span key={m} className="inline-flex items-center gap-1.5">
                <span className="inline-block h-0.5 w-4" style={{ background: runColor(k) }} /> {m}
              </span>
            ))}
          </div>
          <ParallelCoords
            axes={axes}
            rows={task.runs.length}
            colors={colors}
            height={320}
            onSelect={(s) => setSelected(s)}
            testId={`parameters-pc-${task.environment}`}
            ariaLabel={`Parallel coordinates of ${task.runs.length} runs: ${task.knobs.length} knobs, final objectives and hypervolume`}
          />
        </>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <div>
          <h3 className="text-xs font-semibold text-slate-700">Importance for the final hypervolume</h3>
          <p className="mb-2 text-[11px] text-slate-500">{IMPORTANCE_METHOD}</p>
          <ol className="space-y-1 text-xs" data-testid="importance-list">
            {task.importance.map((k) => (
              <li key={k.key} className="grid grid-cols-[9rem_1fr_auto] items-center gap-2" data-testid="importance-row" data-knob={k.key}>
                <span className="truncate font-mono text-slate-800" title={k.key}>
                  {knobLabel(k.key)}
                </span>
                <span className="h-2 rounded-sm bg-slate-100" aria-hidden="true">
                  <span className="block h-2 rounded-sm bg-indigo-500" style={{ width: `${((k.score ?? 0) / maxScore) * 100}%` }} />
                </span>
                <span className="tabular-nums text-slate-600">
                  {k.score === null
                    ? `— (n = ${k.n}: too few runs, no spread, or one run per value)`
                    : `${k.method === 'spearman-rho2' ? 'ρ²' : 'η²'} ${k.score.toFixed(2)}${k.rho !== null ? ` (ρ ${k.rho >= 0 ? '+' : ''}${k.rho.toFixed(2)}: ${k.rho >= 0 ? 'higher' : 'lower'} helps)` : k.best ? ` (best: ${k.best})` : ''} · n = ${k.n}`}
                </span>
              </li>
            ))}
          </ol>
        </div>
        <div>
          <h3 className="text-xs font-semibold text-slate-700" data-testid="parameters-count">
            {shown.length === task.runs.length
              ? `${task.runs.length} run${task.runs.length === 1 ? '' : 's'}`
              : `${shown.length} of ${task.runs.length} runs inside the brushes`}
          </h3>
          <div className="mt-1 max-h-64 overflow-auto rounded-md border border-slate-200">
            <table className="w-full text-xs" data-testid="parameters-table">
              <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className="px-2 py-1 font-medium">run</th>
                  <th className="px-2 py-1 font-medium">method</th>
                  <th className="px-2 py-1 text-right font-medium">final HV</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {shown.map((r) => (
                  <tr key={r.id} data-testid="parameters-row">
                    <td className="px-2 py-1">
                      <Link href={`/runs/${r.id}`} className="text-indigo-700 hover:underline">
                        {r.name}
                      </Link>
                    </td>
                    <td className="px-2 py-1">{r.method}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{formatNumber(hv?.values[r.i])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
