/**
 * NSGA-II crowding distance of every point within the given set (the caller
 * passes one front).
 * Paper: Deb, Pratap, Agarwal & Meyarivan, "A fast and elitist
 * multiobjective genetic algorithm: NSGA-II", IEEE TEC 2002.
 * Per objective the points are sorted (ties by index); the first and last
 * get Infinity and interior points add (next - previous) / (max - min).
 * An objective with max == min adds nothing. n <= 2: all Infinity.
 * Directions do not change the result (the measure is symmetric).
 * Complexity: O(d n log n). Empty input: empty result.
 */
import { argsortLex, iota } from "./argsort";
import { toMinimization } from "./to-minimization";
import type { DirectionOptions, PointSet } from "./types";

export function crowdingDistance(points: PointSet, opts?: DirectionOptions): Float64Array {
  const { data, n, dim } = toMinimization(points, opts);
  const dist = new Float64Array(n);
  if (n <= 2) return dist.fill(Infinity);
  const rows = iota(n);
  for (let j = 0; j < dim; j++) {
    const order = argsortLex(data, dim, rows, [j]);
    const lo = data[order[0] * dim + j];
    const hi = data[order[n - 1] * dim + j];
    dist[order[0]] = Infinity;
    dist[order[n - 1]] = Infinity;
    if (!(hi > lo)) continue;
    const span = hi - lo;
    for (let t = 1; t < n - 1; t++) {
      dist[order[t]] += (data[order[t + 1] * dim + j] - data[order[t - 1] * dim + j]) / span;
    }
  }
  return dist;
}
