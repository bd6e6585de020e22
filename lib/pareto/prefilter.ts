/**
 * Cheap linear pre-pass used before the exact algorithms: pick the row with
 * the smallest coordinate sum (it is always non-dominated or a duplicate of
 * one) and drop every row it strictly dominates. Exact: a dropped row is
 * dominated, so it is never in the non-dominated set and never adds
 * hypervolume. On uniform random data it removes nearly everything (the
 * survivors of 10^6 random 2-D points number a few thousand), which is why
 * moocore-level speed on `random` inputs is reachable in JavaScript; on
 * mutually non-dominated inputs it costs one O(n d) pass for the sums and a
 * probe of 32 rows (the filtering pass is skipped when the probe drops none).
 */
export function dropDominatedByBest(data: Float64Array, dim: number, rows: Int32Array): Int32Array {
  const n = rows.length;
  if (n < 64) return rows;
  const best = leastSumRow(data, dim, rows);
  if (best < 0) return rows;
  // On sets that are (nearly) one front the best row dominates almost nothing and the full
  // pass is wasted: when it dominates none of the first PROBE rows, skip it. Either way the
  // result is exact (the pass only drops rows that cannot matter).
  if (!dominatesAny(data, dim, rows, best, PROBE)) return rows;
  const out = new Int32Array(n);
  const m = keepNotDominatedBy(data, dim, rows, best, out);
  return m === n ? rows : out.slice(0, m);
}

// The loops live in functions that end right after them: code that runs once after a hot
// loop has no type feedback when V8 compiles the loop on stack (OSR), and the cached OSR code
// then deoptimized on every call.

function leastSumRow(data: Float64Array, dim: number, rows: Int32Array): number {
  let best = -1;
  let bestSum = Infinity;
  for (let t = 0; t < rows.length; t++) {
    const o = rows[t] * dim;
    let s = 0;
    for (let j = 0; j < dim; j++) s += data[o + j];
    if (s < bestSum) {
      bestSum = s;
      best = rows[t];
    }
  }
  return best;
}

/** Rows probed before the full pass of dropDominatedByBest. */
const PROBE = 32;

/** Does `best` strictly dominate one of rows[0..count)? */
function dominatesAny(data: Float64Array, dim: number, rows: Int32Array, best: number, count: number): boolean {
  for (let t = 0; t < count; t++) if (strictlyDominates(data, dim, best, rows[t])) return true;
  return false;
}

/** out = the rows `best` does not strictly dominate; returns their number. */
function keepNotDominatedBy(data: Float64Array, dim: number, rows: Int32Array, best: number, out: Int32Array): number {
  let m = 0;
  for (let t = 0; t < rows.length; t++) if (!strictlyDominates(data, dim, best, rows[t])) out[m++] = rows[t];
  return m;
}

/** Row a ≤ row b in every objective and < in one (minimization). */
function strictlyDominates(data: Float64Array, dim: number, a: number, b: number): boolean {
  const oa = a * dim;
  const ob = b * dim;
  let strict = false;
  for (let j = 0; j < dim; j++) {
    const v = data[oa + j];
    const w = data[ob + j];
    if (v > w) return false;
    if (v < w) strict = true;
  }
  return strict;
}

/** Rows strictly below the reference point in every coordinate. */
export function rowsInsideReference(data: Float64Array, dim: number, n: number, ref: Float64Array): Int32Array {
  const out = new Int32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const o = i * dim;
    let inside = true;
    for (let j = 0; j < dim; j++) {
      if (!(data[o + j] < ref[j])) {
        inside = false;
        break;
      }
    }
    if (inside) out[m++] = i;
  }
  return m === n ? out : out.slice(0, m);
}
