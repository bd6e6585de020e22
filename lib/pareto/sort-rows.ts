/**
 * Rows in lexicographic order of `coords` (ties by row index), copied out
 * row-major together with their ids, for the 2-D and 3-D sweeps.
 * A distribution (bucket) sort on the first key: one pass spreads the rows
 * into ~n/4 buckets by a monotone map of the key onto [0, B), one pass moves
 * every row into place, and each bucket is finished by insertion sort (a
 * bucket that is still large goes to argsortLex). The sweeps then read memory
 * in order instead of chasing row indices, which is where the time of a
 * 10^6-point sweep goes.
 * Complexity: O(n d) expected on spread-out keys, O(n log n) worst case.
 * Non-finite or all-equal keys fall back to argsortLex. Empty input: empty arrays.
 */
import { argsortLex } from "./argsort";

export interface SortedRows {
  /** row-major values of the rows in order (all `dim` coordinates) */
  values: Float64Array;
  ids: Int32Array;
}

const SMALL = 2048;
const BUCKET_MAX = 48;

export function sortRows(data: Float64Array, dim: number, rows: Int32Array, coords: readonly number[]): SortedRows {
  const n = rows.length;
  const values = new Float64Array(n * dim);
  const ids = new Int32Array(n);
  const c0 = coords[0];
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < n; t++) {
    const x = data[rows[t] * dim + c0];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (n < SMALL || !(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    const order = argsortLex(data, dim, rows, coords);
    gather(data, dim, order, 0, values, ids);
    return { values, ids };
  }
  const B = n >> 2;
  const scale = B / (hi - lo);
  const start = new Int32Array(B + 1);
  const bucket = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    let b = Math.floor((data[rows[t] * dim + c0] - lo) * scale);
    if (b >= B) b = B - 1;
    bucket[t] = b;
    start[b + 1]++;
  }
  for (let b = 0; b < B; b++) start[b + 1] += start[b];
  const cursor = start.slice(0, B);
  for (let t = 0; t < n; t++) {
    const i = rows[t];
    const p = cursor[bucket[t]]++;
    const o = i * dim;
    const w = p * dim;
    for (let j = 0; j < dim; j++) values[w + j] = data[o + j];
    ids[p] = i;
  }
  const row = new Float64Array(dim);
  for (let b = 0; b < B; b++) {
    const from = start[b];
    const to = start[b + 1];
    if (to - from < 2) continue;
    if (to - from <= BUCKET_MAX) insertionSort(values, ids, dim, coords, from, to, row);
    else {
      const group = ids.slice(from, to).sort();
      gather(data, dim, argsortLex(data, dim, group, coords), from, values, ids);
    }
  }
  return { values, ids };
}

function gather(data: Float64Array, dim: number, order: Int32Array, at: number, values: Float64Array, ids: Int32Array): void {
  for (let t = 0; t < order.length; t++) {
    const i = order[t];
    const w = (at + t) * dim;
    for (let j = 0; j < dim; j++) values[w + j] = data[i * dim + j];
    ids[at + t] = i;
  }
}

/** Is row a (values at a*dim, id ia) after row b in the order? */
function after(values: Float64Array, dim: number, coords: readonly number[], a: number, ia: number, b: Float64Array, ib: number): boolean {
  for (let k = 0; k < coords.length; k++) {
    const x = values[a * dim + coords[k]];
    const y = b[coords[k]];
    if (x > y) return true;
    if (x < y) return false;
  }
  return ia > ib;
}

function insertionSort(values: Float64Array, ids: Int32Array, dim: number, coords: readonly number[], from: number, to: number, row: Float64Array): void {
  for (let i = from + 1; i < to; i++) {
    for (let j = 0; j < dim; j++) row[j] = values[i * dim + j];
    const id = ids[i];
    let k = i - 1;
    while (k >= from && after(values, dim, coords, k, ids[k], row, id)) {
      for (let j = 0; j < dim; j++) values[(k + 1) * dim + j] = values[k * dim + j];
      ids[k + 1] = ids[k];
      k--;
    }
    for (let j = 0; j < dim; j++) values[(k + 1) * dim + j] = row[j];
    ids[k + 1] = id;
  }
}
