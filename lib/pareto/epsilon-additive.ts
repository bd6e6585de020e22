/**
 * Additive epsilon indicator: the smallest eps such that every reference
 * point is weakly dominated by some approximation point shifted by -eps,
 * i.e. max over r of min over a of max_j (a_j - r_j) (minimization form).
 * Paper: Zitzler, Thiele, Laumanns, Fonseca & Grunert da Fonseca,
 * "Performance assessment of multiobjective optimizers", IEEE TEC 2003.
 * Lower is better; <= 0 means the approximation weakly dominates the reference.
 * Complexity: O(|A| |R| d). Empty approximation: Infinity; empty reference: -Infinity.
 */
import { dimensionOf, toMinimization } from "./to-minimization";
import type { DirectionOptions, PointSet } from "./types";

export function epsilonAdditive(approx: PointSet, reference: PointSet, opts?: DirectionOptions): number {
  const dim = dimensionOf(reference, dimensionOf(approx));
  const A = toMinimization(approx, opts, dim);
  const R = toMinimization(reference, opts, dim);
  if (R.n === 0) return -Infinity;
  if (A.n === 0) return Infinity;
  if (A.dim !== R.dim) throw new RangeError("approximation and reference sets have different dimensions");
  let worst = -Infinity;
  for (let r = 0; r < R.n; r++) {
    let best = Infinity;
    for (let a = 0; a < A.n && best > worst; a++) {
      let e = -Infinity;
      for (let j = 0; j < dim; j++) {
        const diff = A.data[a * dim + j] - R.data[r * dim + j];
        if (diff > e) e = diff;
      }
      if (e < best) best = e;
    }
    if (best > worst) worst = best;
  }
  return worst;
}
