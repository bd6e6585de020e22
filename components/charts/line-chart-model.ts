/**
 * Compute step of the line charts (hypervolume, objective means, weights):
 * data + size → scales, path strings and ticks, with no DOM. Curves longer than
 * `maxPoints` are downsampled with LTTB, and the model says so.
 */
import { padDomain } from './pad-domain';
import { extent, line, scaleLinear, type ScaleLinear } from 'd3';
import { lttb } from '@/lib/charts/lttb';

export interface XY {
  x: number;
  y: number;
}

export interface LineSeries {
  key: string;
  label: string;
  color: string;
  points: readonly XY[];
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface LineChartOptions {
  width: number;
  height: number;
  margin?: Partial<Margin>;
  /** Downsample each series above this many points (LTTB). Default 2000. */
  maxPoints?: number;
  /** Fixed y domain (e.g. [0, 1] for weights); default: the data's extent, padded. */
  yDomain?: [number, number];
  /** Fixed x domain (e.g. the run's step range, so charts of one run line up). */
  xDomain?: [number, number];
  /** Always include these y values in the domain (e.g. 0). */
  yInclude?: number[];
  xTicks?: number;
  yTicks?: number;
}

export interface LineChartModel {
  width: number;
  height: number;
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xTicks: number[];
  yTicks: number[];
  lines: { key: string; label: string; color: string; d: string; last: XY | null; shown: number }[];
  /** Set when any series was downsampled: points drawn vs logged (largest series). */
  downsampled: { shown: number; total: number } | null;
  empty: boolean;
}

const isFinitePoint = (p: XY) => Number.isFinite(p.x) && Number.isFinite(p.y);

/** Whether lineChartModel would draw anything (`!model.empty`), without building it. */
export function hasFinitePoint(series: readonly LineSeries[]): boolean {
  return series.some((s) => s.points.some(isFinitePoint));
}

export const DEFAULT_MARGIN: Margin = { top: 12, right: 16, bottom: 40, left: 56 };

export function lineChartModel(series: readonly LineSeries[], opts: LineChartOptions): LineChartModel {
  const margin = { ...DEFAULT_MARGIN, ...opts.margin };
  const innerWidth = Math.max(10, opts.width - margin.left - margin.right);
  const innerHeight = Math.max(10, opts.height - margin.top - margin.bottom);
  const maxPoints = opts.maxPoints ?? 2000;
  const finite = series.map((s) => s.points.filter(isFinitePoint));
  const all = finite.flat();
  const empty = all.length === 0;

  const [x0, x1] = opts.xDomain ?? (empty ? [0, 1] : (extent(all, (p) => p.x) as [number, number]));
  const x = scaleLinear()
    .domain(x0 === x1 ? [x0 - 1, x1 + 1] : [x0, x1])
    .range([0, innerWidth]);

  let yDomain: [number, number];
  if (opts.yDomain) yDomain = opts.yDomain;
  else {
    const ys = [...all.map((p) => p.y), ...(opts.yInclude ?? [])];
    yDomain = padDomain(ys.length ? (extent(ys) as [number, number]) : [0, 1]);
  }
  const y = scaleLinear()
    .domain(yDomain)
    .range([innerHeight, 0])
    .nice(opts.yTicks ?? 5);

  const path = line<XY>()
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  let downsampled: LineChartModel['downsampled'] = null;
  const lines = series.map((s, i) => {
    const pts = finite[i];
    const kept =
      pts.length > maxPoints
        ? lttb(
            pts,
            maxPoints,
            (p) => p.x,
            (p) => p.y,
          )
        : pts;
    if (kept.length < pts.length && (!downsampled || pts.length > downsampled.total)) downsampled = { shown: kept.length, total: pts.length };
    return {
      key: s.key,
      label: s.label,
      color: s.color,
      d: kept.length ? (path(kept) ?? '') : '',
      last: pts.length ? pts[pts.length - 1] : null,
      shown: kept.length,
    };
  });

  return {
    width: opts.width,
    height: opts.height,
    margin,
    innerWidth,
    innerHeight,
    x,
    y,
    xTicks: x.ticks(opts.xTicks ?? Math.max(2, Math.floor(innerWidth / 80))).filter(Number.isInteger),
    yTicks: y.ticks(opts.yTicks ?? 5),
    lines,
    downsampled,
    empty,
  };
}

/** Where the stage switch is: the first step logged with stage >= 2, or null. */
export function stageSwitchStep(metrics: readonly { step: number; stage?: number | null }[]): number | null {
  for (const m of metrics) if ((m.stage ?? 0) >= 2) return m.step;
  return null;
}
