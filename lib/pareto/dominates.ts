/**
 * Pareto dominance of two points: `a` dominates `b` when it is no worse in
 * every objective and strictly better in at least one. Equal points do not
 * dominate each other. O(d).
 */
import type { DirectionOptions } from "./types";
import { directionSigns } from "./to-minimization";

export function dominates(a: readonly number[], b: readonly number[], opts?: DirectionOptions): boolean {
  const d = a.length;
  if (b.length !== d) throw new RangeError("points have different numbers of objectives");
  if (opts?.maximize === undefined || opts.maximize === false) {
    let strict = false;
    for (let j = 0; j < d; j++) {
      if (a[j] > b[j]) return false;
      if (a[j] < b[j]) strict = true;
    }
    return strict;
  }
  const signs = directionSigns(d, opts);
  let strict = false;
  for (let j = 0; j < d; j++) {
    const x = a[j] * signs[j];
    const y = b[j] * signs[j];
    if (x > y) return false;
    if (x < y) strict = true;
  }
  return strict;
}

/** Minimization-form dominance between rows i and k of a flat matrix. */
export function rowDominates(data: Float64Array, dim: number, i: number, k: number): boolean {
  const a = i * dim;
  const b = k * dim;
  let strict = false;
  for (let j = 0; j < dim; j++) {
    const x = data[a + j];
    const y = data[b + j];
    if (x > y) return false;
    if (x < y) strict = true;
  }
  return strict;
}
