/**
 * Compute step of the objective plane: evaluation points (and the extent of
 * the trajectory cloud) + two objectives + size + replay step → scales, marks
 * with dominated flags, the projection's own 2-D front as a staircase path,
 * the step colour scale, and whether to draw the marks on a canvas.
 *
 * Two fronts, never confused (with lib/pareto, the same code as the server,
 * on the points logged up to `upToStep`):
 * - `dominated` is membership in the run's true non-dominated set over ALL
 *   its objectives (`maximize` gives one direction per objective). With three
 *   objectives a point can be dominated in the plotted pair and still be
 *   Pareto-optimal overall; it is drawn as non-dominated.
 * - `projectionDominated` / `staircase` are the front of the two plotted
 *   objectives alone, drawn as a labelled line. With two objectives both agree.
 * A point without a finite value for every objective is not in the N-D set.
 *
 * Cost: two non-dominated filters, O(n log n) for d ≤ 3; marks are flat
 * objects so 50,000 points stay well under a frame budget.
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
  /** One direction per objective of the run (true: maximize): `dominated` is over all of them. Absent: over the plotted pair only. */
  maximize?: readonly boolean[];
  /** Above this many visible marks, draw them on a canvas instead of SVG circles. Default CANVAS_THRESHOLD. */
  canvasThreshold?: number;
}

/** More evaluation points than this are drawn on a canvas (SVG circles cost a DOM node each). */
export const CANVAS_THRESHOLD = 1500;

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
  /** Not in the run's non-dominated set over all its objectives. */
  dominated: boolean;
  /** Dominated within the plotted pair of objectives (the projection's own 2-D front). */
  projectionDominated: boolean;
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
  /** Marks of the run's non-dominated set over all objectives (N-D front), in input order. */
  front: PlaneMark[];
  /** Marks of the projection's own 2-D front, one per x value, sorted along the staircase. */
  projectionFront: PlaneMark[];
  /** The projection's 2-D front as a staircase path. */
  staircase: string | null;
  /** Number of objectives `dominated` is computed over. */
  dimensions: number;
  /** Draw the marks on a canvas (many points) or as SVG circles (few). */
  render: 'svg' | 'canvas';
  /** The references that have both plotted objectives. */
  references: ReferenceMark[];
  empty: boolean;
}

export const PLANE_MARGIN: Margin = { top: 14, right: 18, bottom: 44, left: 58 };

/** Viridis without its lightest yellows, which vanish on a white background. */
export const stepColor = (t: number) => interpolateViridis(0.02 + 0.83 * t);

function range([lo, hi]: [number, number], extra: [number, number] | null | undefined): [number, number] | null {
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
  const plotted = (o: readonly number[]) => Number.isFinite(o[xi]) && Number.isFinite(o[yi]);
  const refs = (opts.references ?? []).filter((r) => plotted(r.objectives));

  // Domains cover every point of the run (not only the replayed ones) and the
  // references, so the axes stay still while the replay moves.
  let xlo = Infinity,
    xhi = -Infinity,
    ylo = Infinity,
    yhi = -Infinity,
    slo = Infinity,
    shi = -Infinity;
  let valid = 0;
  const widen = (o: readonly number[]) => {
    const a = o[xi];
    const b = o[yi];
    if (a < xlo) xlo = a;
    if (a > xhi) xhi = a;
    if (b < ylo) ylo = b;
    if (b > yhi) yhi = b;
  };
  for (const p of points) {
    if (!plotted(p.objectives)) continue;
    valid++;
    widen(p.objectives);
    if (p.step < slo) slo = p.step;
    if (p.step > shi) shi = p.step;
  }
  for (const r of refs) widen(r.objectives);
  const xr = range([xlo, xhi], opts.xExtent) ?? [0, 1];
  const yr = range([ylo, yhi], opts.yExtent) ?? [0, 1];
  const x = scaleLinear().domain(padDomain(xr)).range([0, innerWidth]).nice();
  const y = scaleLinear().domain(padDomain(yr)).range([innerHeight, 0]).nice();
  const stepDomain: [number, number] = valid ? [slo, shi] : [0, 1];
  const color = scaleSequential(stepColor).domain(stepDomain[0] === stepDomain[1] ? [stepDomain[0] - 1, stepDomain[1]] : stepDomain);

  const upTo = opts.upToStep ?? Infinity;
  const visibleIdx: number[] = [];
  points.forEach((p, i) => {
    if (p.step <= upTo && plotted(p.objectives)) visibleIdx.push(i);
  });

  // The projection's own front: the plotted pair only.
  const n = visibleIdx.length;
  const pair = new Float64Array(2 * n);
  visibleIdx.forEach((i, k) => {
    pair[2 * k] = points[i].objectives[xi];
    pair[2 * k + 1] = points[i].objectives[yi];
  });
  const onPairFront = new Uint8Array(n);
  if (n) for (const k of nonDominated({ data: pair, dim: 2 }, { maximize: [opts.x.maximize, opts.y.maximize], keepDuplicates: true })) onPairFront[k] = 1;

  // The run's front over all its objectives.
  const dirs = opts.maximize ?? null;
  let onFront = onPairFront;
  let dimensions = 2;
  if (dirs && dirs.length >= 2 && !(dirs.length === 2 && xi + yi === 1)) {
    dimensions = dirs.length;
    const d = dirs.length;
    const full: number[] = []; // visible positions k with a finite value for every objective
    for (let k = 0; k < n; k++) {
      const o = points[visibleIdx[k]].objectives;
      let ok = o.length >= d;
      for (let j = 0; ok && j < d; j++) ok = Number.isFinite(o[j]);
      if (ok) full.push(k);
    }
    const data = new Float64Array(full.length * d);
    full.forEach((k, r) => {
      const o = points[visibleIdx[k]].objectives;
      for (let j = 0; j < d; j++) data[r * d + j] = o[j];
    });
    onFront = new Uint8Array(n);
    if (full.length) for (const r of nonDominated({ data, dim: d }, { maximize: dirs, keepDuplicates: true })) onFront[full[r]] = 1;
  }

  const marks: PlaneMark[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = visibleIdx[k];
    const xv = pair[2 * k];
    const yv = pair[2 * k + 1];
    marks[k] = { i, px: x(xv), py: y(yv), xv, yv, step: points[i].step, dominated: !onFront[k], projectionDominated: !onPairFront[k] };
  }
  const front = marks.filter((m) => !m.dominated);

  // Staircase in minimization form (a = sx·x, b = sy·y, both minimized):
  // sorted by a ascending (b then descending), the dominated region's boundary
  // runs (a0, worst) → (a0, b0) → (a1, b0) → (a1, b1) → … → (worst, b_last).
  const sx = opts.x.maximize ? -1 : 1;
  const byA = new Map<number, PlaneMark>();
  for (const m of marks) if (!m.projectionDominated && !byA.has(sx * m.xv)) byA.set(sx * m.xv, m);
  const projectionFront = [...byA.values()].sort((p, q) => sx * p.xv - sx * q.xv);
  let staircase: string | null = null;
  if (projectionFront.length) {
    const [xd0, xd1] = x.domain();
    const [yd0, yd1] = y.domain();
    const worstX = opts.x.maximize ? xd0 : xd1;
    const worstY = opts.y.maximize ? yd0 : yd1;
    const pts: [number, number][] = [[projectionFront[0].xv, worstY]];
    projectionFront.forEach((m, k) => {
      if (k > 0) pts.push([m.xv, projectionFront[k - 1].yv]);
      pts.push([m.xv, m.yv]);
    });
    pts.push([worstX, projectionFront[projectionFront.length - 1].yv]);
    staircase = pts.map(([a, b], k) => `${k ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('');
  }

  const references = refs.map((r) => ({ label: r.label, xv: r.objectives[xi], yv: r.objectives[yi], px: x(r.objectives[xi]), py: y(r.objectives[yi]) }));
  const render = n > (opts.canvasThreshold ?? CANVAS_THRESHOLD) ? 'canvas' : 'svg';
  return {
    margin,
    innerWidth,
    innerHeight,
    x,
    y,
    color,
    stepDomain,
    marks,
    front,
    projectionFront,
    staircase,
    dimensions,
    render,
    references,
    empty: valid === 0,
  };
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
