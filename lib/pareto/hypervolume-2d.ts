/**
 * Exact 2-D hypervolume (area dominated by the rows, bounded by ref).
 * Paper: the classic sweep (e.g. Fonseca, Paquete & Lopez-Ibanez, CEC 2006,
 * base case). Rows must strictly dominate the reference point (the caller
 * filters). Rows in x order; each new lowest y adds the rectangle
 * [x, rx) x [y, previous lowest y).
 * Complexity: O(n log n). Empty input: 0.
 */
import { sortRows2d } from "./sort-2d";

export function hypervolume2d(data: Float64Array, rows: Int32Array, rx: number, ry: number): number {
  const { xs, ys } = sortRows2d(data, rows);
  let minY = ry;
  let area = 0;
  for (let t = 0; t < xs.length; t++) {
    const y = ys[t];
    if (y < minY) {
      area += (rx - xs[t]) * (minY - y);
      minY = y;
    }
  }
  return area;
}
