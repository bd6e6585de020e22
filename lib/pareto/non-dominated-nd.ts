/**
 * Non-dominated rows for d >= 4: lexicographic sort, exact duplicates
 * merged, then Kung's divide and conquer (non-dominated-kung.ts).
 * Complexity: O(n log^(d-2) n). Duplicate policy as in non-dominated-2d.ts.
 * Empty input: empty result. Order of the result: unspecified.
 */
import { argsortLex } from "./argsort";
import { KungMaxima } from "./non-dominated-kung";

export function nonDominatedNd(data: Float64Array, dim: number, rows: Int32Array, keepDuplicates: boolean): Int32Array {
  const n = rows.length;
  if (n === 0) return new Int32Array(0);
  const coords: number[] = [];
  for (let j = 0; j < dim; j++) coords.push(j);
  const order = argsortLex(data, dim, rows, coords);
  // unique rows, and for each position the position of its first copy
  const unique = new Int32Array(n);
  const groupStart = new Int32Array(n);
  const groupEnd = new Int32Array(n);
  let u = 0;
  let start = 0;
  for (let t = 0; t < n; t++) {
    if (t > 0 && !sameRow(data, dim, order[t - 1], order[t])) {
      groupEnd[u - 1] = t;
      start = t;
    }
    if (t === start) {
      groupStart[u] = t;
      unique[u++] = order[t];
    }
  }
  groupEnd[u - 1] = n;
  const kept = new KungMaxima(data, dim, unique.subarray(0, u)).run();
  if (!keepDuplicates) {
    const out = new Int32Array(kept.length);
    for (let t = 0; t < kept.length; t++) out[t] = unique[kept[t]];
    return out;
  }
  const out: number[] = [];
  for (let t = 0; t < kept.length; t++) {
    for (let s = groupStart[kept[t]]; s < groupEnd[kept[t]]; s++) out.push(order[s]);
  }
  return Int32Array.from(out);
}

function sameRow(data: Float64Array, dim: number, a: number, b: number): boolean {
  const oa = a * dim;
  const ob = b * dim;
  for (let j = 0; j < dim; j++) if (data[oa + j] !== data[ob + j]) return false;
  return true;
}
