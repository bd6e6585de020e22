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
import { argsortLex } from "./argsort";
import { Staircase2D } from "./staircase-2d";

export function hypervolume3d(data: Float64Array, rows: Int32Array, ref: ArrayLike<number>): number {
  const order = argsortLex(data, 3, rows, [2]);
  const rx = ref[0];
  const ry = ref[1];
  const rz = ref[2];
  const st = new Staircase2D(64);
  let area = 0;
  let volume = 0;
  const n = order.length;
  for (let t = 0; t < n; t++) {
    const i = order[t];
    const x = data[3 * i];
    const y = data[3 * i + 1];
    if (!st.weaklyDominates(x, y)) area += st.insert(x, y, i, rx, ry);
    const zNext = t + 1 < n ? data[3 * order[t + 1] + 2] : rz;
    volume += area * (zNext - data[3 * i + 2]);
  }
  return volume;
}
