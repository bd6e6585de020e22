/**
 * Exact 2-D hypervolume (area dominated by the rows, bounded by ref).
 * Paper: the classic sweep (e.g. Fonseca, Paquete & Lopez-Ibanez, CEC 2006,
 * base case). Rows must strictly dominate the reference point (the caller
 * filters). Rows in x order; each new lowest y adds the rectangle
 * [x, rx) x [y, previous lowest y).
 * Complexity: O(n log n). Empty input: 0.
 */
import { sortRows } from "./sort-rows";

export function hypervolume2d(data: Float64Array, rows: Int32Array, rx: number, ry: number): number {
  const { values, ids } = sortRows(data, 2, rows, [0]);
  let minY = ry;
  let area = 0;
  for (let t = 0; t < ids.length; t++) {
    const y = values[2 * t + 1];
    if (y < minY) {
      area += (rx - values[2 * t]) * (minY - y);
      minY = y;
    }
  }
  return area;
}
