/**
 * Naive twin of nonDominated, for tests only: O(n^2 d) pairwise comparison.
 * Same duplicate policy (first copy unless keepDuplicates).
 */
import { dominates } from "./dominates";

export function nonDominatedNaive(points: readonly (readonly number[])[], keepDuplicates = false): number[] {
  const out: number[] = [];
  for (let i = 0; i < points.length; i++) {
    let keep = true;
    for (let k = 0; k < points.length && keep; k++) {
      if (dominates(points[k], points[i])) keep = false;
      else if (!keepDuplicates && k < i && points[k].every((v, j) => v === points[i][j])) keep = false;
    }
    if (keep) out.push(i);
  }
  return out;
}
