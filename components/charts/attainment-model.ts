/**
 * Compute step of the experiment page's attainment charts (2-D, one task):
 *
 * - `attainmentBandsModel`: per method, the empirical attainment function of
 *   its seeds' evaluation points (lib/pareto empiricalAttainment2d): the
 *   median surface (attained by ≥ 50% of seeds) as a staircase, and the band
 *   between the 25% and 75% surfaces as one closed path.
 * - `attainmentDifferenceModel`: for two methods, on a grid over the plane,
 *   the fraction of A's seeds that attain each cell's centre minus B's
 *   (López-Ibáñez, Paquete & Stützle 2010's differences plot): > 0 where A
 *   attains it more often.
 *
 * Levels: with k seeds, the q-surface is the (⌈q·k⌉)-th of the k EAF levels
 * (at least one). Points are in the user's directions; nothing here negates.
 */
import { scaleLinear, type ScaleLinear } from 'd3';
import { empiricalAttainment2d } from '@/lib/pareto';
import { padDomain } from './pad-domain';
import type { Margin } from './line-chart-model';
import { PLANE_MARGIN } from './front-plane-model';

export interface MethodSeeds {
  key: string;
  label: string;
  color: string;
  /** Per seed: its points as [x, y] on the plane. */
  seeds: readonly (readonly (readonly [number, number])[])[];
}

export interface PlaneSpec {
  width: number;
  height: number;
  margin?: Partial<Margin>;
  maximize: readonly [boolean, boolean];
}

export interface BandMarks {
  key: string;
  label: string;
  color: string;
  seeds: number;
  /** Median surface as a staircase path ('' when nothing is attained by half the seeds). */
  median: string;
  /** Closed path between the 25% and 75% surfaces. */
  band: string;
  medianPoints: [number, number][];
}

export interface AttainmentBandsModel {
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  bands: BandMarks[];
  empty: boolean;
}

/** The surface attained by at least a fraction q of the k seeds (level index ⌈q·k⌉ − 1, at least 0). */
export function levelIndex(q: number, k: number): number {
  return Math.max(0, Math.ceil(q * k - 1e-9) - 1);
}

function frame(all: readonly (readonly [number, number])[], spec: PlaneSpec) {
  const margin = { ...PLANE_MARGIN, ...spec.margin };
  const innerWidth = Math.max(10, spec.width - margin.left - margin.right);
  const innerHeight = Math.max(10, spec.height - margin.top - margin.bottom);
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const empty = all.length === 0;
  const x = scaleLinear()
    .domain(padDomain(empty ? [0, 1] : [Math.min(...xs), Math.max(...xs)]))
    .range([0, innerWidth])
    .nice();
  const y = scaleLinear()
    .domain(padDomain(empty ? [0, 1] : [Math.min(...ys), Math.max(...ys)]))
    .range([innerHeight, 0])
    .nice();
  return { margin, innerWidth, innerHeight, x, y, empty };
}

/** Vertices of a surface's staircase, from the worst edge of y to the worst edge of x (data units). */
export function staircaseVertices(
  points: readonly (readonly [number, number])[],
  maximize: readonly [boolean, boolean],
  worst: [number, number],
): [number, number][] {
  if (points.length === 0) return [];
  const sx = maximize[0] ? -1 : 1;
  const sy = maximize[1] ? -1 : 1;
  const s = [...points].sort((p, q) => sx * p[0] - sx * q[0] || sy * q[1] - sy * p[1]);
  const out: [number, number][] = [[s[0][0], worst[1]]];
  s.forEach((p, k) => {
    if (k > 0) out.push([p[0], s[k - 1][1]]);
    out.push([p[0], p[1]]);
  });
  out.push([worst[0], s[s.length - 1][1]]);
  return out;
}

export function attainmentBandsModel(methods: readonly MethodSeeds[], spec: PlaneSpec): AttainmentBandsModel {
  const all = methods.flatMap((m) => m.seeds.flat());
  const f = frame(all, spec);
  const [xd0, xd1] = f.x.domain();
  const [yd0, yd1] = f.y.domain();
  const worst: [number, number] = [spec.maximize[0] ? xd0 : xd1, spec.maximize[1] ? yd0 : yd1];
  const path = (v: [number, number][]) => v.map(([a, b], j) => `${j ? 'L' : 'M'}${f.x(a).toFixed(1)},${f.y(b).toFixed(1)}`).join('');
  const bands = methods.map((m): BandMarks => {
    const k = m.seeds.length;
    const surfaces = empiricalAttainment2d(m.seeds, { maximize: [...spec.maximize] });
    const at = (q: number) => (k ? (surfaces[levelIndex(q, k)]?.points ?? []) : []);
    const med = at(0.5);
    const lo = staircaseVertices(at(0.25), spec.maximize, worst);
    const hi = staircaseVertices(at(0.75), spec.maximize, worst);
    // 25% surface forward, then back along the 75% one (or the worst corner when the 75% surface is empty).
    const ring = lo.length ? [...lo, ...(hi.length ? [...hi].reverse() : [worst])] : [];
    return {
      key: m.key,
      label: m.label,
      color: m.color,
      seeds: k,
      median: path(staircaseVertices(med, spec.maximize, worst)),
      band: ring.length ? `${path(ring)}Z` : '',
      medianPoints: med,
    };
  });
  return { ...f, bands };
}

export interface DifferenceCell {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Fraction of A's seeds attaining the cell centre minus B's, in [−1, 1]. */
  diff: number;
}

export interface AttainmentDifferenceModel {
  margin: Margin;
  innerWidth: number;
  innerHeight: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  cells: DifferenceCell[];
  empty: boolean;
}

/** Fraction of seeds with a point weakly dominating (px, py). */
export function attainedFraction(
  seeds: readonly (readonly (readonly [number, number])[])[],
  px: number,
  py: number,
  maximize: readonly [boolean, boolean],
): number {
  if (seeds.length === 0) return 0;
  const sx = maximize[0] ? -1 : 1;
  const sy = maximize[1] ? -1 : 1;
  let n = 0;
  for (const s of seeds) if (s.some((p) => sx * p[0] <= sx * px && sy * p[1] <= sy * py)) n++;
  return n / seeds.length;
}

export function attainmentDifferenceModel(a: MethodSeeds, b: MethodSeeds, spec: PlaneSpec & { cells?: [number, number] }): AttainmentDifferenceModel {
  const f = frame([...a.seeds.flat(), ...b.seeds.flat()], spec);
  const [nx, ny] = spec.cells ?? [48, 32];
  const [xd0, xd1] = f.x.domain();
  const [yd0, yd1] = f.y.domain();
  const cells: DifferenceCell[] = [];
  if (!f.empty) {
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        const x0 = xd0 + ((xd1 - xd0) * i) / nx;
        const x1 = xd0 + ((xd1 - xd0) * (i + 1)) / nx;
        const y0 = yd0 + ((yd1 - yd0) * j) / ny;
        const y1 = yd0 + ((yd1 - yd0) * (j + 1)) / ny;
        const cx = (x0 + x1) / 2;
        const cy = (y0 + y1) / 2;
        const diff = attainedFraction(a.seeds, cx, cy, spec.maximize) - attainedFraction(b.seeds, cx, cy, spec.maximize);
        if (diff !== 0) cells.push({ x0, x1, y0, y1, diff });
      }
    }
  }
  return { ...f, cells };
}
