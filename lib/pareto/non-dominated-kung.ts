/**
 * Non-dominated rows for any dimension (used for d >= 4).
 * Paper: Kung, Luccio & Preparata, "On finding the maxima of a set of
 * vectors", JACM 1975 (the d-dimensional divide and conquer), as also used by
 * moocore for d > 3.
 * Complexity: O(n log^(d-2) n) for d >= 4 (after the O(n log n) sort).
 *
 * maxima(S): rows sorted lexicographically and free of exact duplicates are
 * split into an earlier and a later half; both are reduced recursively and
 * then every survivor of the later half that some survivor of the earlier
 * half dominates is removed. Because the earlier half precedes the later one
 * in objective 0, that filter works on objectives 1..d-1 only: it splits on
 * the median of the highest remaining objective; with objectives 1..3 left
 * it is one merge-sweep with a 2-D staircase (objectives 2, 3), because every
 * range is kept sorted by objective 1 (stable partitions, merges to restore
 * order), which is what gives Kung's O(n log^(d-2) n) bound.
 * Empty input: empty result. Duplicates are handled by the caller.
 */
import { selectKth } from "./select-kth";
import { Staircase2D } from "./staircase-2d";

const LEAF = 32;
const BRUTE = 1024;

/** Kung's maxima over one sorted, duplicate-free row set: this class, or its WebAssembly twin (kung-wasm.ts). */
export interface Maxima {
  /** Positions (into the sorted input) of the non-dominated rows, unordered. */
  run(): Int32Array;
  /** The maxima of positions[0..len) (ascending), left in `found[0..end)`; returns end. */
  runOn(positions: Int32Array, len: number): number;
  readonly found: Int32Array;
}

export class KungMaxima implements Maxima {
  private readonly cols: Float64Array[] = [];
  private readonly dead: Uint8Array;
  private readonly arr: Int32Array;
  private readonly tmp: Int32Array;
  private readonly vals: Float64Array;
  private readonly st = new Staircase2D(64);

  /** `sortedUnique`: row ids sorted lexicographically, no exact duplicates; dim >= 3. */
  constructor(
    data: Float64Array,
    private readonly dim: number,
    sortedUnique: Int32Array,
  ) {
    const n = sortedUnique.length;
    for (let j = 0; j < dim; j++) {
      const c = new Float64Array(n);
      for (let t = 0; t < n; t++) c[t] = data[sortedUnique[t] * dim + j];
      this.cols.push(c);
    }
    this.dead = new Uint8Array(n);
    this.arr = new Int32Array(n);
    this.tmp = new Int32Array(n);
    for (let t = 0; t < n; t++) this.arr[t] = t;
    this.vals = new Float64Array(n);
  }

  /** Positions (into the sorted input) of the non-dominated rows, unordered. */
  run(): Int32Array {
    const end = this.maxima(0, this.arr.length);
    return this.arr.slice(0, end);
  }

  /**
   * The maxima of a subset: `positions[0..len)` ascending (so in the input's lexicographic
   * order). Leaves them in `found[0..end)` (unordered) and returns end. The same columns
   * serve every subset, which is how the peels of paretoRanks share one sort.
   */
  runOn(positions: Int32Array, len: number): number {
    const arr = this.arr;
    const dead = this.dead;
    for (let t = 0; t < len; t++) {
      const x = positions[t];
      arr[t] = x;
      dead[x] = 0;
    }
    return this.maxima(0, len);
  }

  /** Where runOn leaves the maxima. */
  get found(): Int32Array {
    return this.arr;
  }

  private le(a: number, b: number, k: number): boolean {
    const cols = this.cols;
    for (let j = 1; j <= k; j++) if (cols[j][a] > cols[j][b]) return false;
    return true;
  }

  /**
   * Is some row of arr[from..to) <= row b in objectives 1..k? The brute-force step of the
   * leaves and of small filters; b's values and the columns are hoisted for k = 3 and 4
   * (4-D and 5-D), the cases the benchmarks hit most.
   */
  private anyLe(from: number, to: number, b: number, k: number): boolean {
    const arr = this.arr;
    const cols = this.cols;
    if (k === 4) {
      const c1 = cols[1];
      const c2 = cols[2];
      const c3 = cols[3];
      const c4 = cols[4];
      const b1 = c1[b];
      const b2 = c2[b];
      const b3 = c3[b];
      const b4 = c4[b];
      for (let s = from; s < to; s++) {
        const a = arr[s];
        if (c1[a] <= b1 && c2[a] <= b2 && c3[a] <= b3 && c4[a] <= b4) return true;
      }
      return false;
    }
    if (k === 3) {
      const c1 = cols[1];
      const c2 = cols[2];
      const c3 = cols[3];
      const b1 = c1[b];
      const b2 = c2[b];
      const b3 = c3[b];
      for (let s = from; s < to; s++) {
        const a = arr[s];
        if (c1[a] <= b1 && c2[a] <= b2 && c3[a] <= b3) return true;
      }
      return false;
    }
    for (let s = from; s < to; s++) if (this.le(arr[s], b, k)) return true;
    return false;
  }

  /**
   * anyLe when arr[from..to) is sorted by objective 1 (the ranges of filter): the scan stops
   * at the first row above b in objective 1, since no later row can be <= b.
   */
  private anyLeSorted(from: number, to: number, b: number, k: number): boolean {
    const arr = this.arr;
    const cols = this.cols;
    const c1 = cols[1];
    const b1 = c1[b];
    if (k === 4) {
      const c2 = cols[2];
      const c3 = cols[3];
      const c4 = cols[4];
      const b2 = c2[b];
      const b3 = c3[b];
      const b4 = c4[b];
      for (let s = from; s < to; s++) {
        const a = arr[s];
        if (c1[a] > b1) return false;
        if (c2[a] <= b2 && c3[a] <= b3 && c4[a] <= b4) return true;
      }
      return false;
    }
    for (let s = from; s < to; s++) {
      const a = arr[s];
      if (c1[a] > b1) return false;
      if (this.le(a, b, k)) return true;
    }
    return false;
  }

  /**
   * Reduce arr[from..to) (in lexicographic order) to its maxima, compacted at
   * `from` and sorted by objective 1; returns the new end.
   */
  private maxima(from: number, to: number): number {
    const arr = this.arr;
    const dead = this.dead;
    const k = this.dim - 1;
    if (to - from <= LEAF) return this.leaf(from, to, k);
    const mid = (from + to) >>> 1;
    const e1 = this.maxima(from, mid);
    const e2 = this.maxima(mid, to);
    this.filter(from, e1, mid, e2, k);
    let w = e1;
    for (let t = mid; t < e2; t++) if (!dead[arr[t]]) arr[w++] = arr[t];
    this.merge(from, e1, w);
    return w;
  }

  /**
   * The brute-force maxima of a leaf arr[from..to) (lexicographic order, so only an earlier
   * row can dominate a later one): the rows kept so far stay sorted by objective 1 (stable),
   * so each new row is compared with the kept rows up to the first one above it in
   * objective 1 and, when none is <= it, inserted right there. Same rows and same order as
   * filtering first and insertion-sorting after; about half the comparisons.
   */
  private leaf(from: number, to: number, k: number): number {
    const arr = this.arr;
    const dead = this.dead;
    const cols = this.cols;
    const c1 = cols[1];
    let w = from;
    if (k === 4) {
      const c2 = cols[2];
      const c3 = cols[3];
      const c4 = cols[4];
      for (let t = from; t < to; t++) {
        const b = arr[t];
        const b1 = c1[b];
        const b2 = c2[b];
        const b3 = c3[b];
        const b4 = c4[b];
        let s = from;
        let dominated = false;
        for (; s < w; s++) {
          const a = arr[s];
          if (c1[a] > b1) break;
          if (c2[a] <= b2 && c3[a] <= b3 && c4[a] <= b4) {
            dominated = true;
            break;
          }
        }
        if (dominated) {
          dead[b] = 1;
          continue;
        }
        for (let r = w; r > s; r--) arr[r] = arr[r - 1];
        arr[s] = b;
        w++;
      }
      return w;
    }
    for (let t = from; t < to; t++) {
      const b = arr[t];
      const b1 = c1[b];
      let s = from;
      let dominated = false;
      for (; s < w; s++) {
        const a = arr[s];
        if (c1[a] > b1) break;
        if (this.le(a, b, k)) {
          dominated = true;
          break;
        }
      }
      if (dominated) {
        dead[b] = 1;
        continue;
      }
      for (let r = w; r > s; r--) arr[r] = arr[r - 1];
      arr[s] = b;
      w++;
    }
    return w;
  }

  /**
   * Mark rows of B = arr[bf..bt) dominated by a row of A = arr[af..at).
   * Every row of A is <= every row of B in objective 0 and in objectives > k.
   * Both ranges are sorted by objective 1 on entry and on exit.
   */
  private filter(af: number, at: number, bf: number, bt: number, k: number): void {
    const na = at - af;
    const nb = bt - bf;
    if (na <= 0 || nb <= 0) return;
    const arr = this.arr;
    const dead = this.dead;
    if (k === 3) {
      // merge-sweep in objective 1 with a staircase of A over objectives 2, 3
      const c1 = this.cols[1];
      const c2 = this.cols[2];
      const c3 = this.cols[3];
      const st = this.st;
      st.clear();
      let i = af;
      for (let t = bf; t < bt; t++) {
        const b = arr[t];
        const key = c1[b];
        while (i < at && c1[arr[i]] <= key) {
          const a = arr[i++];
          if (!st.weaklyDominates(c2[a], c3[a])) st.insert(c2[a], c3[a], a, -Infinity, -Infinity);
        }
        if (st.size > 0 && st.weaklyDominates(c2[b], c3[b])) dead[b] = 1;
      }
      return;
    }
    if (k === 2) {
      // merge-sweep in objective 1 (A first on ties), smallest objective 2 of A so far
      const c1 = this.cols[1];
      const c2 = this.cols[2];
      let mn = Infinity;
      let i = af;
      for (let t = bf; t < bt; t++) {
        const b = arr[t];
        const key = c1[b];
        while (i < at && c1[arr[i]] <= key) {
          const v = c2[arr[i++]];
          if (v < mn) mn = v;
        }
        if (c2[b] >= mn) dead[b] = 1;
      }
      return;
    }
    if (na * nb <= BRUTE) {
      for (let t = bf; t < bt; t++) {
        const b = arr[t];
        if (dead[b]) continue;
        if (this.anyLeSorted(af, at, b, k)) dead[b] = 1;
      }
      return;
    }
    const col = this.cols[k];
    let amin = Infinity;
    let amax = -Infinity;
    for (let t = af; t < at; t++) {
      const v = col[arr[t]];
      if (v < amin) amin = v;
      if (v > amax) amax = v;
    }
    let bmin = Infinity;
    let bmax = -Infinity;
    let alive = 0;
    for (let t = bf; t < bt; t++) {
      const b = arr[t];
      if (dead[b]) continue;
      alive++;
      const v = col[b];
      if (v < bmin) bmin = v;
      if (v > bmax) bmax = v;
    }
    if (alive === 0 || amin > bmax) return;
    if (amax <= bmin) {
      this.filter(af, at, bf, bt, k - 1);
      return;
    }
    const m = this.median(col, af, at, bf, bt);
    // A -> [A1 (<m) | A2 (=m) | A3 (>m)], B -> [B3 (>m) | B2 (=m) | B1 (<m)], each sorted
    const a1 = this.partition(col, af, at, m, false);
    const a2 = this.pMid;
    const b3 = this.partition(col, bf, bt, m, true);
    const b2 = this.pMid;
    this.filter(af, a1, b2, bt, k); // A1 vs B1
    this.filter(a2, at, bf, b3, k); // A3 vs B3
    this.merge(af, a1, a2);
    this.merge(bf, b3, b2);
    this.filter(af, a2, bf, b2, k - 1); // A1+A2 vs B3+B2
    this.merge(af, a2, at);
    this.merge(bf, b2, bt);
  }

  private pMid = 0;

  /**
   * Stable 3-way partition of arr[from..to) by col vs m: [<m | =m | >m], or
   * [>m | =m | <m] when `desc`. Returns the end of the first part and sets
   * pMid to the end of the middle one.
   */
  private partition(col: Float64Array, from: number, to: number, m: number, desc: boolean): number {
    const arr = this.arr;
    const tmp = this.tmp;
    let w = from;
    let nEq = 0;
    let nLast = 0;
    for (let t = from; t < to; t++) {
      const x = arr[t];
      const v = col[x];
      if (desc ? v > m : v < m) arr[w++] = x;
      else if (v === m) tmp[from + nEq++] = x;
      else tmp[to - 1 - nLast++] = x;
    }
    const firstEnd = w;
    for (let t = 0; t < nEq; t++) arr[w++] = tmp[from + t];
    this.pMid = w;
    for (let t = 0; t < nLast; t++) arr[w++] = tmp[to - 1 - t];
    return firstEnd;
  }

  /** Merge arr[a..b) and arr[b..c), both sorted by objective 1. */
  private merge(a: number, b: number, c: number): void {
    if (a >= b || b >= c) return;
    const arr = this.arr;
    const c1 = this.cols[1];
    if (c1[arr[b - 1]] <= c1[arr[b]]) return;
    const tmp = this.tmp;
    for (let t = a; t < b; t++) tmp[t] = arr[t];
    let i = a;
    let j = b;
    let w = a;
    while (i < b && j < c) {
      if (c1[arr[j]] < c1[tmp[i]]) arr[w++] = arr[j++];
      else arr[w++] = tmp[i++];
    }
    while (i < b) arr[w++] = tmp[i++];
  }

  /**
   * Median of a sample of objective-k values of A and B (all of them when
   * few): any value of the ranges is a correct split point, a near-median one
   * keeps the recursion balanced, and sampling avoids a full copy per call.
   */
  private median(col: Float64Array, a0: number, a1: number, b0: number, b1: number): number {
    const vals = this.vals;
    const arr = this.arr;
    const na = a1 - a0;
    const total = na + (b1 - b0);
    const step = total > 64 ? Math.floor(total / 31) : 1;
    let s = 0;
    for (let t = 0; t < total; t += step) {
      const x = t < na ? arr[a0 + t] : arr[b0 + t - na];
      if (t >= na && this.dead[x]) continue;
      vals[s++] = col[x];
    }
    if (s === 0) vals[s++] = col[arr[a0]];
    return selectKth(vals, s, s >>> 1);
  }
}
