/**
 * IGD+ (inverted generational distance plus) of an approximation set with
 * respect to a reference set: the mean over reference points r of
 * min over a of sqrt(sum_j max(a_j - r_j, 0)^2) (minimization form).
 * Paper: Ishibuchi, Masuda, Tanigaki & Nojima, "Modified distance
 * calculation in generational distance and inverted generational distance",
 * EMO 2015. Weakly Pareto-compliant; lower is better.
 * Complexity: O(|A| |R| d). Empty approximation: Infinity; empty reference: NaN.
 */
import { dimensionOf, toMinimization } from "./to-minimization";
import type { DirectionOptions, PointSet } from "./types";

export function igdPlus(approx: PointSet, reference: PointSet, opts?: DirectionOptions): number {
  const dim = dimensionOf(reference, dimensionOf(approx));
  const A = toMinimization(approx, opts, dim);
  const R = toMinimization(reference, opts, dim);
  if (R.n === 0) return NaN;
  if (A.n === 0) return Infinity;
  if (A.dim !== R.dim) throw new RangeError("approximation and reference sets have different dimensions");
  let sum = 0;
  for (let r = 0; r < R.n; r++) {
    let best = Infinity;
    for (let a = 0; a < A.n; a++) {
      let s = 0;
      for (let j = 0; j < dim; j++) {
        const diff = A.data[a * dim + j] - R.data[r * dim + j];
        if (diff > 0) s += diff * diff;
      }
      if (s < best) best = s;
    }
    sum += Math.sqrt(best);
  }
  return sum / R.n;
}
