/**
 * hypervolumeContributions: each point's exclusive hypervolume contribution,
 * HV(all) - HV(all without it).
 * Papers: 2-D by one sweep over the sorted staircase (O(n log n));
 * 3-D via the HV4D+ contribution step (Guerreiro & Fonseca, IEEE TEC 2018)
 * for each non-dominated point, O(n) sweeps of O(n log n) worst case but
 * usually far less; d >= 4 as box volume minus the hypervolume of the other
 * points limited by it (While, Bradstreet & Barone, IEEE TEC 2012).
 * Points that are dominated, duplicated (each copy is covered by the other)
 * or that do not strictly dominate the reference point contribute 0. The
 * contribution of a non-dominated point counts the points it alone
 * dominates (removing it exposes them), as the definition requires.
 * Empty input: empty result.
 */
import { argsortLex, iota } from "./argsort";
import { contribution3d } from "./contribution-3d";
import { hypervolumeRows } from "./hypervolume";
import { hypervolume2d } from "./hypervolume-2d";
import { nonDominatedRows } from "./non-dominated";
import { rowsInsideReference } from "./prefilter";
import { Staircase2D } from "./staircase-2d";
import { toMinimization, vectorToMinimization } from "./to-minimization";
import type { DirectionOptions, PointSet } from "./types";

export function hypervolumeContributions(points: PointSet, ref: readonly number[], opts?: DirectionOptions): Float64Array {
  const r = vectorToMinimization(ref, opts);
  const { data, n, dim } = toMinimization(points, opts, ref.length);
  const out = new Float64Array(n);
  if (n === 0) return out;
  if (dim !== r.length) throw new RangeError(`reference point has ${r.length} objectives, points have ${dim}`);
  const inside = rowsInsideReference(data, dim, n, r);
  // non-dominated, one copy each; copies of one point are all marked shared
  const withCopies = nonDominatedRows(data, dim, inside, true);
  const nd = nonDominatedRows(data, dim, withCopies, false);
  if (nd.length === 0) return out;
  const shared = new Uint8Array(n);
  if (withCopies.length !== nd.length) {
    const coords = Array.from({ length: dim }, (_, j) => j);
    const order = argsortLex(data, dim, withCopies, coords);
    for (let t = 1; t < order.length; t++) {
      let same = true;
      for (let j = 0; j < dim && same; j++) same = data[order[t] * dim + j] === data[order[t - 1] * dim + j];
      if (same) shared[order[t]] = shared[order[t - 1]] = 1;
    }
  }
  if (dim === 1) {
    let second = r[0];
    for (let t = 0; t < inside.length; t++) {
      const v = data[inside[t]];
      if (inside[t] !== nd[0] && v < second) second = v;
    }
    out[nd[0]] = second - data[nd[0]];
  } else if (dim === 2) contributions2d(data, nd, inside, r, out);
  else if (dim === 3) contributions3d(data, nd, inside, r, out);
  else contributionsNd(data, dim, nd, inside, r, out);
  for (let i = 0; i < n; i++) if (shared[i]) out[i] = 0;
  return out;
}

function contributions2d(data: Float64Array, nd: Int32Array, inside: Int32Array, r: Float64Array, out: Float64Array): void {
  // R_p = [x_p, x_next) x [y_p, y_prev) is the part of p's box no other
  // non-dominated point covers; points only p dominates that fall inside it
  // take their own 2-D hypervolume out of it. The R_p are disjoint.
  const order = argsortLex(data, 2, nd, [0]);
  const m = order.length;
  const xs = new Float64Array(m);
  for (let t = 0; t < m; t++) xs[t] = data[2 * order[t]];
  const isNd = new Uint8Array(data.length / 2);
  for (let t = 0; t < m; t++) isNd[order[t]] = 1;
  const bucket: number[][] = Array.from({ length: m }, () => []);
  for (let s = 0; s < inside.length; s++) {
    const q = inside[s];
    if (isNd[q]) continue;
    const x = data[2 * q];
    const y = data[2 * q + 1];
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid] <= x) lo = mid + 1;
      else hi = mid;
    }
    const t = lo - 1; // last non-dominated point with x <= x_q: it dominates q
    const yPrev = t > 0 ? data[2 * order[t - 1] + 1] : r[1];
    if (t >= 0 && y < yPrev) bucket[t].push(q);
  }
  for (let t = 0; t < m; t++) {
    const i = order[t];
    const xNext = t + 1 < m ? xs[t + 1] : r[0];
    const yPrev = t > 0 ? data[2 * order[t - 1] + 1] : r[1];
    let c = (xNext - data[2 * i]) * (yPrev - data[2 * i + 1]);
    if (bucket[t].length > 0) c -= hypervolume2d(data, Int32Array.from(bucket[t]), xNext, yPrev);
    out[i] = c;
  }
}

function contributions3d(data: Float64Array, nd: Int32Array, inside: Int32Array, r: Float64Array, out: Float64Array): void {
  const order = argsortLex(data, 3, inside, [2]);
  const m = order.length;
  const sx = new Float64Array(m);
  const sy = new Float64Array(m);
  const sz = new Float64Array(m);
  const isNd = new Uint8Array(data.length / 3);
  for (let t = 0; t < nd.length; t++) isNd[nd[t]] = 1;
  for (let t = 0; t < m; t++) {
    sx[t] = data[3 * order[t]];
    sy[t] = data[3 * order[t] + 1];
    sz[t] = data[3 * order[t] + 2];
  }
  const st = new Staircase2D(64);
  for (let t = 0; t < m; t++) {
    if (!isNd[order[t]]) continue;
    const x = sx[t];
    const y = sy[t];
    // leave p out of S by moving it out of the way
    sx[t] = Infinity;
    sy[t] = Infinity;
    out[order[t]] = contribution3d(x, y, sz[t], sx, sy, sz, m, r[0], r[1], r[2], st);
    sx[t] = x;
    sy[t] = y;
  }
}

function contributionsNd(data: Float64Array, dim: number, nd: Int32Array, inside: Int32Array, r: Float64Array, out: Float64Array): void {
  const m = inside.length;
  const limited = new Float64Array(Math.max(1, m - 1) * dim);
  for (let t = 0; t < nd.length; t++) {
    const p = nd[t] * dim;
    let box = 1;
    for (let j = 0; j < dim; j++) box *= r[j] - data[p + j];
    let k = 0;
    for (let s = 0; s < m; s++) {
      if (inside[s] === nd[t]) continue;
      const q = inside[s] * dim;
      for (let j = 0; j < dim; j++) {
        const a = data[q + j];
        const b = data[p + j];
        limited[k * dim + j] = a > b ? a : b;
      }
      k++;
    }
    const rows = nonDominatedRows(limited, dim, iota(k), false);
    out[nd[t]] = box - hypervolumeRows(limited, dim, rows, r);
  }
}
