/**
 * hypervolume: Lebesgue measure of the region dominated by the points and
 * bounded by the reference point (minimization after direction conversion).
 * Dispatch by dimension, like moocore's fpli_hv: 1-D difference, 2-D sweep,
 * 3-D HV3D+-style sweep (O(n log n)), 4-D HV4D+ with neighbour links (O(n^2), hypervolume-4d-plus.ts),
 * 5-D sweep with incremental 4-D contributions, d >= 6 WFG-style recursion.
 * Points that do not strictly dominate the reference point contribute
 * nothing (they are dropped first), as do points dominated by another point
 * (a linear pre-pass drops most of them). Empty input: 0. NaN unsupported.
 * The 4-D and 5-D sweeps (also inside the d >= 6 recursion) run on
 * WebAssembly (kernel/assembly/hv4d.ts, hv5d.ts) when their modules load,
 * with the same bits as the JavaScript twins; `engine` forces one.
 */
import { hypervolume2d } from "./hypervolume-2d";
import { hypervolume3d } from "./hypervolume-3d";
import type { EngineOptions } from "./engine";
import { hypervolumeNd } from "./hypervolume-nd";
import { dropDominatedByBest, rowsInsideReference } from "./prefilter";
import { readMinimization, vectorToMinimization } from "./to-minimization";
import type { DirectionOptions, PointSet } from "./types";

export type HypervolumeOptions = DirectionOptions & EngineOptions;

export function hypervolume(points: PointSet, ref: readonly number[], opts?: HypervolumeOptions): number {
  const r = vectorToMinimization(ref, opts);
  const { data, n, dim } = readMinimization(points, opts, ref.length);
  if (n === 0) return 0;
  if (dim !== r.length) throw new RangeError(`reference point has ${r.length} objectives, points have ${dim}`);
  return hypervolumeRows(data, dim, rowsInsideReference(data, dim, n, r), r, opts);
}

/** Internal entry: rows must strictly dominate ref (minimization form). */
export function hypervolumeRows(data: Float64Array, dim: number, rows: Int32Array, ref: ArrayLike<number>, opts?: EngineOptions): number {
  if (rows.length === 0) return 0;
  const cand = dropDominatedByBest(data, dim, rows);
  if (dim === 1) {
    let best = Infinity;
    for (let t = 0; t < cand.length; t++) if (data[cand[t]] < best) best = data[cand[t]];
    return ref[0] - best;
  }
  if (dim === 2) return hypervolume2d(data, cand, ref[0], ref[1]);
  if (dim === 3) return hypervolume3d(data, cand, ref);
  return hypervolumeNd(data, dim, cand, ref, opts);
}
