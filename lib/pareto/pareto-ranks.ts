/**
 * paretoRanks: the non-dominated front of every point, 1 = first front
 * (non-dominated sorting as in NSGA-II, computed without peeling).
 * Dispatch: 1-D order statistics, 2-D sweep with binary search over front
 * tails (O(n log n)), 3-D sweep with one staircase per front
 * (O(n log n log F)), d >= 4 fronts peeled by Kung's algorithm while they
 * are few (O(F n log^(d-2) n)), the rest by Jensen-Fortin-Buzdalov divide
 * and conquer (O(n log^(d-1) n)). The Kung peels run on WebAssembly when
 * its module loads (`engine` forces one; same ranks).
 * Exact duplicates share a rank. Empty input: empty result.
 */
import { argsortLex, iota } from "./argsort";
import type { EngineOptions } from "./engine";
import { paretoRanks2d } from "./pareto-ranks-2d";
import { paretoRanks3d } from "./pareto-ranks-3d";
import { paretoRanksNd } from "./pareto-ranks-nd";
import { peelFronts } from "./pareto-ranks-peel";
import { readMinimization } from "./to-minimization";
import type { DirectionOptions, PointSet } from "./types";

export type ParetoRanksOptions = DirectionOptions & EngineOptions;

export function paretoRanks(points: PointSet, opts?: ParetoRanksOptions): Int32Array {
  const { data, n, dim } = readMinimization(points, opts);
  return paretoRanksRows(data, dim, n, opts);
}

/** `engine` applies to d >= 4 (the Kung peels). */
export function paretoRanksRows(data: Float64Array, dim: number, n: number, opts?: EngineOptions): Int32Array {
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
    // Fronts peeled one by one by Kung's algorithm (as moocore does), each costing about one
    // nonDominated of the rows left; once the peels have visited PEEL_WORK * n rows (many
    // fronts), the rest by divide and conquer, ranks offset by the fronts peeled. Sets that
    // are (nearly) one front cost about one nonDominated.
    const { peeled, rest } = peelFronts(data, dim, rows, ranks, PEEL_WORK * n, opts?.engine);
    if (rest.length > 0) {
      paretoRanksNd(data, dim, rest, ranks);
      for (let t = 0; t < rest.length; t++) ranks[rest[t]] += peeled;
    }
  }
  return ranks;
}

/** Rows peeled by Kung's algorithm, at most this many times n in all, before divide and conquer takes over. */
const PEEL_WORK = 32;
