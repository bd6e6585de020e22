'use client';
/**
 * The run's front over all its objectives (runs with three or more): parallel
 * coordinates, one axis per objective with better up, lines coloured by step;
 * brushing an axis filters the table of front points beside it. The table is
 * also the keyboard- and screen-reader-reachable way to read every point.
 */
import { useMemo, useState } from 'react';
import type { ObjectiveDef } from '@/lib/contract/run-log';
import type { EvalPoint } from '@/lib/client/wire';
import { scaleSequential } from 'd3';
import { ParallelCoords } from '../charts/parallel-coords';
import type { PcAxis } from '../charts/parallel-coords-model';
import { stepColor } from '../charts/front-plane-model';
import { formatNumber } from '../format';
import { runFront } from './run-front';

const MAX_TABLE_ROWS = 200;

export function FrontCoordinates({ objectives, evalPoints }: { objectives: ObjectiveDef[]; evalPoints: EvalPoint[] }) {
  const own = useMemo(() => evalPoints.filter((p) => !p.split?.startsWith('reference-')), [evalPoints]);
  const front = useMemo(() => runFront(own, objectives), [own, objectives]);
  const axes = useMemo<PcAxis[]>(
    () => [
      ...objectives.map((o, k) => ({
        key: o.name,
        label: o.name.replace(/_/g, ' '),
        kind: 'numeric' as const,
        values: front.map((r) => r.objectives[k]),
        maximize: o.direction === 'maximize',
      })),
      { key: '__step', label: 'eval step', kind: 'numeric' as const, values: front.map((r) => r.step) },
    ],
    [objectives, front],
  );
  const colors = useMemo(() => {
    // The plane's step colours: the same scale over every evaluation point.
    let lo = Infinity;
    let hi = -Infinity;
    for (const p of own) {
      if (p.step < lo) lo = p.step;
      if (p.step > hi) hi = p.step;
    }
    if (lo > hi) [lo, hi] = [0, 1];
    const c = scaleSequential(stepColor).domain(lo === hi ? [lo - 1, hi] : [lo, hi]);
    return front.map((r) => c(r.step));
  }, [own, front]);
  const [selected, setSelected] = useState<boolean[] | null>(null);
  const shown = front.filter((_, r) => !selected || selected[r]);

  if (front.length === 0) {
    return (
      <p className="rounded-md border border-dashed border-slate-200 px-3 py-8 text-center text-sm text-slate-500">
        No evaluation points with every objective yet.
      </p>
    );
  }
  return (
    <div className="space-y-3" data-testid="front-coordinates">
      <ParallelCoords
        axes={axes}
        rows={front.length}
        colors={colors}
        onSelect={(s) => setSelected(s)}
        testId="front-pc"
        ariaLabel={`Parallel coordinates of the run's ${front.length} front points over ${objectives.length} objectives`}
      />
      <p className="text-xs text-slate-600" data-testid="front-table-count">
        {shown.length === front.length
          ? `${front.length} point${front.length === 1 ? '' : 's'} on the front`
          : `${shown.length} of ${front.length} front points inside the brushes`}
        {shown.length > MAX_TABLE_ROWS ? ` · the first ${MAX_TABLE_ROWS} listed` : ''}
      </p>
      <div className="max-h-72 overflow-auto rounded-md border border-slate-200" tabIndex={0} role="region" aria-label="Front points">
        <table className="w-full text-xs tabular-nums" data-testid="front-table">
          <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-1 font-medium">step</th>
              <th className="px-2 py-1 font-medium">split</th>
              {objectives.map((o) => (
                <th key={o.name} className="px-2 py-1 text-right font-medium">
                  {o.name} {o.direction === 'maximize' ? '↑' : '↓'}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {shown.slice(0, MAX_TABLE_ROWS).map((r) => (
              <tr key={r.i} data-testid="front-table-row">
                <td className="px-2 py-1">{r.step}</td>
                <td className="px-2 py-1 text-slate-500">{r.split}</td>
                {r.objectives.map((v, k) => (
                  <td key={k} className="px-2 py-1 text-right">
                    {formatNumber(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
