/**
 * Exact 4-D hypervolume.
 * Paper: Guerreiro & Fonseca, "Computing and updating hypervolume
 * contributions in up to four dimensions", IEEE TEC 2018 (HV4D+): sweep in
 * the 4th objective; the 3-D volume of the projections seen so far is kept
 * up to date by adding each new point's exclusive 3-D contribution
 * (contribution-3d.ts) and dropping the projections it dominates.
 * Complexity: O(n^2 log n) worst case, close to O(n^2) in practice.
 * Rows must strictly dominate the reference point (the caller filters).
 * Empty input: 0.
 */
import { argsortLex } from "./argsort";
import { contribution3d } from "./contribution-3d";
import { Staircase2D } from "./staircase-2d";

export function hypervolume4d(data: Float64Array, rows: Int32Array, ref: ArrayLike<number>): number {
  const order = argsortLex(data, 4, rows, [3]);
  const n = order.length;
  const rx = ref[0];
  const ry = ref[1];
  const rz = ref[2];
  const rw = ref[3];
  let sx = new Float64Array(n + 1);
  let sy = new Float64Array(n + 1);
  let sz = new Float64Array(n + 1);
  let bx = new Float64Array(n + 1);
  let by = new Float64Array(n + 1);
  let bz = new Float64Array(n + 1);
  let count = 0;
  const st = new Staircase2D(64);
  let v3 = 0;
  let total = 0;
  let wPrev = 0;
  for (let t = 0; t < n; t++) {
    const o = order[t] * 4;
    const px = data[o];
    const py = data[o + 1];
    const pz = data[o + 2];
    const w = data[o + 3];
    if (t > 0) total += v3 * (w - wPrev);
    wPrev = w;
    const c = contribution3d(px, py, pz, sx, sy, sz, count, -1, rx, ry, rz, st);
    if (c <= 0) continue;
    v3 += c;
    // rebuild S (sorted by z) without the projections p dominates, with p
    let m = 0;
    let placed = false;
    for (let k = 0; k < count; k++) {
      const qx = sx[k];
      const qy = sy[k];
      const qz = sz[k];
      if (!placed && qz > pz) {
        bx[m] = px;
        by[m] = py;
        bz[m++] = pz;
        placed = true;
      }
      if (px <= qx && py <= qy && pz <= qz) continue;
      bx[m] = qx;
      by[m] = qy;
      bz[m++] = qz;
    }
    if (!placed) {
      bx[m] = px;
      by[m] = py;
      bz[m++] = pz;
    }
    count = m;
    let tx = sx;
    sx = bx;
    bx = tx;
    tx = sy;
    sy = by;
    by = tx;
    tx = sz;
    sz = bz;
    bz = tx;
  }
  if (n > 0) total += v3 * (rw - wPrev);
  return total;
}
