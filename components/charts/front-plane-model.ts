/**
 * Compute step of the objective plane: evaluation points (and the extent of
 * the trajectory cloud) + two objectives + size + replay step → scales, marks
 * with dominated flags, the current front as a staircase path, and the step
 * colour scale. The front is computed with lib/pareto (the same code as the
 * server), on the points logged up to `upToStep`.
 */
import { padDomain } from './pad-domain';
import { scaleLinear, scaleSequential, interpolateViridis, type ScaleLinear, type ScaleSequential } from 'd3';
import { nonDominated } from '@/lib/pareto';
import type { Margin } from './line-chart-model';

export interface PlanePoint {
  step: number;
  objectives: readonly number[];
}

export interface PlaneAxis {
  index: number;
  maximize: boolean;
}

export interface FrontPlaneOptions {
  width: number;
  height: number;
  margin?: Partial<Margin>;
  x: PlaneAxis;
  y: PlaneAxis;
  /** Show only points with step <= upToStep (the replay). Default: all. */
  upToStep?: number;
  /** Extra [min, max] per axis the domain must cover (the trajectory cloud). */
  xExtent?: [number, number] | null;
  yExtent?: [number, number] | null;
  /** Reference points drawn apart from the run's (e.g. the base policy and the oracle); the domain covers them. */
  references?: readonly { label: string; objectives: readonly number[] }[];
}

export interface ReferenceMark {
  label: string;
  px: number;
  py: number;
  xv: number;
  yv: number;
}

export interface PlaneMark {
  /** Index into the input points. */
  i: number;
  px: number;
  py: number;
  xv: number;
  yv: number;
  step: number;
  dominated: boolean;
}

export interface FrontPlaneModel {
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  color: ScaleSequential<string>;
  stepDomain: [number, number];
  marks: PlaneMark[];
  /** Front marks sorted along the staircase. */
  front: PlaneMark[];
  staircase: string | null;
  /** The references that have both plotted objectives. */
  references: ReferenceMark[];
  empty: boolean;
}

export const PLANE_MARGIN: Margin = { top: 14, right: 18, bottom: 44, left: 58 };

/** Viridis without its lightest yellows, which vanish on a white background. */
export const stepColor = (t: number) => interpolateViridis(0.02 + 0.83 * t);


function range(values: Iterable<number>, extra: [number, number] | null | undefined): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (extra) {
    lo = Math.min(lo, extra[0]);
    hi = Math.max(hi, extra[1]);
  }
  return lo <= hi ? [lo, hi] : null;
}

export function frontPlaneModel(points: readonly PlanePoint[], opts: FrontPlaneOptions): FrontPlaneModel {
  const margin = { ...PLANE_MARGIN, ...opts.margin };
  const innerWidth = Math.max(10, opts.width - margin.left - margin.right);
  const innerHeight = Math.max(10, opts.height - margin.top - margin.bottom);
  const xi = opts.x.index;
  const yi = opts.y.index;
  const valid = points.filter((p) => Number.isFinite(p.objectives[xi]) && Number.isFinite(p.objectives[yi]));
  const refs = (opts.references ?? []).filter((r) => Number.isFinite(r.objectives[xi]) && Number.isFinite(r.objectives[yi]));

  // Domains cover every point of the run (not only the replayed ones) and the
  // references, so the axes stay still while the replay moves.
  const xr = range([...valid, ...refs].map((p) => p.objectives[xi]), opts.xExtent) ?? [0, 1];
  const yr = range([...valid, ...refs].map((p) => p.objectives[yi]), opts.yExtent) ?? [0, 1];
  const x = scaleLinear().domain(padDomain(xr)).range([0, innerWidth]).nice();
  const y = scaleLinear().domain(padDomain(yr)).range([innerHeight, 0]).nice();
  const steps = valid.map((p) => p.step);
  const stepDomain: [number, number] = steps.length ? [Math.min(...steps), Math.max(...steps)] : [0, 1];
  const color = scaleSequential(stepColor).domain(stepDomain[0] === stepDomain[1] ? [stepDomain[0] - 1, stepDomain[1]] : stepDomain);

  const upTo = opts.upToStep ?? Infinity;
  const visibleIdx: number[] = [];
  points.forEach((p, i) => {
    if (p.step <= upTo && Number.isFinite(p.objectives[xi]) && Number.isFinite(p.objectives[yi])) visibleIdx.push(i);
  });
  const rows = visibleIdx.map((i) => [points[i].objectives[xi], points[i].objectives[yi]]);
  const nd = new Set(rows.length ? nonDominated(rows, { maximize: [opts.x.maximize, opts.y.maximize], keepDuplicates: true }) : []);

  const marks: PlaneMark[] = visibleIdx.map((i, k) => {
    const p = points[i];
    const xv = p.objectives[xi];
    const yv = p.objectives[yi];
    return { i, px: x(xv), py: y(yv), xv, yv, step: p.step, dominated: !nd.has(k) };
  });

  // Staircase in minimization form (a = sx·x, b = sy·y, both minimized):
  // sorted by a ascending (b then descending), the dominated region's boundary
  // runs (a0, worst) → (a0, b0) → (a1, b0) → (a1, b1) → … → (worst, b_last).
  const sx = opts.x.maximize ? -1 : 1;
  const sy = opts.y.maximize ? -1 : 1;
  const byA = new Map<number, PlaneMark>();
  for (const m of marks) if (!m.dominated && !byA.has(sx * m.xv)) byA.set(sx * m.xv, m);
  const front = [...byA.values()].sort((p, q) => sx * p.xv - sx * q.xv);
  let staircase: string | null = null;
  if (front.length) {
    const [xd0, xd1] = x.domain();
    const [yd0, yd1] = y.domain();
    const worstX = opts.x.maximize ? xd0 : xd1;
    const worstY = opts.y.maximize ? yd0 : yd1;
    const pts: [number, number][] = [[front[0].xv, worstY]];
    front.forEach((m, k) => {
      if (k > 0) pts.push([m.xv, front[k - 1].yv]);
      pts.push([m.xv, m.yv]);
    });
    pts.push([worstX, front[front.length - 1].yv]);
    staircase = pts.map(([a, b], k) => `${k ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('');
  }

  const references = refs.map((r) => ({ label: r.label, xv: r.objectives[xi], yv: r.objectives[yi], px: x(r.objectives[xi]), py: y(r.objectives[yi]) }));
  return { margin, innerWidth, innerHeight, x, y, color, stepDomain, marks, front, staircase, references, empty: valid.length === 0 };
}

/** Default plane axes: the first maximized objective against the first minimized one (else the first two). */
export function defaultPlaneAxes(objectives: readonly { direction: 'maximize' | 'minimize' }[]): { x: PlaneAxis; y: PlaneAxis } {
  const max = objectives.findIndex((o) => o.direction === 'maximize');
  const min = objectives.findIndex((o) => o.direction === 'minimize');
  const xi = max >= 0 && min >= 0 ? max : 0;
  const yi = max >= 0 && min >= 0 ? min : 1;
  return {
    x: { index: xi, maximize: objectives[xi]?.direction === 'maximize' },
    y: { index: yi, maximize: objectives[yi]?.direction === 'maximize' },
  };
}

/** Axis label with unit and direction, e.g. "tool calls per question, lower is better". */
export function objectiveLabel(o: { name: string; direction: 'maximize' | 'minimize' }): string {
  const KNOWN: Record<string, string> = {
    accuracy: 'accuracy (fraction correct)',
    tool_calls: 'tool calls per question',
    tokens: 'generated tokens per question',
  };
  return `${KNOWN[o.name] ?? o.name.replace(/_/g, ' ')}, ${o.direction === 'maximize' ? 'higher' : 'lower'} is better`;
}
