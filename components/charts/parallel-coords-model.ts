/**
 * Compute step of a parallel-coordinates chart: axes (numeric or
 * categorical) over rows, a size, and one brush interval per axis (in data
 * units) → each axis's x position and y scale, one polyline per row, and
 * which rows pass every brush. Pure: the component draws and owns the d3
 * brushes; filtering a table from the brushes uses `brushedRows` alone.
 *
 * Directions: a numeric axis with `maximize` known is oriented so "better" is
 * up (a minimized objective's axis runs downward), and says so in its label.
 * Categorical values sit at evenly spaced positions in the given order; a
 * brush covers the categories whose position falls inside it. A row with a
 * missing (non-finite / absent) value on an axis has a gap there and fails
 * any brush on that axis. No rows: no lines; no axes: empty.
 */
import { scaleLinear, scalePoint, type ScaleLinear } from 'd3';
import { padDomain } from './pad-domain';

export type PcAxis =
  | { key: string; label: string; kind: 'numeric'; values: readonly (number | null)[]; maximize?: boolean }
  | { key: string; label: string; kind: 'categorical'; values: readonly (string | null)[]; categories?: readonly string[] };

/** Brush per axis key: [lo, hi] in data units (categorical: in category positions 0..k-1). */
export type PcBrushes = Readonly<Record<string, readonly [number, number] | null | undefined>>;

export interface PcAxisModel {
  key: string;
  label: string;
  kind: 'numeric' | 'categorical';
  x: number;
  /** Data value (numeric) or category index (categorical) → pixel y. */
  y: ScaleLinear<number, number>;
  /** Ticks: pixel y and text. */
  ticks: { py: number; text: string }[];
  categories: string[];
}

export interface PcModel {
  margin: { top: number; right: number; bottom: number; left: number };
  innerWidth: number;
  innerHeight: number;
  axes: PcAxisModel[];
  /** One path per row ("M…L…", gaps start a new "M"). */
  lines: string[];
  selected: boolean[];
  empty: boolean;
}

const fmt = (v: number) => (Math.abs(v) >= 1000 || (Math.abs(v) > 0 && Math.abs(v) < 0.01) ? v.toExponential(1) : String(Number(v.toPrecision(3))));

/** The position of each row on an axis in the axis's own units (value or category index), null when missing. */
function positions(axis: PcAxis, categories: string[]): (number | null)[] {
  if (axis.kind === 'numeric') return axis.values.map((v) => (v !== null && Number.isFinite(v) ? v : null));
  const index = new Map(categories.map((c, i) => [c, i]));
  return axis.values.map((v) => (v === null ? null : (index.get(v) ?? null)));
}

function categoriesOf(axis: PcAxis): string[] {
  if (axis.kind !== 'categorical') return [];
  if (axis.categories) return [...axis.categories];
  return [...new Set(axis.values.filter((v): v is string => v !== null))].sort();
}

/** Rows that pass every brush (a brush on an axis the rows lack a value for rejects them). */
export function brushedRows(axes: readonly PcAxis[], rows: number, brushes: PcBrushes): boolean[] {
  const out = new Array<boolean>(rows).fill(true);
  for (const axis of axes) {
    const b = brushes[axis.key];
    if (!b) continue;
    const lo = Math.min(b[0], b[1]);
    const hi = Math.max(b[0], b[1]);
    const pos = positions(axis, categoriesOf(axis));
    for (let r = 0; r < rows; r++) {
      const v = pos[r];
      if (v === null || v === undefined || v < lo || v > hi) out[r] = false;
    }
  }
  return out;
}

export function parallelCoordsModel(axesIn: readonly PcAxis[], rows: number, opts: { width: number; height: number; brushes?: PcBrushes }): PcModel {
  // Room on the left for the first axis's tick labels (category names can be long).
  const first = axesIn[0];
  const firstLabels = first?.kind === 'categorical' ? categoriesOf(first) : [];
  const left = Math.min(140, Math.max(40, 8 + 6 * Math.max(0, ...firstLabels.map((c) => c.length))));
  const margin = { top: 34, right: 40, bottom: 16, left };
  const innerWidth = Math.max(10, opts.width - margin.left - margin.right);
  const innerHeight = Math.max(10, opts.height - margin.top - margin.bottom);
  const step = axesIn.length > 1 ? innerWidth / (axesIn.length - 1) : 0;
  const cols: (number | null)[][] = [];
  const axes: PcAxisModel[] = axesIn.map((axis, k) => {
    const categories = categoriesOf(axis);
    const pos = positions(axis, categories);
    cols.push(pos);
    if (axis.kind === 'categorical') {
      const n = Math.max(1, categories.length);
      const pt = scalePoint<number>()
        .domain([...Array(n).keys()])
        .range([innerHeight, 0])
        .padding(0.5);
      // A linear scale through the point positions, so brushes invert to category positions.
      const y =
        n > 1
          ? scaleLinear()
              .domain([0, n - 1])
              .range([pt(0)!, pt(n - 1)!])
          : scaleLinear().domain([-1, 1]).range([innerHeight, 0]);
      return { key: axis.key, label: axis.label, kind: 'categorical', x: k * step, y, ticks: categories.map((c, i) => ({ py: y(i), text: c })), categories };
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of pos) {
      if (v === null) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const dom = lo <= hi ? padDomain([lo, hi]) : [0, 1];
    // Better is up: a minimized axis runs downward.
    const y = scaleLinear()
      .domain(dom)
      .range(axis.maximize === false ? [0, innerHeight] : [innerHeight, 0])
      .nice();
    const label = axis.maximize === undefined ? axis.label : `${axis.label} ${axis.maximize ? '↑' : '↓'}`;
    return { key: axis.key, label, kind: 'numeric', x: k * step, y, ticks: y.ticks(4).map((t) => ({ py: y(t), text: fmt(t) })), categories };
  });
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let d = '';
    let pen = false;
    for (let k = 0; k < axes.length; k++) {
      const v = cols[k][r];
      if (v === null) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${axes[k].x.toFixed(1)},${axes[k].y(v).toFixed(1)}`;
      pen = true;
    }
    lines.push(d);
  }
  return { margin, innerWidth, innerHeight, axes, lines, selected: brushedRows(axesIn, rows, opts.brushes ?? {}), empty: axes.length === 0 };
}
