'use client';
/** The training curves of a run: hypervolume (with the stage switch), objective means, scalarization weights. */
import { useCallback, useMemo, useRef, useState } from 'react';
import { schemeTableau10 } from 'd3';
import type { ObjectiveDef } from '@/lib/contract/run-log';
import type { MetricPoint } from '@/lib/client/wire';
import type { EvalHypervolume } from '@/lib/contract/eval-hypervolume';
import { LineChart } from '../charts/line-chart';
import { stageSwitchStep, type LineChartModel, type LineSeries } from '../charts/line-chart-model';
import { objectiveLabel } from '../charts/front-plane-model';

declare global {
  interface Window {
    /** Steps the hypervolume chart has drawn, with the time (ms since the epoch) they were drawn. */
    __paretoDrawn?: { step: number; t: number }[];
  }
}

export const OBJECTIVE_COLORS = schemeTableau10;
const STEP = 'training step';

/**
 * Hypervolume by step, as the trainer reported it or as the server computes it
 * from the evaluation points with the run's references. The two are on
 * different scales (a built-in run reports a normalized 2-D value; the server
 * measures every objective in its units), so they are shown one at a time.
 */
export function HypervolumeChart({ metrics, server }: { metrics: MetricPoint[]; server?: EvalHypervolume | null }) {
  const [source, setSource] = useState<'trainer' | 'server'>('trainer');
  const reported = useMemo<LineSeries>(
    () => ({
      key: 'hv',
      label: 'reported by the trainer',
      color: '#4f46e5',
      points: metrics.filter((m) => m.hypervolume !== undefined && m.hypervolume !== null).map((m) => ({ x: m.step, y: m.hypervolume! })),
    }),
    [metrics],
  );
  const computed = useMemo<LineSeries | null>(
    () =>
      server && server.steps.length
        ? {
            key: 'hv-server',
            label: 'computed by the server (archive of evaluation points)',
            color: '#059669',
            points: server.steps.map((s, k) => ({ x: s, y: server.archive[k] })),
          }
        : null,
    [server],
  );
  const both = reported.points.length > 0 && computed !== null;
  const shown = computed && (source === 'server' || reported.points.length === 0) ? 'server' : 'trainer';
  const series = useMemo<LineSeries[]>(() => [shown === 'server' && computed ? computed : reported], [shown, computed, reported]);
  const switchStep = useMemo(() => stageSwitchStep(metrics), [metrics]);
  const rule = useMemo(() => (switchStep === null ? null : { x: switchStep, label: 'stage 2: Pareto ranking' }), [switchStep]);
  const recorded = useRef(-Infinity);
  const onDrawn = useCallback(
    (m: LineChartModel) => {
      const now = performance.timeOrigin + performance.now();
      const log = (window.__paretoDrawn ??= []);
      for (const p of series[0].points) {
        if (p.x > recorded.current) log.push({ step: p.x, t: now });
      }
      if (m.lines[0]?.last) recorded.current = Math.max(recorded.current, m.lines[0].last.x);
    },
    [series],
  );
  return (
    <div>
      {both && (
        <div className="mb-1 flex gap-1 text-[11px]" role="group" aria-label="hypervolume source" data-testid="hv-source">
          {(['trainer', 'server'] as const).map((k) => (
            <button
              key={k}
              type="button"
              aria-pressed={shown === k}
              onClick={() => setSource(k)}
              className={`rounded border px-1.5 py-0.5 font-medium ${shown === k ? 'border-indigo-300 bg-indigo-50 text-indigo-700' : 'border-slate-300 bg-white text-slate-600 hover:bg-slate-50'}`}
            >
              {k === 'trainer' ? 'as the trainer reported it' : 'computed by the server'}
            </button>
          ))}
        </div>
      )}
      <LineChart
        series={series}
        xLabel={STEP}
        yLabel="hypervolume, higher is better"
        rule={rule}
        empty="No hypervolume logged yet."
        onDrawn={onDrawn}
        testId="hypervolume-chart"
      />
    </div>
  );
}

export function ObjectiveMeansCharts({ metrics, objectives }: { metrics: MetricPoint[]; objectives: ObjectiveDef[] }) {
  const perObjective = useMemo(
    () =>
      objectives.map((o, k) => ({
        o,
        series: [
          {
            key: o.name,
            label: o.name,
            color: OBJECTIVE_COLORS[k % OBJECTIVE_COLORS.length],
            points: metrics.flatMap((m) => (m.objectiveMeans && Number.isFinite(m.objectiveMeans[o.name]) ? [{ x: m.step, y: m.objectiveMeans[o.name] }] : [])),
          },
        ],
      })),
    [metrics, objectives],
  );
  const switchStep = useMemo(() => stageSwitchStep(metrics), [metrics]);
  const rule = useMemo(() => (switchStep === null ? null : { x: switchStep, label: 'stage 2' }), [switchStep]);
  return (
    <div className="grid gap-3 sm:grid-cols-2" data-testid="objective-means">
      {perObjective.map(({ o, series }) => (
        <div key={o.name}>
          <h3 className="text-xs font-semibold text-slate-700">
            {objectiveLabel(o).split(',')[0]}{' '}
            <span className="font-normal text-slate-500">({o.direction === 'maximize' ? '↑ higher is better' : '↓ lower is better'})</span>
          </h3>
          <LineChart
            series={series}
            xLabel={STEP}
            yLabel={`mean, ${o.direction === 'maximize' ? 'higher' : 'lower'} is better`}
            height={190}
            rule={rule}
            empty={`No ${o.name} means logged yet.`}
            markLast={false}
          />
        </div>
      ))}
    </div>
  );
}

/** Logged weights per step; when none are logged and the algorithm has fixed weights, those, flat over the logged steps. */
export function WeightsChart({
  metrics,
  objectives,
  fixed = null,
  empty,
}: {
  metrics: MetricPoint[];
  objectives: ObjectiveDef[];
  fixed?: number[] | null;
  empty: string;
}) {
  const series = useMemo<LineSeries[]>(() => {
    const logged = objectives.map((o, k) => ({
      key: o.name,
      label: `weight on ${o.name}`,
      color: OBJECTIVE_COLORS[k % OBJECTIVE_COLORS.length],
      points: metrics.flatMap((m) => (m.weights && Number.isFinite(m.weights[k]) ? [{ x: m.step, y: m.weights[k] }] : [])),
    }));
    if (logged.some((s) => s.points.length) || !fixed || metrics.length === 0) return logged;
    const first = metrics[0].step;
    const last = metrics[metrics.length - 1].step;
    return objectives.map((o, k) => ({
      key: o.name,
      label: `fixed weight on ${o.name}`,
      color: OBJECTIVE_COLORS[k % OBJECTIVE_COLORS.length],
      points: [{ x: first, y: fixed[k] }, ...(last > first ? [{ x: last, y: fixed[k] }] : [])],
    }));
  }, [metrics, objectives, fixed]);
  const switchStep = useMemo(() => stageSwitchStep(metrics), [metrics]);
  const rule = useMemo(() => (switchStep === null ? null : { x: switchStep, label: 'stage 2: no weights' }), [switchStep]);
  // Same step range as the other curves, so the stage switch lines up across charts.
  const first = metrics[0]?.step;
  const last = metrics[metrics.length - 1]?.step;
  const options = useMemo(
    () => ({
      yDomain: [0, 1] as [number, number],
      ...(first !== undefined && last !== undefined && last > first ? { xDomain: [first, last] as [number, number] } : {}),
    }),
    [first, last],
  );
  const none = series.every((s) => s.points.length === 0);
  return (
    <LineChart
      series={none ? [] : series}
      xLabel={STEP}
      yLabel="scalarization weight (sums to 1)"
      options={options}
      rule={rule}
      empty={metrics.length === 0 ? 'No steps logged yet.' : empty}
      testId="weights-chart"
      markLast={false}
    />
  );
}
