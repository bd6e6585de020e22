/**
 * Compute step of the compare page's objective plane: several runs'
 * evaluation points + two objectives (by name) + size + shared replay step →
 * scales, one mark per point (run, step, values), each run's front up to the
 * step as a staircase path, and which points the union of every run's visible
 * points dominates (drawn dimmed). Objectives are looked up by name in each
 * run's own order; directions go to lib/pareto as flags.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import { nonDominated } from '@/lib/pareto';
import type { ObjectiveDef } from '@/lib/contract/run-log';
import { padDomain } from './pad-domain';
import type { Margin } from './line-chart-model';
import { PLANE_MARGIN } from './front-plane-model';

export interface CompareRunSeries {
  key: string;
  label: string;
  color: string;
  objectives: readonly ObjectiveDef[];
  points: readonly { step: number; split?: string; objectives: readonly number[] }[];
}

export interface CompareAxis {
  name: string;
  maximize: boolean;
}

export interface ComparePlaneOptions {
  width: number;
  height: number;
  margin?: Partial<Margin>;
  x: CompareAxis;
  y: CompareAxis;
  /** Show points with step <= upToStep (the shared slider). Default: all. */
  upToStep?: number;
}

export interface CompareMark {
  run: number;
  step: number;
  xv: number;
  yv: number;
  px: number;
  py: number;
  /** Dominated by some visible point of any run. */
  dominated: boolean;
}

export interface ComparePlaneModel {
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  marks: CompareMark[];
  /** Per run (input order): its own front up to the step as a staircase path ('' when it has no visible point). */
  staircases: { key: string; color: string; d: string; front: number }[];
  /** Draw the points on a canvas (above CANVAS_MIN_MARKS: thousands of SVG circles take hundreds of ms); axes and fronts stay SVG. */
  canvas: boolean;
  empty: boolean;
}

/** From this many points on, the plane draws them on a canvas. */
export const CANVAS_MIN_MARKS = 1500;

function column(run: CompareRunSeries, name: string): number {
  return run.objectives.findIndex((o) => o.name === name);
}

/**
 * What the plane's element tree depends on, without the model: `empty` and
 * `canvas` exactly as comparePlaneModel sets them (a count, no scales or fronts).
 * The component renders from this until it knows its width, then computes the
 * model once, at that width.
 */
export function comparePlaneLayout(
  runs: readonly CompareRunSeries[],
  opts: Pick<ComparePlaneOptions, 'x' | 'y' | 'upToStep'>,
): { empty: boolean; canvas: boolean } {
  const upTo = opts.upToStep ?? Infinity;
  let all = 0;
  let visible = 0;
  for (const r of runs) {
    const xi = column(r, opts.x.name);
    const yi = column(r, opts.y.name);
    if (xi < 0 || yi < 0) continue;
    for (const p of r.points) {
      if (!Number.isFinite(p.objectives[xi]) || !Number.isFinite(p.objectives[yi])) continue;
      all++;
      if (p.step <= upTo) visible++;
    }
  }
  return { empty: all === 0, canvas: visible >= CANVAS_MIN_MARKS };
}

export function comparePlaneModel(runs: readonly CompareRunSeries[], opts: ComparePlaneOptions): ComparePlaneModel {
  const margin = { ...PLANE_MARGIN, ...opts.margin };
  const innerWidth = Math.max(10, opts.width - margin.left - margin.right);
  const innerHeight = Math.max(10, opts.height - margin.top - margin.bottom);
  const upTo = opts.upToStep ?? Infinity;
  const all: { run: number; step: number; xv: number; yv: number }[] = [];
  runs.forEach((r, k) => {
    const xi = column(r, opts.x.name);
    const yi = column(r, opts.y.name);
    if (xi < 0 || yi < 0) return;
    for (const p of r.points) {
      const xv = p.objectives[xi];
      const yv = p.objectives[yi];
      if (Number.isFinite(xv) && Number.isFinite(yv)) all.push({ run: k, step: p.step, xv, yv });
    }
  });
  // Domains cover every point (not only the replayed ones): the axes stay still while the slider moves.
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of all) {
    x0 = Math.min(x0, p.xv);
    x1 = Math.max(x1, p.xv);
    y0 = Math.min(y0, p.yv);
    y1 = Math.max(y1, p.yv);
  }
  const empty = all.length === 0;
  const x = scaleLinear()
    .domain(padDomain(empty ? [0, 1] : [x0, x1]))
    .range([0, innerWidth])
    .nice();
  const y = scaleLinear()
    .domain(padDomain(empty ? [0, 1] : [y0, y1]))
    .range([innerHeight, 0])
    .nice();

  const visible = all.filter((p) => p.step <= upTo);
  const maximize = [opts.x.maximize, opts.y.maximize];
  const nd = new Set(visible.length ? nonDominated(flatXY(visible), { maximize, keepDuplicates: true }) : []);
  // Each mark as one object literal of fixed shape: a spread plus added keys gives V8 dictionary-mode objects,
  // ~10x slower to build and to read back (6,000 marks: ~30 ms vs ~1 ms, and every later pass over them).
  const marks: CompareMark[] = visible.map((p, i) => ({ run: p.run, step: p.step, xv: p.xv, yv: p.yv, px: x(p.xv), py: y(p.yv), dominated: !nd.has(i) }));
  const byRun: CompareMark[][] = runs.map(() => []);
  for (const m of marks) byRun[m.run].push(m);

  const sx = opts.x.maximize ? -1 : 1;
  const [xd0, xd1] = x.domain();
  const [yd0, yd1] = y.domain();
  const worstX = opts.x.maximize ? xd0 : xd1;
  const worstY = opts.y.maximize ? yd0 : yd1;
  const staircases = runs.map((r, k) => {
    const own = byRun[k];
    const keep = own.length ? nonDominated(flatXY(own), { maximize }) : new Int32Array(0);
    const front = Array.from(keep, (i) => own[i]).sort((p, q) => sx * p.xv - sx * q.xv);
    let d = '';
    if (front.length) {
      const pts: [number, number][] = [[front[0].xv, worstY]];
      front.forEach((m, j) => {
        if (j > 0) pts.push([m.xv, front[j - 1].yv]);
        pts.push([m.xv, m.yv]);
      });
      pts.push([worstX, front[front.length - 1].yv]);
      d = pts.map(([a, b], j) => `${j ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('');
    }
    return { key: r.key, color: r.color, d, front: front.length };
  });
  return { margin, innerWidth, innerHeight, x, y, marks, staircases, canvas: marks.length >= CANVAS_MIN_MARKS, empty };
}

/** (xv, yv) of each point as lib/pareto's flat form (no array per point). */
function flatXY(points: readonly { xv: number; yv: number }[]): { data: Float64Array; dim: number } {
  const data = new Float64Array(points.length * 2);
  points.forEach((p, i) => {
    data[2 * i] = p.xv;
    data[2 * i + 1] = p.yv;
  });
  return { data, dim: 2 };
}

/** Evaluated steps of all runs, ascending and distinct: the shared slider's stops. */
export function sharedSteps(runs: readonly Pick<CompareRunSeries, 'points'>[]): number[] {
  const s = new Set<number>();
  for (const r of runs) for (const p of r.points) s.add(p.step);
  return [...s].sort((a, b) => a - b);
}

/** The mark nearest to (px, py) within `radius` pixels, or null. */
export function nearestMark(marks: readonly CompareMark[], px: number, py: number, radius = 10): CompareMark | null {
  let best: CompareMark | null = null;
  let bd = radius * radius;
  for (const m of marks) {
    const d = (m.px - px) ** 2 + (m.py - py) ** 2;
    if (d <= bd) {
      bd = d;
      best = m;
    }
  }
  return best;
}
