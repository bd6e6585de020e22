/**
 * Non-dominated rows of a 3-D set (minimization).
 * Paper: Kung, Luccio & Preparata, JACM 1975 (3-D maxima): sweep in z with a
 * 2-D staircase of the non-dominated (x, y) projections seen so far.
 * Complexity: O(n log n) comparisons (binary search per row) plus typed-array
 * block moves in the staircase.
 * Rows are visited in (z, x, y, index) order, so any dominator of a row comes
 * before it. Duplicates: see non-dominated-2d.ts. Empty input: empty result.
 * The result is a view of a buffer of all the rows' size.
 */
import { sortRows } from "./sort-rows";
import { Staircase2D } from "./staircase-2d";

export function nonDominated3d(data: Float64Array, rows: Int32Array, keepDuplicates: boolean): Int32Array {
  const { values, ids } = sortRows(data, 3, rows, [2, 0, 1]);
  const st = new Staircase2D(64);
  const n = ids.length;
  const out = new Int32Array(n);
  let m = 0;
  for (let t = 0; t < n; t++) {
    const i = ids[t];
    const x = values[3 * t];
    const y = values[3 * t + 1];
    const k = st.lastAtOrBefore(x);
    if (k >= 0 && st.ys[k] <= y) {
      if (keepDuplicates && st.xs[k] === x && st.ys[k] === y && data[3 * st.ids[k] + 2] === values[3 * t + 2]) {
        out[m++] = i;
      }
      continue;
    }
    st.insertAfter(k, x, y, i, -Infinity, -Infinity);
    out[m++] = i;
  }
  return out.subarray(0, m);
}
