/**
 * Naive twin of empiricalAttainment2d, for tests only (minimization): count,
 * for every grid point of observed coordinates, how many runs weakly dominate
 * it, and keep the minimal grid points of each level. O(X Y N + ...).
 */
import { nonDominatedNaive } from "./non-dominated-naive";

export function empiricalAttainment2dNaive(runs: readonly (readonly (readonly number[])[])[]): [number, number][][] {
  const k = runs.length;
  const xs = Array.from(new Set(runs.flat().map((p) => p[0]))).sort((a, b) => a - b);
  const ys = Array.from(new Set(runs.flat().map((p) => p[1]))).sort((a, b) => a - b);
  const levels: [number, number][][] = [];
  for (let l = 1; l <= k; l++) {
    const cand: [number, number][] = [];
    for (const x of xs) {
      for (const y of ys) {
        const count = runs.filter((run) => run.some((p) => p[0] <= x && p[1] <= y)).length;
        if (count >= l) cand.push([x, y]);
      }
    }
    const nd = nonDominatedNaive(cand).map((i) => cand[i]);
    nd.sort((a, b) => a[0] - b[0]);
    levels.push(nd);
  }
  return levels;
}
