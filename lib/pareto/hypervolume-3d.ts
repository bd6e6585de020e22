/**
 * Exact 3-D hypervolume.
 * Paper: Beume, Fonseca, Lopez-Ibanez, Paquete & Vahrenhold, "On the
 * complexity of computing the hypervolume indicator", IEEE TEC 2009, and its
 * refinement HV3D+ (Guerreiro & Fonseca, IEEE TEC 2018): sweep in z, keeping
 * the 2-D staircase of the (x, y) projections and its area, updated by the
 * exact area each new point adds.
 * Complexity: O(n log n) comparisons (plus typed-array block moves).
 * Rows must strictly dominate the reference point (the caller filters).
 * Empty input: 0.
 */
import { sortRows } from "./sort-rows";
import { Staircase2D } from "./staircase-2d";

export function hypervolume3d(data: Float64Array, rows: Int32Array, ref: ArrayLike<number>): number {
  const { values, ids } = sortRows(data, 3, rows, [2]);
  const rx = ref[0];
  const ry = ref[1];
  const rz = ref[2];
  const st = new Staircase2D(64);
  let area = 0;
  let volume = 0;
  const n = ids.length;
  for (let t = 0; t < n; t++) {
    const x = values[3 * t];
    const y = values[3 * t + 1];
    const k = st.lastAtOrBefore(x);
    if (!(k >= 0 && st.ys[k] <= y)) area += st.insertAfter(k, x, y, t, rx, ry);
    const zNext = t + 1 < n ? values[3 * t + 5] : rz;
    volume += area * (zNext - values[3 * t + 2]);
  }
  return volume;
}
