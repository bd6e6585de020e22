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
import { argsortLex, fillKeys, fixGroup, positionMask } from "./argsort";

export interface SortedRows {
  /** row-major values of the rows in order (all `dim` coordinates) */
  values: Float64Array;
  ids: Int32Array;
}

const SMALL = 2048;
const BUCKET_MAX = 48;

export function sortRows(data: Float64Array, dim: number, rows: Int32Array, coords: readonly number[]): SortedRows {
  const n = rows.length;
  if (n < SMALL) return sortRowsByKeys(data, dim, rows, coords);
  const c0 = coords[0];
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < n; t++) {
    const x = data[rows[t] * dim + c0];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return sortRowsByKeys(data, dim, rows, coords);
  const values = new Float64Array(n * dim);
  const ids = new Int32Array(n);
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

/**
 * argsortLex's sort (the same keys, the same native sort, the same exact re-sort of equal keys, so the same order),
 * its scan writing the rows out directly; values, ids and the keys share one buffer (each typed array of its own costs
 * microseconds, which is what a call on a thousand rows is made of).
 */
function sortRowsByKeys(data: Float64Array, dim: number, rows: Int32Array, coords: readonly number[]): SortedRows {
  const n = rows.length;
  const buffer = new ArrayBuffer(8 * n * dim + 8 * n + 4 * n);
  const values = new Float64Array(buffer, 0, n * dim);
  const keys = new BigUint64Array(buffer, 8 * n * dim, n);
  const ids = new Int32Array(buffer, 8 * n * dim + 8 * n, n);
  if (n < 2) {
    if (n === 1) gather(data, dim, rows, 0, values, ids);
    return { values, ids };
  }
  const words = new Uint32Array(buffer, 8 * n * dim, 2 * n);
  const mask = positionMask(n);
  const keep = ~mask >>> 0;
  // read the doubles' words in place (little-endian, like every JS engine host)
  fillKeys(words, new Uint32Array(data.buffer, data.byteOffset, data.length * 2), rows, dim, coords[0], keep);
  keys.sort();
  scanGather(data, dim, rows, coords, words, mask, keep, values, ids);
  return { values, ids };
}

/** ids, values = rows in key order; runs of equal truncated keys re-sorted exactly (argsortLex's scanGroups, writing rows). */
function scanGather(
  data: Float64Array,
  dim: number,
  rows: Int32Array,
  coords: readonly number[],
  words: Uint32Array,
  mask: number,
  keep: number,
  values: Float64Array,
  ids: Int32Array,
): void {
  const n = rows.length;
  let prevHi = -1;
  let prevLo = -1;
  let groupStart = 0;
  for (let i = 0; i <= n; i++) {
    let hi = -2;
    let loKey = -2;
    if (i < n) {
      const lo = words[2 * i];
      hi = words[2 * i + 1];
      const r = rows[lo & mask];
      ids[i] = r;
      for (let j = 0; j < dim; j++) values[i * dim + j] = data[r * dim + j];
      loKey = (lo & keep) >>> 0;
    }
    if (hi !== prevHi || loKey !== prevLo) {
      if (i - groupStart > 1) {
        fixGroup(ids, groupStart, i, data, dim, coords);
        gather(data, dim, ids.subarray(groupStart, i), groupStart, values, ids);
      }
      groupStart = i;
      prevHi = hi;
      prevLo = loKey;
    }
  }
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
