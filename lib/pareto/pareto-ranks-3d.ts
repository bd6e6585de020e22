/**
 * Pareto front index of every row of a 3-D set (minimization), 1 = first.
 * Sweep in z (rows in (z, x, y, index) order) keeping one 2-D staircase per
 * front; a row's front is the first whose staircase does not dominate it,
 * found by binary search over fronts (if front f dominates a row, so does
 * every front before f). Follows the sweep-line scheme of Jensen (IEEE TEC
 * 2003) with Kung-style staircases.
 * Complexity: O(n log n log F) comparisons, F = number of fronts.
 * Exact duplicates share a rank. Empty input: empty result.
 */
import { sortRows } from "./sort-rows";
import { Staircase2D } from "./staircase-2d";

export function paretoRanks3d(data: Float64Array, rows: Int32Array, ranks: Int32Array): void {
  const { values, ids } = sortRows(data, 3, rows, [2, 0, 1]);
  const n = ids.length;
  const fronts: Staircase2D[] = [];
  for (let t = 0; t < n; t++) {
    const i = ids[t];
    const x = values[3 * t];
    const y = values[3 * t + 1];
    const z = values[3 * t + 2];
    let lo = 0;
    let hi = fronts.length;
    // the lookup of x in front hi (its staircase is searched once per row)
    let k = -1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = lookupUndominated(fronts[mid], data, x, y, z);
      if (at === DOMINATED) lo = mid + 1;
      else {
        hi = mid;
        k = at;
      }
    }
    if (lo === fronts.length) fronts.push(new Staircase2D(16));
    const st = fronts[lo];
    // front lo does not dominate the row: weakly dominated by it means an exact copy, not inserted again
    if (!(k >= 0 && st.ys[k] <= y)) st.insertAfter(k, x, y, i, -Infinity, -Infinity);
    ranks[i] = lo + 1;
  }
}

const DOMINATED = -2;

/** DOMINATED when the front dominates the row, else st.lastAtOrBefore(x) (-1 or more). */
function lookupUndominated(st: Staircase2D, data: Float64Array, x: number, y: number, z: number): number {
  const k = st.lastAtOrBefore(x);
  if (k < 0) return k;
  const sy = st.ys[k];
  if (sy > y) return k;
  // equal in x, y and z: a duplicate, which does not dominate
  return st.xs[k] === x && sy === y && data[3 * st.ids[k] + 2] === z ? k : DOMINATED;
}
