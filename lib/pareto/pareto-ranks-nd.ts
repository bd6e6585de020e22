/**
 * Pareto front index of every row, any dimension (used for d >= 4), 1 = first.
 * Paper: Buzdalov & Shalyto, "A provably asymptotically fast version of the
 * generalized Jensen algorithm for non-dominated sorting", PPSN 2014
 * (Jensen-Fortin divide and conquer, corrected for ties).
 * Complexity: O(n log^(d-1) n).
 *
 * Rows are sorted lexicographically and exact duplicates merged (they share a
 * rank), so "comes earlier in the order and is <= in the remaining
 * objectives" means "dominates": objective 0 is carried by the order alone.
 * helperA(S, k) ranks S using objectives 1..k (S is equal in objectives > k);
 * helperB(L, H, k) raises ranks of H from the final ranks of L, where every
 * member of L is already known <= every member of H in objectives > k. Both
 * split on the median of objective k and keep their index ranges sorted on
 * exit, so no allocation happens during the recursion.
 * Empty input: nothing to do.
 */
import { selectKth } from "./select-kth";
import { argsortLex } from "./argsort";

const BRUTE_A = 12;
const BRUTE_B = 512;

export function paretoRanksNd(data: Float64Array, dim: number, rows: Int32Array, ranks: Int32Array): void {
  const n = rows.length;
  if (n === 0) return;
  const coords: number[] = [];
  for (let j = 0; j < dim; j++) coords.push(j);
  const order = argsortLex(data, dim, rows, coords);
  // merge exact duplicates
  const uniqueOf = new Int32Array(n);
  const firstRow: number[] = [];
  let u = -1;
  for (let t = 0; t < n; t++) {
    const i = order[t];
    let same = t > 0;
    if (same) {
      const a = order[t - 1] * dim;
      const b = i * dim;
      for (let j = 0; j < dim; j++) {
        if (data[a + j] !== data[b + j]) {
          same = false;
          break;
        }
      }
    }
    if (!same) {
      u++;
      firstRow.push(i);
    }
    uniqueOf[t] = u;
  }
  const U = u + 1;
  const sorter = new NdSorter(data, dim, firstRow, U);
  sorter.run();
  for (let t = 0; t < n; t++) ranks[order[t]] = sorter.rank[uniqueOf[t]] + 1;
}

class NdSorter {
  cols: Float64Array[] = [];
  rank: Int32Array;
  idx: Int32Array;
  tmp: Int32Array;
  vals: Float64Array;
  ty: Float64Array;
  tr: Int32Array;
  tsize = 0;
  n: number;
  dim: number;

  constructor(data: Float64Array, dim: number, firstRow: number[], U: number) {
    this.n = U;
    this.dim = dim;
    for (let j = 0; j < dim; j++) {
      const c = new Float64Array(U);
      for (let t = 0; t < U; t++) c[t] = data[firstRow[t] * dim + j];
      this.cols.push(c);
    }
    this.rank = new Int32Array(U);
    this.idx = new Int32Array(U);
    for (let t = 0; t < U; t++) this.idx[t] = t;
    this.tmp = new Int32Array(U);
    this.vals = new Float64Array(U);
    this.ty = new Float64Array(U + 1);
    this.tr = new Int32Array(U + 1);
  }

  run(): void {
    if (this.dim === 1) {
      // distinct values after merging: each one dominates the next
      for (let t = 0; t < this.n; t++) this.rank[t] = t;
      return;
    }
    this.helperA(0, this.n, this.dim - 1);
  }

  le(a: number, b: number, k: number): boolean {
    const cols = this.cols;
    for (let j = 1; j <= k; j++) {
      const c = cols[j];
      if (c[a] > c[b]) return false;
    }
    return true;
  }

  helperA(from: number, to: number, k: number): void {
    const size = to - from;
    if (size < 2) return;
    const idx = this.idx;
    const rank = this.rank;
    if (size <= BRUTE_A) {
      for (let q = from + 1; q < to; q++) {
        const b = idx[q];
        let r = rank[b];
        for (let p = from; p < q; p++) {
          const a = idx[p];
          if (rank[a] >= r && this.le(a, b, k)) r = rank[a] + 1;
        }
        rank[b] = r;
      }
      return;
    }
    if (k === 1) {
      this.sweepA(from, to);
      return;
    }
    const col = this.cols[k];
    let mn = Infinity;
    let mx = -Infinity;
    for (let t = from; t < to; t++) {
      const v = col[idx[t]];
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    if (mn === mx) {
      this.helperA(from, to, k - 1);
      return;
    }
    const m = this.median(col, from, to, to, to);
    const lEnd = this.partition(col, from, to, m);
    const mEnd = this.pEnd;
    this.helperA(from, lEnd, k);
    this.helperB(from, lEnd, lEnd, mEnd, k - 1);
    this.helperA(lEnd, mEnd, k - 1);
    this.merge(from, lEnd, mEnd);
    this.helperB(from, mEnd, mEnd, to, k - 1);
    this.helperA(mEnd, to, k);
    this.merge(from, mEnd, to);
  }

  helperB(lf: number, lt: number, hf: number, ht: number, k: number): void {
    const nl = lt - lf;
    const nh = ht - hf;
    if (nl <= 0 || nh <= 0) return;
    const idx = this.idx;
    const rank = this.rank;
    if (nl * nh <= BRUTE_B || nl === 1 || nh === 1) {
      for (let q = hf; q < ht; q++) {
        const b = idx[q];
        let r = rank[b];
        for (let p = lf; p < lt; p++) {
          const a = idx[p];
          if (a > b) break;
          if (rank[a] >= r && this.le(a, b, k)) r = rank[a] + 1;
        }
        rank[b] = r;
      }
      return;
    }
    if (k === 1) {
      this.sweepB(lf, lt, hf, ht);
      return;
    }
    const col = this.cols[k];
    let lmin = Infinity;
    let lmax = -Infinity;
    for (let t = lf; t < lt; t++) {
      const v = col[idx[t]];
      if (v < lmin) lmin = v;
      if (v > lmax) lmax = v;
    }
    let hmin = Infinity;
    let hmax = -Infinity;
    for (let t = hf; t < ht; t++) {
      const v = col[idx[t]];
      if (v < hmin) hmin = v;
      if (v > hmax) hmax = v;
    }
    if (lmax <= hmin) {
      this.helperB(lf, lt, hf, ht, k - 1);
      return;
    }
    if (lmin > hmax) return;
    const m = this.median(col, lf, lt, hf, ht);
    const l1 = this.partition(col, lf, lt, m);
    const l2 = this.pEnd;
    const h1 = this.partition(col, hf, ht, m);
    const h2 = this.pEnd;
    this.helperB(lf, l1, hf, h1, k);
    this.helperB(lf, l1, h1, h2, k - 1);
    this.helperB(l1, l2, h1, h2, k - 1);
    this.merge(lf, l1, l2);
    this.helperB(lf, l2, h2, ht, k - 1);
    this.helperB(l2, lt, h2, ht, k);
    this.merge(lf, l2, lt);
    this.merge(hf, h1, h2);
    this.merge(hf, h2, ht);
  }

  /** Median value of col over idx[a0..a1) and idx[b0..b1). */
  median(col: Float64Array, a0: number, a1: number, b0: number, b1: number): number {
    const vals = this.vals;
    const idx = this.idx;
    // a sample of ~32 values is enough for a balanced split: any value of
    // the ranges is a correct split point
    const na = a1 - a0;
    const total = na + (b1 - b0);
    const step = total > 64 ? Math.floor(total / 31) : 1;
    let s = 0;
    for (let t = 0; t < total; t += step) vals[s++] = col[t < na ? idx[a0 + t] : idx[b0 + t - na]];
    return selectKth(vals, s, s >>> 1);
  }

  pEnd = 0;
  /** Stable 3-way partition of idx[from..to) by col vs m; returns end of "<", sets pEnd = end of "==". */
  partition(col: Float64Array, from: number, to: number, m: number): number {
    const idx = this.idx;
    const tmp = this.tmp;
    let w = from;
    let nEq = 0;
    let nGt = 0;
    for (let t = from; t < to; t++) {
      const v = col[idx[t]];
      if (v < m) idx[w++] = idx[t];
      else if (v === m) tmp[from + nEq++] = idx[t];
      else tmp[to - 1 - nGt++] = idx[t];
    }
    const lEnd = w;
    for (let t = 0; t < nEq; t++) idx[w++] = tmp[from + t];
    this.pEnd = w;
    for (let t = 0; t < nGt; t++) idx[w++] = tmp[to - 1 - t];
    return lEnd;
  }

  /** Merge sorted idx[a..b) and idx[b..c) in place. */
  merge(a: number, b: number, c: number): void {
    if (a >= b || b >= c) return;
    const idx = this.idx;
    if (idx[b - 1] < idx[b]) return;
    const tmp = this.tmp;
    for (let t = a; t < b; t++) tmp[t] = idx[t];
    let i = a;
    let j = b;
    let w = a;
    while (i < b && j < c) {
      if (tmp[i] < idx[j]) idx[w++] = tmp[i++];
      else idx[w++] = idx[j++];
    }
    while (i < b) idx[w++] = tmp[i++];
  }

  /** Insert (y, r) into the (y ascending, rank ascending) staircase. */
  tInsert(y: number, r: number): void {
    const ty = this.ty;
    const tr = this.tr;
    let size = this.tsize;
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ty[mid] <= y) lo = mid + 1;
      else hi = mid;
    }
    let pos = lo;
    if (pos > 0 && tr[pos - 1] >= r) return;
    let start = pos;
    if (pos > 0 && ty[pos - 1] === y) start = pos - 1;
    let end = pos;
    while (end < size && tr[end] <= r) end++;
    const removed = end - start;
    if (removed === 0) {
      ty.copyWithin(start + 1, start, size);
      tr.copyWithin(start + 1, start, size);
      size++;
    } else if (removed > 1) {
      ty.copyWithin(start + 1, end, size);
      tr.copyWithin(start + 1, end, size);
      size -= removed - 1;
    }
    ty[start] = y;
    tr[start] = r;
    this.tsize = size;
  }

  /** Highest rank in the staircase among y' <= y, or -1. */
  tQuery(y: number): number {
    const ty = this.ty;
    let lo = 0;
    let hi = this.tsize;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ty[mid] <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? this.tr[lo - 1] : -1;
  }

  sweepA(from: number, to: number): void {
    const idx = this.idx;
    const rank = this.rank;
    const col = this.cols[1];
    this.tsize = 0;
    for (let t = from; t < to; t++) {
      const p = idx[t];
      const y = col[p];
      const q = this.tQuery(y);
      if (q >= rank[p]) rank[p] = q + 1;
      this.tInsert(y, rank[p]);
    }
  }

  sweepB(lf: number, lt: number, hf: number, ht: number): void {
    const idx = this.idx;
    const rank = this.rank;
    const col = this.cols[1];
    this.tsize = 0;
    let i = lf;
    for (let t = hf; t < ht; t++) {
      const h = idx[t];
      while (i < lt && idx[i] < h) {
        const l = idx[i++];
        this.tInsert(col[l], rank[l]);
      }
      const q = this.tQuery(col[h]);
      if (q >= rank[h]) rank[h] = q + 1;
    }
  }
}
