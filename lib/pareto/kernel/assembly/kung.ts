/**
 * Kung's maxima (d >= 4) in WebAssembly: the same recursion, partitions,
 * sampled medians and floating-point comparisons (larger leaf and
 * brute-force thresholds, see LEAF; objectives 1..4 compared two at a time
 * with SIMD, built with --enable simd) as
 * lib/pareto/non-dominated-kung.ts (the JavaScript twin, and the reference
 * in tests), on this module's linear memory instead of typed arrays.
 * Paper: Kung, Luccio & Preparata, JACM 1975 (as moocore's maxima_rec).
 * Complexity: O(n log^(d-2) n) after the caller's lexicographic sort.
 *
 * Protocol (lib/pareto/non-dominated-kung-wasm.ts): the host makes room for
 * `bytesFor(n, k)` bytes from an 8-aligned base (kernel/instantiate.ts),
 * `prepare(base, n, k)` lays out the buffers there for n rows with k = d - 1
 * objectives after the first one and clears the dead flags; the host writes
 * the values of objectives 1..k at `valuesPtr()`, `rowStride()` doubles a
 * row, the padding 0 (or has `gather` copy them from a d-column matrix in
 * the module's memory), the rows in lexicographic order and free of exact
 * duplicates; it writes the positions to reduce (ascending) at `arrPtr()`,
 * then `maxima(len)` leaves the non-dominated
 * positions, unordered, in arr[0..end) and returns end. The rows stay put
 * between calls, so the peels of paretoRanks reuse them.
 * Empty input (len 0): returns 0. --runtime stub: nothing is allocated.
 */

/**
 * Leaves and brute-force filters 2 and 16 times the twin's (32, 1024): with the comparisons
 * in SIMD (le4) the recursion's bookkeeping (partitions, merges, medians) costs relatively
 * more here; these were fastest among leaves 16..128 × filters 1024..32768 pairs in a
 * same-process A/B on bench:pareto's 4-D and 5-D sets. Any split gives the same maxima, so
 * the results stay those of the twin.
 */
const LEAF: i32 = 64;
const BRUTE: i32 = 16384;
/** Values sampled for a split point: never more than 64 (see median). */
const SAMPLE: i32 = 64;

let K: i32 = 0;
let SH: i32 = 0; // log2 of a row's bytes: K values padded to a power of two
let VALS: usize = 0; // f64 rows of 1 << SH bytes; objective j (1..K) of row p at byte (p << SH) + 8·(j - 1)
let ARR: usize = 0; // i32[n]
let TMP: usize = 0; // i32[n]
let SX: usize = 0; // f64[n]: staircase over objectives 2, 3 (x strictly increasing)
let SY: usize = 0; // f64[n]: (y strictly decreasing)
let SMP: usize = 0; // f64[SAMPLE]
let DEAD: usize = 0; // u8[n]
let ssize: i32 = 0;
let pMid: i32 = 0;

@inline function row(p: i32): usize {
  return VALS + (<usize>p << SH);
}
@inline function v(p: i32, j: i32): f64 {
  return load<f64>(row(p) + (<usize>(j - 1) << 3));
}
@inline function at(t: i32): i32 {
  return load<i32>(ARR + (<usize>t << 2));
}
@inline function setAt(t: i32, x: i32): void {
  store<i32>(ARR + (<usize>t << 2), x);
}
@inline function tmpAt(t: i32): i32 {
  return load<i32>(TMP + (<usize>t << 2));
}
@inline function setTmp(t: i32, x: i32): void {
  store<i32>(TMP + (<usize>t << 2), x);
}
@inline function isDead(p: i32): bool {
  return load<u8>(DEAD + <usize>p) != 0;
}
@inline function kill(p: i32): void {
  store<u8>(DEAD + <usize>p, 1);
}

export function heapBase(): usize {
  return __heap_base;
}

/** log2 of a row's bytes for k objectives: k doubles padded to a power of two. */
function rowShift(k: i32): i32 {
  let sh = 3;
  while (1 << (sh - 3) < k) sh++;
  return sh;
}

/** Bytes that prepare(base, n, k) lays out from any 8-aligned base. */
export function bytesFor(n: i32, k: i32): usize {
  const un = <usize>n;
  return 64 + (un << rowShift(k)) + un * 16 + <usize>SAMPLE * 8 + un * 9;
}

/**
 * Lay out the buffers for n rows of k objectives from base (bytesFor(n, k) bytes there) and
 * clear the dead flags; returns the first byte after them (8-aligned: scratch for gather's input).
 */
export function prepare(base: usize, n: i32, k: i32): usize {
  K = k;
  SH = rowShift(k);
  const un = <usize>n;
  let p: usize = (base + 63) & ~(<usize>63);
  VALS = p;
  p += un << SH;
  SX = p;
  p += un * 8;
  SY = p;
  p += un * 8;
  SMP = p;
  p += <usize>SAMPLE * 8;
  ARR = p;
  p += un * 4;
  TMP = p;
  p += un * 4;
  DEAD = p;
  memory.fill(DEAD, 0, un);
  return (p + un + 7) & ~(<usize>7);
}

/**
 * Gather objectives 1..k of the rows ids[0..n) (i32 at `ids`) of the row-major
 * matrix at `src` (dim = k + 1 doubles a row) into the value rows.
 */
export function gather(src: usize, ids: usize, n: i32): void {
  const k = K;
  const rowBytes = <usize>(k + 1) << 3;
  for (let t = 0; t < n; t++) {
    const from = src + <usize>load<i32>(ids + (<usize>t << 2)) * rowBytes + 8;
    const to = row(t);
    for (let j = 0; j < k; j++) store<f64>(to + (<usize>j << 3), load<f64>(from + (<usize>j << 3)));
    for (let j = k; j < 1 << (SH - 3); j++) store<f64>(to + (<usize>j << 3), 0);
  }
}

export function valuesPtr(): usize {
  return VALS;
}
/** Doubles per row at valuesPtr (k rounded up to a power of two). */
export function rowStride(): i32 {
  return 1 << (SH - 3);
}
export function arrPtr(): usize {
  return ARR;
}

/** Reduce the positions arr[0..len) (ascending) to their maxima; returns the count left in arr. */
export function maxima(len: i32): i32 {
  for (let t = 0; t < len; t++) store<u8>(DEAD + <usize>at(t), 0);
  return reduce(0, len);
}

/** Is row a <= row b in objectives 2..k? */
@inline function leFrom2(a: i32, b: i32, k: i32): bool {
  const oa = row(a);
  const ob = row(b);
  for (let j = 1; j < k; j++) {
    if (load<f64>(oa + (<usize>j << 3)) > load<f64>(ob + (<usize>j << 3))) return false;
  }
  return true;
}

/** arr[from..to) in lexicographic order → its maxima at from (sorted by objective 1); returns the end. */
function reduce(from: i32, to: i32): i32 {
  if (to - from <= LEAF) return leaf(from, to);
  const mid = (from + to) >>> 1;
  const e1 = reduce(from, mid);
  const e2 = reduce(mid, to);
  filter(from, e1, mid, e2, K);
  let w = e1;
  for (let t = mid; t < e2; t++) {
    const x = at(t);
    if (!isDead(x)) setAt(w++, x);
  }
  merge(from, e1, w);
  return w;
}

/** Brute-force maxima of a leaf, kept rows insertion-sorted by objective 1 (as the twin). */
function leaf(from: i32, to: i32): i32 {
  const k = K;
  if (k <= 4) return leaf4(from, to);
  let w = from;
  for (let t = from; t < to; t++) {
    const b = at(t);
    const b1 = v(b, 1);
    let s = from;
    let dominated = false;
    for (; s < w; s++) {
      const a = at(s);
      if (v(a, 1) > b1) break;
      if (leFrom2(a, b, k)) {
        dominated = true;
        break;
      }
    }
    if (dominated) {
      kill(b);
      continue;
    }
    for (let r = w; r > s; r--) setAt(r, at(r - 1));
    setAt(s, b);
    w++;
  }
  return w;
}

/**
 * leaf for rows of at most 4 objectives after the first (4-D and 5-D; a 4-D row's fourth
 * slot is 0 in every row): objectives 1..4 compared two at a time (f64x2.le is the scalar
 * <=, NaN included).
 */
function leaf4(from: i32, to: i32): i32 {
  let w = from;
  for (let t = from; t < to; t++) {
    const b = at(t);
    const rb = row(b);
    const b12 = v128.load(rb);
    const b34 = v128.load(rb, 16);
    const b1 = load<f64>(rb);
    let s = from;
    let dominated = false;
    for (; s < w; s++) {
      const ra = row(at(s));
      if (load<f64>(ra) > b1) break;
      if (le4(ra, b12, b34)) {
        dominated = true;
        break;
      }
    }
    if (dominated) {
      kill(b);
      continue;
    }
    for (let r = w; r > s; r--) setAt(r, at(r - 1));
    setAt(s, b);
    w++;
  }
  return w;
}

/** Row at ra <= (b12, b34) in objectives 1..4. */
@inline function le4(ra: usize, b12: v128, b34: v128): bool {
  return i64x2.all_true(v128.and(f64x2.le(v128.load(ra), b12), f64x2.le(v128.load(ra, 16), b34)));
}

/** Is some row of arr[from..to) (sorted by objective 1) <= row b in objectives 1..k? */
function anyLeSorted(from: i32, to: i32, b: i32, k: i32): bool {
  if (k == 4) {
    const rb = row(b);
    const b1 = load<f64>(rb);
    const b12 = v128.load(rb);
    const b34 = v128.load(rb, 16);
    for (let s = from; s < to; s++) {
      const ra = row(at(s));
      if (load<f64>(ra) > b1) return false;
      if (le4(ra, b12, b34)) return true;
    }
    return false;
  }
  const b1 = v(b, 1);
  for (let s = from; s < to; s++) {
    const a = at(s);
    if (v(a, 1) > b1) return false;
    if (leFrom2(a, b, k)) return true;
  }
  return false;
}

/**
 * Mark rows of B = arr[bf..bt) dominated by a row of A = arr[af..at); A is <= B in
 * objective 0 and in objectives > k; both sorted by objective 1 on entry and exit.
 */
function filter(af: i32, aEnd: i32, bf: i32, bt: i32, k: i32): void {
  const na = aEnd - af;
  const nb = bt - bf;
  if (na <= 0 || nb <= 0) return;
  if (k == 3) {
    ssize = 0;
    let i = af;
    for (let t = bf; t < bt; t++) {
      const b = at(t);
      const key = v(b, 1);
      while (i < aEnd) {
        const a = at(i);
        if (!(v(a, 1) <= key)) break;
        i++;
        const x = v(a, 2);
        const y = v(a, 3);
        const p = lastAtOrBefore(x);
        if (p < 0 || !(load<f64>(SY + (<usize>p << 3)) <= y)) stairInsert(x, y, p);
      }
      if (ssize > 0 && stairDominates(v(b, 2), v(b, 3))) kill(b);
    }
    return;
  }
  if (k == 2) {
    let mn = Infinity;
    let i = af;
    for (let t = bf; t < bt; t++) {
      const b = at(t);
      const key = v(b, 1);
      while (i < aEnd) {
        const a = at(i);
        if (!(v(a, 1) <= key)) break;
        i++;
        const y = v(a, 2);
        if (y < mn) mn = y;
      }
      if (v(b, 2) >= mn) kill(b);
    }
    return;
  }
  if (na * nb <= BRUTE) {
    for (let t = bf; t < bt; t++) {
      const b = at(t);
      if (isDead(b)) continue;
      if (anyLeSorted(af, aEnd, b, k)) kill(b);
    }
    return;
  }
  let amin = Infinity;
  let amax = -Infinity;
  for (let t = af; t < aEnd; t++) {
    const x = v(at(t), k);
    if (x < amin) amin = x;
    if (x > amax) amax = x;
  }
  let bmin = Infinity;
  let bmax = -Infinity;
  let alive = 0;
  for (let t = bf; t < bt; t++) {
    const b = at(t);
    if (isDead(b)) continue;
    alive++;
    const x = v(b, k);
    if (x < bmin) bmin = x;
    if (x > bmax) bmax = x;
  }
  if (alive == 0 || amin > bmax) return;
  if (amax <= bmin) {
    filter(af, aEnd, bf, bt, k - 1);
    return;
  }
  const m = median(k, af, aEnd, bf, bt);
  const a1 = partition(k, af, aEnd, m, false);
  const a2 = pMid;
  const b3 = partition(k, bf, bt, m, true);
  const b2 = pMid;
  filter(af, a1, b2, bt, k); // A1 vs B1
  filter(a2, aEnd, bf, b3, k); // A3 vs B3
  merge(af, a1, a2);
  merge(bf, b3, b2);
  filter(af, a2, bf, b2, k - 1); // A1+A2 vs B3+B2
  merge(af, a2, aEnd);
  merge(bf, b2, bt);
}

/** Stable 3-way partition by objective k vs m: [<m | =m | >m] (or [>m | =m | <m] when desc). */
function partition(k: i32, from: i32, to: i32, m: f64, desc: bool): i32 {
  let w = from;
  let nEq = 0;
  let nLast = 0;
  for (let t = from; t < to; t++) {
    const x = at(t);
    const y = v(x, k);
    if (desc ? y > m : y < m) setAt(w++, x);
    else if (y == m) setTmp(from + nEq++, x);
    else setTmp(to - 1 - nLast++, x);
  }
  const firstEnd = w;
  for (let t = 0; t < nEq; t++) setAt(w++, tmpAt(from + t));
  pMid = w;
  for (let t = 0; t < nLast; t++) setAt(w++, tmpAt(to - 1 - t));
  return firstEnd;
}

/**
 * Merge arr[a..b) and arr[b..c), both sorted by objective 1 (stable). The head of the first
 * run that precedes the second run's first row stays in place (binary search); each side's
 * current key is kept in a local.
 */
function merge(a: i32, b: i32, c: i32): void {
  if (a >= b || b >= c) return;
  const first = v(at(b), 1);
  if (v(at(b - 1), 1) <= first) return;
  let lo = a;
  let hi = b - 1; // arr[b - 1] is above `first`
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v(at(mid), 1) <= first) lo = mid + 1;
    else hi = mid;
  }
  for (let t = lo; t < b; t++) setTmp(t, at(t));
  let i = lo;
  let j = b;
  let w = lo;
  let x = tmpAt(i);
  let kx = v(x, 1);
  let y = at(j);
  let ky = first;
  while (true) {
    if (ky < kx) {
      setAt(w++, y);
      if (++j == c) break;
      y = at(j);
      ky = v(y, 1);
    } else {
      setAt(w++, x);
      if (++i == b) break;
      x = tmpAt(i);
      kx = v(x, 1);
    }
  }
  while (i < b) setAt(w++, tmpAt(i++));
}

/** Median of a sample of objective-k values of A and of B's live rows (as the twin). */
function median(k: i32, a0: i32, a1: i32, b0: i32, b1: i32): f64 {
  const na = a1 - a0;
  const total = na + (b1 - b0);
  const step = total > 64 ? total / 31 : 1;
  let s = 0;
  for (let t = 0; t < total; t += step) {
    const x = t < na ? at(a0 + t) : at(b0 + t - na);
    if (t >= na && isDead(x)) continue;
    store<f64>(SMP + (<usize>s << 3), v(x, k));
    s++;
  }
  if (s == 0) {
    store<f64>(SMP, v(at(a0), k));
    s = 1;
  }
  return selectKth(s, s >>> 1);
}

/** k-th smallest of the sample (at most 64 values): insertion sort, as select-kth.ts for n <= 64. */
function selectKth(n: i32, k: i32): f64 {
  for (let i = 1; i < n; i++) {
    const x = load<f64>(SMP + (<usize>i << 3));
    let j = i - 1;
    while (j >= 0) {
      const y = load<f64>(SMP + (<usize>j << 3));
      if (!(y > x)) break;
      store<f64>(SMP + (<usize>(j + 1) << 3), y);
      j--;
    }
    store<f64>(SMP + (<usize>(j + 1) << 3), x);
  }
  return load<f64>(SMP + (<usize>k << 3));
}

// ------------------------------------------------ 2-D staircase (k = 3 filter)

/** Index of the last staircase point with x <= key, or -1. */
@inline function lastAtOrBefore(key: f64): i32 {
  let lo = 0;
  let hi = ssize;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (load<f64>(SX + (<usize>mid << 3)) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Is (x, y) weakly dominated by (or equal to) a staircase point? */
@inline function stairDominates(x: f64, y: f64): bool {
  const i = lastAtOrBefore(x);
  return i >= 0 && load<f64>(SY + (<usize>i << 3)) <= y;
}

/**
 * Insert (x, y), not weakly dominated, removing the points it weakly dominates (as
 * Staircase2D.insert); i = lastAtOrBefore(x), which the caller has.
 */
function stairInsert(x: f64, y: f64, i: i32): void {
  let start: i32;
  let k: i32;
  if (i >= 0 && load<f64>(SX + (<usize>i << 3)) == x) {
    start = i;
    k = i + 1;
  } else {
    start = i + 1;
    k = start;
  }
  const size = ssize;
  while (k < size) {
    if (load<f64>(SY + (<usize>k << 3)) < y) break;
    k++;
  }
  const removed = k - start;
  if (removed == 0 && size - start >= 32) {
    const bytes = <usize>(size - start) << 3;
    memory.copy(SX + (<usize>(start + 1) << 3), SX + (<usize>start << 3), bytes);
    memory.copy(SY + (<usize>(start + 1) << 3), SY + (<usize>start << 3), bytes);
    ssize = size + 1;
  } else if (removed == 0) {
    // short tails: a plain loop beats memory.copy (a call out of the module in V8)
    for (let r = size; r > start; r--) {
      store<f64>(SX + (<usize>r << 3), load<f64>(SX + (<usize>(r - 1) << 3)));
      store<f64>(SY + (<usize>r << 3), load<f64>(SY + (<usize>(r - 1) << 3)));
    }
    ssize = size + 1;
  } else {
    if (removed > 1 && size - k >= 32) {
      const bytes = <usize>(size - k) << 3;
      memory.copy(SX + (<usize>(start + 1) << 3), SX + (<usize>k << 3), bytes);
      memory.copy(SY + (<usize>(start + 1) << 3), SY + (<usize>k << 3), bytes);
    } else if (removed > 1) {
      for (let r = k, w = start + 1; r < size; r++, w++) {
        store<f64>(SX + (<usize>w << 3), load<f64>(SX + (<usize>r << 3)));
        store<f64>(SY + (<usize>w << 3), load<f64>(SY + (<usize>r << 3)));
      }
    }
    ssize = size - removed + 1;
  }
  store<f64>(SX + (<usize>start << 3), x);
  store<f64>(SY + (<usize>start << 3), y);
}
