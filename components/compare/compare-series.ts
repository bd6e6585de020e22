/**
 * Pure pieces of the compare page: the overlaid curves (server hypervolume by
 * step and by wall time, objective means, scalarization weights — one series
 * per run, objectives looked up by name), and the CSV of what each chart or
 * table shows.
 */
import type { CompareRun, IndicatorRow } from '@/lib/contract/compare-view';
import { toCsv } from '@/lib/charts/csv';
import type { LineSeries } from '../charts/line-chart-model';
import type { CompareMark, CompareRunSeries } from '../charts/compare-plane-model';

export interface ColoredRun extends CompareRun {
  color: string;
}

/** Wall time (s) of an evaluated step: that of the last logged metric at or before it, if any. */
export function wallTimeAt(metrics: CompareRun['metrics'], step: number): number | null {
  let t: number | null = null;
  for (let i = 0; i < metrics.steps.length; i++) {
    if (metrics.steps[i] > step) break;
    const w = metrics.wallTime[i];
    if (w !== null && Number.isFinite(w)) t = w;
  }
  return t;
}

const column = (steps: readonly number[], ys: readonly (number | null)[]) =>
  steps.flatMap((x, i) => (ys[i] !== null && Number.isFinite(ys[i]) ? [{ x, y: ys[i]! }] : []));

/** The server's archive hypervolume of each run against training step or wall time (evaluated steps only, up to `upToStep`). */
export function hypervolumeSeries(runs: readonly ColoredRun[], x: 'step' | 'wallTime', upToStep = Infinity): LineSeries[] {
  return runs.map((r) => {
    const h = r.hypervolume;
    const points = h.steps.flatMap((s, k) => {
      if (s > upToStep) return [];
      const xv = x === 'step' ? s : wallTimeAt(r.metrics, s);
      return xv === null ? [] : [{ x: xv, y: h.archive[k] }];
    });
    return { key: r.run.id, label: r.run.name, color: r.color, points };
  });
}

export function meansSeries(runs: readonly ColoredRun[], objective: string): LineSeries[] {
  return runs.map((r) => ({
    key: r.run.id,
    label: r.run.name,
    color: r.color,
    points: r.metrics.means[objective] ? column(r.metrics.steps, r.metrics.means[objective]) : [],
  }));
}

/** Weight on `objective` per run (its index in that run's own objective order); runs without weights get an empty series. */
export function weightSeries(runs: readonly ColoredRun[], objective: string): LineSeries[] {
  return runs.map((r) => {
    const k = r.run.objectives.findIndex((o) => o.name === objective);
    return {
      key: r.run.id,
      label: r.run.name,
      color: r.color,
      points:
        k < 0
          ? []
          : column(
              r.metrics.steps,
              r.metrics.weights.map((w) => w?.[k] ?? null),
            ),
    };
  });
}

/** The series for the plane model: each run's evaluation points of its measured split (sent as columns). */
export function planeSeries(runs: readonly ColoredRun[]): CompareRunSeries[] {
  return runs.map((r) => ({
    key: r.run.id,
    label: r.run.name,
    color: r.color,
    objectives: r.run.objectives,
    points: r.points.steps.map((step, i) => ({ step, objectives: r.points.values.slice(i * r.run.objectives.length, (i + 1) * r.run.objectives.length) })),
  }));
}

/** One point per run: the mean of its last evaluation (the cross-run chart). */
export function finalSeries(runs: readonly ColoredRun[]): CompareRunSeries[] {
  return runs.map((r) => {
    const m = r.hypervolume.finalMeans;
    return {
      key: r.run.id,
      label: r.run.name,
      color: r.color,
      objectives: r.run.objectives,
      points: m ? [{ step: r.hypervolume.steps.at(-1) ?? 0, objectives: r.run.objectives.map((o) => m[o.name]) }] : [],
    };
  });
}

export function seriesCsv(series: readonly LineSeries[], xName: string, yName: string): string {
  return toCsv(
    ['run_id', 'run', xName, yName],
    series.flatMap((s) => s.points.map((p) => [s.key, s.label, p.x, p.y])),
  );
}

export function marksCsv(marks: readonly CompareMark[], runs: readonly CompareRunSeries[], xName: string, yName: string): string {
  return toCsv(
    ['run_id', 'run', 'step', xName, yName, 'dominated'],
    marks.map((m) => [runs[m.run].key, runs[m.run].label, m.step, m.xv, m.yv, m.dominated]),
  );
}

export function indicatorsCsv(rows: readonly IndicatorRow[], names: ReadonlyMap<string, string>): string {
  return toCsv(
    ['run_id', 'run', 'final_step', 'hv_final_server', 'hv_archive_server', 'igd_plus', 'epsilon_additive'],
    rows.map((r) => [r.runId, names.get(r.runId) ?? '', r.finalStep, r.finalHypervolume, r.archiveHypervolume, r.igdPlus, r.epsilonAdditive]),
  );
}
