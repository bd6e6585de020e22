/**
 * Pareto front index of every row of a 2-D set (minimization), 1 = first.
 * Paper: Jensen, "Reducing the run-time complexity of multiobjective EAs: the
 * NSGA-II and other algorithms", IEEE TEC 2003 (2-D sweep); the front of a row
 * is found by binary search over the last (lowest) y of every front so far.
 * Complexity: O(n log n) (a bucket sort first, see sort-rows.ts).
 * Exact duplicates share a rank. Empty input: empty result.
 */
import { sortRows } from "./sort-rows";

export function paretoRanks2d(data: Float64Array, rows: Int32Array, ranks: Int32Array): void {
  const { values, ids } = sortRows(data, 2, rows, [0, 1]);
  const n = ids.length;
  const lastX = new Float64Array(Math.max(1, n));
  const lastY = new Float64Array(Math.max(1, n));
  let fronts = 0;
  for (let t = 0; t < n; t++) {
    const x = values[2 * t];
    const y = values[2 * t + 1];
    // first front whose tail does not dominate (x, y); tails have increasing y
    let lo = 0;
    let hi = fronts;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const ty = lastY[mid];
      if (ty < y || (ty === y && lastX[mid] < x)) lo = mid + 1;
      else hi = mid;
    }
    if (lo === fronts) fronts++;
    lastX[lo] = x;
    lastY[lo] = y;
    ranks[ids[t]] = lo + 1;
  }
}
