'use client';
/**
 * The compare page: 2–20 runs overlaid. The objective plane (every run's
 * evaluation front, axes among the shared objectives, one shared step
 * slider), hypervolume by step and by wall time (computed by the server),
 * objective means and weights, the indicator table against the union front,
 * and the cross-run chart. The URL holds the view (runs, x, y, step).
 */
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useMemo, useRef, useState } from 'react';
import type { CompareView as CompareData } from '@/lib/contract/compare-view';
import { useCompare } from '@/lib/client/use-compare';
import { ComparePlane } from '../charts/compare-plane';
import { comparePlaneModel, sharedSteps } from '../charts/compare-plane-model';
import { objectiveLabel } from '../charts/front-plane-model';
import { LineChart } from '../charts/line-chart';
import { runColor } from '../charts/run-colors';
import { ExportButtons, type LegendEntry } from '../charts/export-buttons';
import { StatusBadge } from '../status-badge';
import { formatNumber } from '../format';
import { finalSeries, hypervolumeSeries, indicatorsCsv, marksCsv, meansSeries, planeSeries, seriesCsv, weightSeries, type ColoredRun } from './compare-series';
import { Card } from '../card';
import { isLiveStatus } from '@/lib/contract/run-log';

export interface CompareState {
  x: string;
  y: string;
  /** null: follow the latest step. */
  step: number | null;
}

function ChartBox({
  name,
  legend,
  csv,
  children,
  testId,
}: {
  name: string;
  legend: LegendEntry[];
  csv: () => string;
  children: React.ReactNode;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  return (
    <div>
      <div className="mb-1 flex justify-end">
        <ExportButtons target={ref} name={name} csv={csv} legend={legend} testId={testId} />
      </div>
      <div ref={ref}>{children}</div>
    </div>
  );
}

const WEIGHT_AXIS = { yDomain: [0, 1] as [number, number] };

type SortKey = 'name' | 'finalHypervolume' | 'archiveHypervolume' | 'igdPlus' | 'epsilonAdditive';

export function CompareView({ initial, initialState }: { initial: CompareData; initialState: CompareState }) {
  const { view, error } = useCompare(initial);
  const router = useRouter();
  const pathname = usePathname();
  const [state, setState] = useState(initialState);
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'finalHypervolume', dir: -1 });
  const planeRef = useRef<HTMLDivElement>(null);
  const crossRef = useRef<HTMLDivElement>(null);

  const runs: ColoredRun[] = useMemo(() => view.runs.map((r, i) => ({ ...r, color: runColor(i) })), [view.runs]);
  const legend: LegendEntry[] = useMemo(() => runs.map((r) => ({ label: r.run.name, color: r.color })), [runs]);
  const names = useMemo(() => new Map(runs.map((r) => [r.run.id, r.run.name])), [runs]);
  const shared = view.shared;
  const axis = (name: string) => {
    const o = shared.find((s) => s.name === name) ?? shared[0];
    return o ? { name: o.name, maximize: o.direction === 'maximize' } : { name, maximize: false };
  };
  const x = useMemo(() => axis(state.x), [state.x, shared]); // eslint-disable-line react-hooks/exhaustive-deps
  const y = useMemo(() => axis(state.y), [state.y, shared]); // eslint-disable-line react-hooks/exhaustive-deps
  const xDef = shared.find((o) => o.name === x.name);
  const yDef = shared.find((o) => o.name === y.name);
  const xLabel = xDef ? objectiveLabel(xDef) : x.name;
  const yLabel = yDef ? objectiveLabel(yDef) : y.name;
  const series = useMemo(() => planeSeries(runs), [runs]);
  const steps = useMemo(() => sharedSteps(series), [series]);
  const stepIndex =
    state.step === null
      ? steps.length - 1
      : Math.max(0, steps.findIndex((s) => s >= state.step!) === -1 ? steps.length - 1 : steps.findIndex((s) => s >= state.step!));
  const upToStep = steps.length ? steps[stepIndex] : undefined;

  const update = (next: Partial<CompareState>) => {
    const s = { ...state, ...next };
    setState(s);
    const qs = new URLSearchParams({ runs: runs.map((r) => r.run.id).join(','), x: s.x, y: s.y, ...(s.step !== null ? { step: String(s.step) } : {}) });
    // History only: the view is already loaded, so no server round trip (Next keeps useSearchParams in sync).
    window.history.replaceState(null, '', `${pathname}?${qs.toString().replace(/%2C/g, ',')}`);
  };

  const hvByStep = useMemo(() => hypervolumeSeries(runs, 'step', upToStep ?? Infinity), [runs, upToStep]);
  const hvByTime = useMemo(() => hypervolumeSeries(runs, 'wallTime', upToStep ?? Infinity), [runs, upToStep]);
  const finals = useMemo(() => finalSeries(runs), [runs]);
  const anyWeights = useMemo(() => runs.some((r) => r.metrics.weights.some((w) => w && w.length)), [runs]);
  // Kept across renders (the slider, axes, sorting re-render this view): their charts then keep their models and drawings.
  const means = useMemo(() => new Map(shared.map((o) => [o.name, meansSeries(runs, o.name)])), [runs, shared]);
  const weights = useMemo(() => new Map(anyWeights ? shared.map((o) => [o.name, weightSeries(runs, o.name)]) : []), [runs, shared, anyWeights]);
  const live = runs.some((r) => isLiveStatus(r.run.status));

  const indicatorRows = useMemo(() => {
    const rows = [...view.indicators];
    const v = (r: (typeof rows)[number]) => (sort.key === 'name' ? (names.get(r.runId) ?? '') : r[sort.key]);
    return rows.sort((a, b) => {
      const va = v(a);
      const vb = v(b);
      if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
      return (va < vb ? -1 : va > vb ? 1 : 0) * sort.dir;
    });
  }, [view.indicators, sort, names]);
  const th = (key: SortKey, label: string, title: string) => (
    <th className="px-3 py-2 text-right" title={title} aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="uppercase tracking-wide hover:text-slate-800"
        onClick={() =>
          setSort((s) => ({ key, dir: s.key === key ? (-s.dir as 1 | -1) : key === 'name' || key === 'igdPlus' || key === 'epsilonAdditive' ? 1 : -1 }))
        }
        data-testid={`ind-sort-${key}`}
      >
        {label} {sort.key === key ? (sort.dir === 1 ? '▲' : '▼') : ''}
      </button>
    </th>
  );

  if (shared.length < 2)
    return (
      <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-800" data-testid="compare-no-shared">
        These runs share fewer than two objectives (same name and direction), so they have no common objective plane. Shared:{' '}
        {shared.map((o) => o.name).join(', ') || 'none'}.
      </p>
    );

  return (
    <div className="space-y-4" data-testid="compare-view">
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">Comparing {runs.length} runs</h1>
          {live && <span className="text-xs text-emerald-700">● live: refreshed every 2 s while a run trains</span>}
          {error && <span className="text-xs text-rose-700">Could not refresh: {error}</span>}
        </div>
        <ul className="mt-2 flex flex-wrap gap-x-5 gap-y-1.5 text-sm" data-testid="compare-legend">
          {runs.map((r) => (
            <li key={r.run.id} className="inline-flex items-center gap-1.5">
              <span className="inline-block h-3 w-3 rounded-sm" style={{ background: r.color }} />
              {/* No prefetch: 2–20 visible links would each have the server render a run page on every view of this one. */}
              <Link prefetch={false} href={`/runs/${r.run.id}`} className="text-slate-800 hover:text-indigo-700">
                {r.run.name}
              </Link>
              <StatusBadge status={r.run.status} />
            </li>
          ))}
        </ul>
        <div className="mt-3 flex flex-wrap items-end gap-4 text-sm">
          {(['x', 'y'] as const).map((k) => (
            <label key={k} className="flex flex-col gap-1 text-xs text-slate-600">
              {k === 'x' ? 'Horizontal axis' : 'Vertical axis'}
              <select
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
                value={state[k]}
                onChange={(e) => update({ [k]: e.target.value })}
                data-testid={`axis-${k}`}
              >
                {shared.map((o) => (
                  <option key={o.name} value={o.name}>
                    {o.name} ({o.direction === 'maximize' ? '↑' : '↓'})
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label className="flex min-w-72 flex-1 flex-col gap-1 text-xs text-slate-600">
            <span>
              Step (all runs): <b data-testid="step-label">{upToStep ?? '—'}</b>{' '}
              {state.step === null && steps.length > 0 && <span className="text-slate-400">(latest)</span>}
            </span>
            <input
              type="range"
              min={0}
              max={Math.max(0, steps.length - 1)}
              value={Math.max(0, stepIndex)}
              onChange={(e) => {
                const i = Number(e.target.value);
                update({ step: i >= steps.length - 1 ? null : steps[i] });
              }}
              disabled={steps.length < 2}
              data-testid="step-slider"
            />
          </label>
        </div>
      </div>

      <div className="grid gap-4 xl:grid-cols-2">
        <Card
          title="Objective plane"
          subtitle="Each run's evaluation points up to the step and its front (staircase); dimmed points are dominated by some run. Click a point to open that run at that step's trajectories."
          testId="card-compare-plane"
        >
          <div className="mb-1 flex justify-end">
            <ExportButtons
              target={planeRef}
              name="compare-plane"
              legend={legend}
              testId="export-plane"
              csv={() => {
                const m = comparePlaneModel(series, { width: 600, height: 420, x, y, upToStep });
                return marksCsv(m.marks, series, x.name, y.name);
              }}
            />
          </div>
          <div ref={planeRef}>
            <ComparePlane
              runs={series}
              x={x}
              y={y}
              xLabel={xLabel}
              yLabel={yLabel}
              upToStep={upToStep}
              onPick={(m, r) => router.push(`/runs/${encodeURIComponent(r.key)}?step=${m.step}#trajectories`)}
              testId="compare-plane"
              empty="No evaluation points logged yet."
            />
          </div>
        </Card>

        <Card
          title="Indicators against the union front"
          subtitle={`Final evaluation of each run vs the non-dominated union of all runs' final evaluations, on ${shared.map((o) => o.name).join(', ')}. Hypervolumes are computed by the server with each run's references; IGD+ and additive ε: lower is better, 0 = on the union front.`}
          testId="card-indicators"
        >
          <div className="mb-1 flex justify-end">
            <ExportButtons name="compare-indicators" csv={() => indicatorsCsv(indicatorRows, names)} testId="export-indicators" />
          </div>
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="indicator-table">
              <thead className="bg-slate-50 text-xs font-semibold text-slate-500">
                <tr>
                  <th className="px-3 py-2 text-left">
                    <button
                      type="button"
                      className="uppercase tracking-wide"
                      onClick={() => setSort((s) => ({ key: 'name', dir: s.key === 'name' ? (-s.dir as 1 | -1) : 1 }))}
                    >
                      Run
                    </button>
                  </th>
                  {th('finalHypervolume', 'HV final', 'Hypervolume of the final evaluation (server); higher is better')}
                  {th('archiveHypervolume', 'HV archive', 'Hypervolume of every evaluation (server); higher is better')}
                  {th('igdPlus', 'IGD+', 'Inverted generational distance plus to the union front; lower is better')}
                  {th('epsilonAdditive', 'ε additive', 'Additive epsilon to the union front; lower is better')}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {indicatorRows.map((r) => (
                  <tr key={r.runId} data-testid="indicator-row">
                    <td className="px-3 py-1.5">
                      <span className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm" style={{ background: runs.find((x) => x.run.id === r.runId)?.color }} />
                      {names.get(r.runId)}
                      {r.finalStep !== null && <span className="ml-1 text-xs text-slate-400">@{r.finalStep}</span>}
                    </td>
                    <td className="px-3 py-1.5 text-right font-mono tabular-nums">{formatNumber(r.finalHypervolume)}</td>
                    <td className="px-3 py-1.5 text-right font-mono tabular-nums">{formatNumber(r.archiveHypervolume)}</td>
                    <td className="px-3 py-1.5 text-right font-mono tabular-nums">{formatNumber(r.igdPlus)}</td>
                    <td className="px-3 py-1.5 text-right font-mono tabular-nums">{formatNumber(r.epsilonAdditive)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>

        <Card title="Hypervolume by step" subtitle="Archive of evaluation points, computed by the server with each run's references." testId="card-hv-step">
          <ChartBox name="compare-hv-step" legend={legend} csv={() => seriesCsv(hvByStep, 'step', 'hypervolume')} testId="export-hv-step">
            <LineChart
              series={hvByStep}
              xLabel="training step"
              yLabel="hypervolume, higher is better"
              empty="No evaluation points yet."
              testId="hv-step-chart"
            />
          </ChartBox>
        </Card>
        <Card title="Hypervolume by wall time" subtitle="The same, against seconds since each run started (from its logged wall time)." testId="card-hv-time">
          <ChartBox name="compare-hv-walltime" legend={legend} csv={() => seriesCsv(hvByTime, 'wall_time_s', 'hypervolume')} testId="export-hv-time">
            <LineChart series={hvByTime} xLabel="wall time (s)" yLabel="hypervolume, higher is better" empty="No wall times logged." testId="hv-time-chart" />
          </ChartBox>
        </Card>

        <Card
          title="Final accuracy vs calls, one point per run"
          subtitle={`Mean of each run's last evaluation on the plane's axes (${x.name} against ${y.name}).`}
          testId="card-cross-run"
        >
          <div className="mb-1 flex justify-end">
            <ExportButtons
              target={crossRef}
              name="compare-final-points"
              legend={legend}
              testId="export-cross"
              csv={() => {
                const m = comparePlaneModel(finals, { width: 600, height: 320, x, y });
                return marksCsv(m.marks, finals, x.name, y.name);
              }}
            />
          </div>
          <div ref={crossRef}>
            <ComparePlane
              runs={finals}
              x={x}
              y={y}
              xLabel={xLabel}
              yLabel={yLabel}
              height={320}
              pointsOnly
              testId="cross-run-chart"
              empty="No run has evaluations yet."
            />
          </div>
        </Card>

        {shared.map((o) => {
          const s = means.get(o.name)!;
          return (
            <Card
              key={`means-${o.name}`}
              title={`Mean ${o.name} of training rollouts`}
              subtitle={`Per step, ${o.direction === 'maximize' ? 'higher' : 'lower'} is better.`}
              testId={`card-means-${o.name}`}
            >
              <ChartBox name={`compare-means-${o.name}`} legend={legend} csv={() => seriesCsv(s, 'step', `mean_${o.name}`)}>
                <LineChart series={s} xLabel="training step" yLabel={`mean ${o.name}`} height={200} empty={`No ${o.name} means logged.`} markLast={false} />
              </ChartBox>
            </Card>
          );
        })}
        {anyWeights &&
          shared.map((o) => {
            const s = weights.get(o.name)!;
            return (
              <Card
                key={`w-${o.name}`}
                title={`Scalarization weight on ${o.name}`}
                subtitle="Runs whose algorithm scalarizes (stage 1 of ParetoPO, static, …)."
                testId={`card-weights-${o.name}`}
              >
                <ChartBox name={`compare-weights-${o.name}`} legend={legend} csv={() => seriesCsv(s, 'step', `weight_${o.name}`)}>
                  <LineChart series={s} xLabel="training step" yLabel="weight" height={200} options={WEIGHT_AXIS} empty="No weights logged." markLast={false} />
                </ChartBox>
              </Card>
            );
          })}
      </div>
    </div>
  );
}
