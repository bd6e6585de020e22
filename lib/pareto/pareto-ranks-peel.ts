/**
 * The first fronts of a d >= 4 set, peeled one by one by Kung's algorithm
 * (non-dominated-kung.ts), as moocore's pareto_rank does for d > 3.
 * The rows are sorted lexicographically and their exact copies grouped once;
 * every peel then runs on the rows left, still in that order, through the
 * same columns (no sort or copy per front). Before each peel the row of least
 * coordinate sum among those left (always in the front) drops the rows it
 * dominates, which are not in this front (prefilter.ts, per front).
 * Complexity: O(n log n) for the sort, then O(m log^(d-2) m) a front for the
 * m rows left. Peeling stops once the peels have visited `budget` rows in all.
 * Kung's recursion runs on WebAssembly when its module loads (`engine` forces one).
 * Exact copies share a rank. Writes ranks 1..peeled into `ranks`; returns the
 * number of fronts peeled and the rows (ids, with all their copies) left.
 */
import type { Engine } from "./engine";
import { kungMaxima } from "./non-dominated-kung-wasm";
import { sortedCopies } from "./non-dominated-nd";

export interface Peeled {
  peeled: number;
  rest: Int32Array;
}

export function peelFronts(data: Float64Array, dim: number, rows: Int32Array, ranks: Int32Array, budget: number, engine?: Engine): Peeled {
  const n = rows.length;
  const { order, unique, groupStart, groupEnd, u } = sortedCopies(data, dim, rows);
  const kung = kungMaxima(data, dim, unique.subarray(0, u), engine, "paretoRanks");
  const sums = rowSums(data, dim, unique, u);
  // positions (into the sorted unique rows) still unranked, ascending
  const live = new Int32Array(u);
  for (let t = 0; t < u; t++) live[t] = t;
  const cand = new Int32Array(u);
  const rank = new Int32Array(u);
  let len = u;
  let peeled = 0;
  let work = 0;
  while (len > 0 && work <= budget) {
    work += len;
    peeled++;
    const m = notDominatedByLeastSum(data, dim, unique, sums, live, len, cand);
    const end = kung.runOn(cand, m);
    len = removeFront(kung.found, end, live, len, rank, peeled);
  }
  for (let g = 0; g < u; g++) {
    if (rank[g] === 0) continue;
    for (let s = groupStart[g]; s < groupEnd[g]; s++) ranks[order[s]] = rank[g];
  }
  let left = 0;
  for (let t = 0; t < len; t++) left += groupEnd[live[t]] - groupStart[live[t]];
  const rest = new Int32Array(left);
  for (let t = 0, w = 0; t < len; t++) {
    for (let s = groupStart[live[t]]; s < groupEnd[live[t]]; s++) rest[w++] = order[s];
  }
  return { peeled, rest };
}

function rowSums(data: Float64Array, dim: number, unique: Int32Array, u: number): Float64Array {
  const sums = new Float64Array(u);
  for (let g = 0; g < u; g++) {
    const o = unique[g] * dim;
    let s = 0;
    for (let j = 0; j < dim; j++) s += data[o + j];
    sums[g] = s;
  }
  return sums;
}

/**
 * cand = the positions of live[0..len) (same order) that the one of least sum does not
 * dominate; returns their number. That one is in the front (a row dominating it would have
 * a smaller sum) and the rows it dominates are not; rows are unique, so no ties to keep.
 */
function notDominatedByLeastSum(
  data: Float64Array,
  dim: number,
  unique: Int32Array,
  sums: Float64Array,
  live: Int32Array,
  len: number,
  cand: Int32Array,
): number {
  let best = live[0];
  for (let t = 1; t < len; t++) if (sums[live[t]] < sums[best]) best = live[t];
  const b = unique[best] * dim;
  let m = 0;
  for (let t = 0; t < len; t++) {
    const g = live[t];
    const o = unique[g] * dim;
    let le = true;
    for (let j = 0; j < dim; j++) {
      if (data[b + j] > data[o + j]) {
        le = false;
        break;
      }
    }
    // le and not the same row: best dominates g (unique rows differ somewhere)
    if (!le || g === best) cand[m++] = g;
  }
  return m;
}

/** Rank the front found[0..end) and drop it from live[0..len) (order kept); returns the new length. */
function removeFront(found: Int32Array, end: number, live: Int32Array, len: number, rank: Int32Array, front: number): number {
  for (let t = 0; t < end; t++) rank[found[t]] = front;
  let w = 0;
  for (let t = 0; t < len; t++) if (rank[live[t]] === 0) live[w++] = live[t];
  return w;
}
