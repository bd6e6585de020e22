/**
 * Exact 4-D hypervolume, the staircase variant: no longer the default
 * (hypervolume-4d-plus.ts is faster); kept as an independent twin in tests.
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
import { contribution3d, contribution3dScan } from "./contribution-3d";
import { Staircase2D } from "./staircase-2d";

export function hypervolume4d(data: Float64Array, rows: Int32Array, ref: ArrayLike<number>): number {
  const order = argsortLex(data, 4, rows, [3]);
  const n = order.length;
  const rx = ref[0];
  const ry = ref[1];
  const rz = ref[2];
  const rw = ref[3];
  const sx = new Float64Array(n + 1);
  const sy = new Float64Array(n + 1);
  const sz = new Float64Array(n + 1);
  const bx = new Float64Array(n + 1);
  const by = new Float64Array(n + 1);
  const bz = new Float64Array(n + 1);
  let count = 0;
  const st = new Staircase2D(64);
  let v3 = 0;
  let total = 0;
  let wPrev = 0;
  // The last slab (up to the reference) is closed inside the loop, at t = n: code that runs
  // once after a hot loop has no type feedback when V8 compiles the loop on stack (OSR), and
  // the cached OSR code then deoptimizes on every call.
  for (let t = 0; t <= n; t++) {
    const o = t < n ? order[t] * 4 : 0;
    const w = t < n ? data[o + 3] : rw;
    if (t > 0) total += v3 * (w - wPrev);
    if (t === n) break;
    wPrev = w;
    const px = data[o];
    const py = data[o + 1];
    const pz = data[o + 2];
    const c = contribution3d(px, py, pz, sx, sy, sz, count, rx, ry, rz, st);
    if (c <= 0) continue;
    v3 += c;
    // insert p into S (sorted by z); the projections it dominates lie after
    // it (z > pz), and the contribution sweep already told whether any exist
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sz[mid] <= pz) lo = mid + 1;
      else hi = mid;
    }
    const pos = lo;
    if (!contribution3dScan.sawDominated) {
      sx.copyWithin(pos + 1, pos, count);
      sy.copyWithin(pos + 1, pos, count);
      sz.copyWithin(pos + 1, pos, count);
      count++;
    } else {
      let m = 0;
      for (let k = pos; k < count; k++) {
        if (px <= sx[k] && py <= sy[k]) continue;
        bx[m] = sx[k];
        by[m] = sy[k];
        bz[m++] = sz[k];
      }
      sx.set(bx.subarray(0, m), pos + 1);
      sy.set(by.subarray(0, m), pos + 1);
      sz.set(bz.subarray(0, m), pos + 1);
      count = pos + 1 + m;
    }
    sx[pos] = px;
    sy[pos] = py;
    sz[pos] = pz;
  }
  return total;
}
