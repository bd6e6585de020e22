/**
 * Non-dominated rows of a 2-D set (minimization).
 * Paper: Kung, Luccio & Preparata, "On finding the maxima of a set of
 * vectors", JACM 1975 (the 2-D case: sort + one sweep).
 * Complexity: O(n log n) for the sort, O(n) sweep.
 * Rows are visited in (x, y, index) order; a row is kept when its y is below
 * every y seen so far. An exact duplicate of a kept row is kept only when
 * `keepDuplicates` (the lowest index is the copy kept otherwise).
 * Empty input: empty result. Order of the result: unspecified (a view of a
 * buffer of all the rows' size).
 */
import { sortRows } from "./sort-rows";

export function nonDominated2d(data: Float64Array, rows: Int32Array, keepDuplicates: boolean): Int32Array {
  const { values, ids } = sortRows(data, 2, rows, [0, 1]);
  const out = new Int32Array(ids.length);
  let m = 0;
  let minY = Infinity;
  let lastX = NaN;
  for (let t = 0; t < ids.length; t++) {
    const i = ids[t];
    const x = values[2 * t];
    const y = values[2 * t + 1];
    if (y < minY || t === 0) {
      minY = y;
      lastX = x;
      out[m++] = i;
    } else if (keepDuplicates && y === minY && x === lastX) {
      out[m++] = i;
    }
  }
  return out.subarray(0, m);
}
