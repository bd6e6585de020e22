/**
 * paretoRanks: the non-dominated front of every point, 1 = first front
 * (non-dominated sorting as in NSGA-II, computed without peeling).
 * Dispatch: 1-D order statistics, 2-D sweep with binary search over front
 * tails (O(n log n)), 3-D sweep with one staircase per front
 * (O(n log n log F)), d >= 4 the first front by Kung's algorithm and the
 * rest by Jensen-Fortin-Buzdalov divide and conquer (O(n log^(d-1) n)).
 * Exact duplicates share a rank. Empty input: empty result.
 */
import { argsortLex, iota } from "./argsort";
import { paretoRanks2d } from "./pareto-ranks-2d";
import { paretoRanks3d } from "./pareto-ranks-3d";
import { nonDominatedRows } from "./non-dominated";
import { paretoRanksNd } from "./pareto-ranks-nd";
import { toMinimization } from "./to-minimization";
import type { DirectionOptions, PointSet } from "./types";

export function paretoRanks(points: PointSet, opts?: DirectionOptions): Int32Array {
  const { data, n, dim } = toMinimization(points, opts);
  return paretoRanksRows(data, dim, n);
}

export function paretoRanksRows(data: Float64Array, dim: number, n: number): Int32Array {
  const ranks = new Int32Array(n);
  if (n === 0) return ranks;
  const rows = iota(n);
  if (dim === 1) {
    const order = argsortLex(data, 1, rows, [0]);
    let r = 0;
    for (let t = 0; t < n; t++) {
      if (t === 0 || data[order[t]] !== data[order[t - 1]]) r++;
      ranks[order[t]] = r;
    }
  } else if (dim === 2) paretoRanks2d(data, rows, ranks);
  else if (dim === 3) paretoRanks3d(data, rows, ranks);
  else {
    // First front by Kung's algorithm; the rest by divide and conquer, one
    // rank lower (removing the first front lowers every other rank by one).
    // On sets that are (nearly) one front this costs about one nonDominated.
    const first = nonDominatedRows(data, dim, rows, true);
    const inFirst = new Uint8Array(n);
    for (let t = 0; t < first.length; t++) inFirst[first[t]] = 1;
    const rest = new Int32Array(n - first.length);
    for (let i = 0, w = 0; i < n; i++) if (!inFirst[i]) rest[w++] = i;
    paretoRanksNd(data, dim, rest, ranks);
    for (let i = 0; i < n; i++) ranks[i] = inFirst[i] ? 1 : ranks[i] + 1;
  }
  return ranks;
}
