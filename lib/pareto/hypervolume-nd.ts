/**
 * Exact hypervolume for d >= 6.
 * Paper: While, Bradstreet & Barone, "A fast way of calculating exact
 * hypervolumes", IEEE TEC 2012 (WFG): a sweep over the last objective where
 * the (d-1)-D volume of the projections seen so far grows by each new
 * point's exclusive contribution, computed as its box volume minus the
 * hypervolume of the other projections "limited" by it (componentwise max),
 * after removing the dominated limited points. Recursion bottoms out in the
 * 5-D sweep (hypervolume-5d.ts).
 * Complexity: exponential in d in the worst case (as every known exact
 * method); fast when the limited sets are small, as on typical fronts.
 * Rows must strictly dominate the reference point (the caller filters).
 * Empty input: 0.
 */
import { argsortLex, iota } from "./argsort";
import { hypervolume3d } from "./hypervolume-3d";
import { pickEngine } from "./engine";
import type { EngineOptions } from "./engine";
import { hypervolume4dPlus } from "./hypervolume-4d-plus";
import { hypervolume4dPlusWasm } from "./hypervolume-4d-plus-wasm";
import { hypervolume5d } from "./hypervolume-5d";
import { hypervolume5dWasm } from "./hypervolume-5d-wasm";
import { hv4dKernel } from "./kernel/hv4d";
import { hv5dKernel } from "./kernel/hv5d";
import { nonDominatedRows } from "./non-dominated";

/**
 * The 4-D and 5-D sweeps run on WebAssembly (kernel/assembly/hv4d.ts, hv5d.ts)
 * when their modules load, with the same bits as the JavaScript twins;
 * `opts.engine` forces one.
 */
export function hypervolumeNd(data: Float64Array, dim: number, rows: Int32Array, ref: ArrayLike<number>, opts?: EngineOptions): number {
  if (dim === 3) return hypervolume3d(data, rows, ref);
  if (dim === 4)
    return pickEngine(opts?.engine, hv4dKernel() !== null, "hypervolume") === "wasm"
      ? hypervolume4dPlusWasm(data, rows, ref)
      : hypervolume4dPlus(data, rows, ref);
  if (dim === 5)
    return pickEngine(opts?.engine, hv5dKernel() !== null, "hypervolume") === "wasm" ? hypervolume5dWasm(data, rows, ref) : hypervolume5d(data, rows, ref);
  return hypervolumeWfgSweep(data, dim, rows, ref, opts);
}

/**
 * The WFG-style sweep itself, for any dim >= 3 (exported so tests can check
 * the 4-D and 5-D sweeps against it).
 */
export function hypervolumeWfgSweep(data: Float64Array, dim: number, rows: Int32Array, ref: ArrayLike<number>, opts?: EngineOptions): number {
  const d1 = dim - 1;
  const order = argsortLex(data, dim, rows, [d1]);
  const n = order.length;
  let proj = new Float64Array(Math.max(1, n) * d1);
  let spare = new Float64Array(Math.max(1, n) * d1);
  const limited = new Float64Array(Math.max(1, n) * d1);
  let count = 0;
  let vInner = 0;
  let total = 0;
  let cPrev = 0;
  for (let t = 0; t < n; t++) {
    const o = order[t] * dim;
    const c = data[o + d1];
    if (t > 0) total += vInner * (c - cPrev);
    cPrev = c;
    // weakly dominated projection: no gain
    let covered = false;
    for (let k = 0; k < count && !covered; k++) {
      const q = k * d1;
      let le = true;
      for (let j = 0; j < d1; j++) {
        if (proj[q + j] > data[o + j]) {
          le = false;
          break;
        }
      }
      covered = le;
    }
    if (covered) continue;
    let box = 1;
    for (let j = 0; j < d1; j++) box *= ref[j] - data[o + j];
    for (let k = 0; k < count; k++) {
      const q = k * d1;
      for (let j = 0; j < d1; j++) {
        const a = proj[q + j];
        const b = data[o + j];
        limited[q + j] = a > b ? a : b;
      }
    }
    let inner = 0;
    if (count > 0) {
      const nd = nonDominatedRows(limited, d1, iota(count), false, opts?.engine);
      inner = hypervolumeNd(limited, d1, nd, ref, opts);
    }
    vInner += box - inner;
    // keep the projections p does not dominate, then add p
    let m = 0;
    for (let k = 0; k < count; k++) {
      const q = k * d1;
      let dominated = true;
      for (let j = 0; j < d1; j++) {
        if (data[o + j] > proj[q + j]) {
          dominated = false;
          break;
        }
      }
      if (dominated) continue;
      spare.set(proj.subarray(q, q + d1), m * d1);
      m++;
    }
    for (let j = 0; j < d1; j++) spare[m * d1 + j] = data[o + j];
    count = m + 1;
    const tmp = proj;
    proj = spare;
    spare = tmp;
  }
  if (n > 0) total += vInner * (ref[d1] - cPrev);
  return total;
}
