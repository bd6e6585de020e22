/**
 * 2-D rows in (x, y, index) order, copied out as parallel arrays, for the
 * 2-D sweeps. A distribution (bucket) sort on x: one pass spreads the rows
 * into ~n/2 buckets by a monotone map of x onto [0, B), one pass moves
 * x, y and the row id into place, and each bucket is finished by insertion
 * sort (a bucket that is still large goes to argsortLex). The sweeps then read
 * memory in order instead of chasing row indices, which is where the time of
 * a 10^6-point sweep goes.
 * Complexity: O(n) expected on spread-out data, O(n log n) worst case.
 * Non-finite x or all-equal x fall back to argsortLex. Empty input: empty arrays.
 */
import { argsortLex } from "./argsort";

export interface Sorted2d {
  xs: Float64Array;
  ys: Float64Array;
  ids: Int32Array;
}

const SMALL = 2048;
const BUCKET_MAX = 48;

export function sortRows2d(data: Float64Array, rows: Int32Array): Sorted2d {
  const n = rows.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const ids = new Int32Array(n);
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < n; t++) {
    const x = data[2 * rows[t]];
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  if (n < SMALL || !(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    const order = argsortLex(data, 2, rows, [0, 1]);
    for (let t = 0; t < n; t++) {
      const i = order[t];
      xs[t] = data[2 * i];
      ys[t] = data[2 * i + 1];
      ids[t] = i;
    }
    return { xs, ys, ids };
  }
  const B = n >> 1;
  const scale = B / (hi - lo);
  const start = new Int32Array(B + 1);
  const bucket = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    let b = Math.floor((data[2 * rows[t]] - lo) * scale);
    if (b >= B) b = B - 1;
    bucket[t] = b;
    start[b + 1]++;
  }
  for (let b = 0; b < B; b++) start[b + 1] += start[b];
  const cursor = start.slice(0, B);
  // rows arrive in ascending position, so each bucket starts in row order
  for (let t = 0; t < n; t++) {
    const i = rows[t];
    const p = cursor[bucket[t]]++;
    xs[p] = data[2 * i];
    ys[p] = data[2 * i + 1];
    ids[p] = i;
  }
  for (let b = 0; b < B; b++) {
    const from = start[b];
    const to = start[b + 1];
    if (to - from < 2) continue;
    if (to - from <= BUCKET_MAX) insertionSort(xs, ys, ids, from, to);
    else sortBucket(data, xs, ys, ids, from, to);
  }
  return { xs, ys, ids };
}

function insertionSort(xs: Float64Array, ys: Float64Array, ids: Int32Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const x = xs[i];
    const y = ys[i];
    const id = ids[i];
    let j = i - 1;
    while (j >= from && (xs[j] > x || (xs[j] === x && (ys[j] > y || (ys[j] === y && ids[j] > id))))) {
      xs[j + 1] = xs[j];
      ys[j + 1] = ys[j];
      ids[j + 1] = ids[j];
      j--;
    }
    xs[j + 1] = x;
    ys[j + 1] = y;
    ids[j + 1] = id;
  }
}

function sortBucket(data: Float64Array, xs: Float64Array, ys: Float64Array, ids: Int32Array, from: number, to: number): void {
  const group = ids.slice(from, to).sort();
  const order = argsortLex(data, 2, group, [0, 1]);
  for (let t = 0; t < order.length; t++) {
    const i = order[t];
    xs[from + t] = data[2 * i];
    ys[from + t] = data[2 * i + 1];
    ids[from + t] = i;
  }
}
