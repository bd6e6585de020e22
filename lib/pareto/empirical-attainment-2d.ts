/**
 * 2-D empirical attainment function (EAF) of several runs (e.g. seeds):
 * for each level l = 1..k, the attainment surface of the points attained
 * (weakly dominated) by at least l of the k runs, given as its staircase of
 * minimal points. Level 1/k is the best any run reached, level 1 what every
 * run reached, level ~1/2 the median attainment surface.
 * Paper: Grunert da Fonseca, Fonseca & Hall, "Inferential performance
 * assessment of stochastic optimisers and the attainment function", EMO 2001;
 * sweep as in Lopez-Ibanez, Paquete & Stutzle, "Exploratory analysis of
 * stochastic local search algorithms in biobjective optimization", 2010.
 * Sweep in x keeping each run's best y; the l-th surface steps down whenever
 * the l-th smallest best y decreases.
 * Complexity: O(N log N + G k log k), N points, G distinct x values, k runs.
 * Points come back in the user's directions, ordered along the staircase.
 * No runs: empty result. A run with no points never attains anything.
 */
import { argsortLex, iota } from "./argsort";
import { directionSigns, toMinimization } from "./to-minimization";
import type { DirectionOptions, PointSet } from "./types";

export interface AttainmentSurface {
  /** fraction of runs that attain every point of this surface */
  level: number;
  /** minimal points of the surface, in the user's directions */
  points: [number, number][];
}

export function empiricalAttainment2d(runs: readonly PointSet[], opts?: DirectionOptions): AttainmentSurface[] {
  const k = runs.length;
  if (k === 0) return [];
  const mats = runs.map((r) => toMinimization(r, opts, 2));
  let N = 0;
  for (const m of mats) {
    if (m.n > 0 && m.dim !== 2) throw new RangeError("empiricalAttainment2d needs 2 objectives");
    N += m.n;
  }
  const data = new Float64Array(N * 2);
  const runOf = new Int32Array(N);
  let w = 0;
  mats.forEach((m, r) => {
    for (let i = 0; i < m.n; i++, w++) {
      data[2 * w] = m.data[2 * i];
      data[2 * w + 1] = m.data[2 * i + 1];
      runOf[w] = r;
    }
  });
  const order = argsortLex(data, 2, iota(N), [0, 1]);
  // NaN = the run has attained nothing yet (typed-array sort puts NaN last),
  // so a point at y = Infinity still counts as attained
  const best = new Float64Array(k).fill(NaN);
  const sorted = new Float64Array(k);
  const prev = new Float64Array(k).fill(NaN);
  const surfaces: [number, number][][] = Array.from({ length: k }, () => []);
  const signs = directionSigns(2, opts);
  let t = 0;
  while (t < N) {
    const x = data[2 * order[t]];
    let changed = false;
    while (t < N && data[2 * order[t]] === x) {
      const i = order[t++];
      const y = data[2 * i + 1];
      const b = best[runOf[i]];
      if (y < b || b !== b) {
        best[runOf[i]] = y;
        changed = true;
      }
    }
    if (!changed) continue;
    sorted.set(best);
    sorted.sort();
    for (let l = 0; l < k; l++) {
      const v = sorted[l];
      if (v !== v) break; // fewer than l + 1 runs attain anything here
      if (v < prev[l] || prev[l] !== prev[l]) {
        prev[l] = v;
        surfaces[l].push([x * signs[0] + 0, v * signs[1] + 0]);
      }
    }
  }
  return surfaces.map((points, l) => ({ level: (l + 1) / k, points }));
}
