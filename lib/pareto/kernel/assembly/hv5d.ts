/**
 * Exact 5-D hypervolume in WebAssembly: the sweep of lib/pareto/hypervolume-5d.ts
 * with the 4-D contributions of contribution-4d.ts, the 3-D ones of
 * contribution-3d.ts and the staircase of staircase-2d.ts, step for step with
 * the same floating-point operations in the same order, so the result has the
 * same bits as the JavaScript twins (the reference for every result).
 *
 * Two differences in method, none in result: the limited points of a 4-D
 * contribution are sorted by insertion up to 32 of them and by merging above
 * (the twin: insertion up to 64, nonDominated3d above; all give the
 * non-dominated ones in (z, x, y) order, exact duplicates dropped), and
 * dropping the dominated ones and their volume share one staircase pass
 * (sortedFrontVolume).
 *
 * Compiled by scripts/build-kernels.ts into lib/pareto/kernel/build/; the
 * caller is lib/pareto/hypervolume-5d-wasm.ts. Memory (byte offsets from the
 * caller): P holds the n rows (five f64 each) in sweep order; `work` the
 * scratch of workBytes(n) bytes. Functions never allocate.
 */

// scratch regions of the current call (byte offsets), set by hypervolume5d
/** the running 4-D front, stride 4, sorted by w; and the spare rows of an insertion */
let S: usize = 0;
let SP: usize = 0;
/** limited points (stride 3), then free scratch */
let LIM: usize = 0;
/** the 3-D front of the limited points, sorted by z */
let LX: usize = 0;
let LY: usize = 0;
let LZ: usize = 0;
/** the 2-D staircase: x strictly increasing, y strictly decreasing */
let SX: usize = 0;
let SY: usize = 0;
let stSize: i32 = 0;
/** two index buffers (i32) for sorting many limited points */
let IA: usize = 0;
let IB: usize = 0;

@inline function get(a: usize, i: i32): f64 {
  return load<f64>(a + ((<usize>i) << 3));
}
@inline function put(a: usize, i: i32, v: f64): void {
  store<f64>(a + ((<usize>i) << 3), v);
}

/** First free byte after the module's static data. */
export function heapBase(): usize {
  return __heap_base;
}

/** Bytes of scratch hypervolume5d needs for n rows. */
export function workBytes(n: i32): usize {
  const cap = <usize>(n + 8);
  return 64 * <usize>(n + 1) + 72 * cap;
}

// ---------------------------------------------------------------- staircase (staircase-2d.ts)

/** Index of the last point with x <= x, or -1. */
function stLastAtOrBefore(x: f64): i32 {
  let lo: i32 = 0;
  let hi = stSize;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (get(SX, mid) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Is (x, y) weakly dominated by (or equal to) a staircase point? */
function stWeaklyDominates(x: f64, y: f64): bool {
  const i = stLastAtOrBefore(x);
  return i >= 0 && get(SY, i) <= y;
}

/** Insert (x, y), not weakly dominated, removing what it dominates; returns the area added inside (-inf, rx) x (-inf, ry). */
function stInsert(x: f64, y: f64, rx: f64, ry: f64): f64 {
  const i = stLastAtOrBefore(x);
  let h: f64;
  let start: i32;
  let k: i32;
  if (i >= 0 && get(SX, i) == x) {
    h = get(SY, i);
    start = i;
    k = i + 1;
  } else {
    h = i >= 0 ? get(SY, i) : Infinity;
    start = i + 1;
    k = start;
  }
  if (h > ry) h = ry;
  let gain: f64 = 0;
  let cur = x;
  const size = stSize;
  let stopped = false;
  while (k < size) {
    const xk = get(SX, k);
    const yk = get(SY, k);
    const nx = xk < rx ? xk : rx;
    if (nx > cur) {
      if (h > y) gain += (nx - cur) * (h - y);
      cur = nx;
    }
    if (yk < y) {
      stopped = true;
      break;
    }
    h = yk < ry ? yk : ry;
    k++;
  }
  if (!stopped && rx > cur && h > y) gain += (rx - cur) * (h - y);
  const removed = k - start;
  // short moves: plain loops (as the twin's); longer ones: memory.copy
  if (removed == 0) {
    if (size - start < 24) {
      for (let r = size; r > start; r--) {
        put(SX, r, get(SX, r - 1));
        put(SY, r, get(SY, r - 1));
      }
    } else {
      const s8 = (<usize>start) << 3;
      const tail = (<usize>(size - start)) << 3;
      memory.copy(SX + s8 + 8, SX + s8, tail);
      memory.copy(SY + s8 + 8, SY + s8, tail);
    }
    stSize = size + 1;
  } else {
    if (removed > 1) {
      if (size - k < 24) {
        for (let r = k, w = start + 1; r < size; r++, w++) {
          put(SX, w, get(SX, r));
          put(SY, w, get(SY, r));
        }
      } else {
        const s8 = (<usize>start) << 3;
        const k8 = (<usize>k) << 3;
        const tail = (<usize>(size - k)) << 3;
        memory.copy(SX + s8 + 8, SX + k8, tail);
        memory.copy(SY + s8 + 8, SY + k8, tail);
      }
    }
    stSize = size - removed + 1;
  }
  put(SX, start, x);
  put(SY, start, y);
  return gain;
}

// ---------------------------------------------------------------- 3-D contribution (contribution-3d.ts)

/** Exclusive 3-D contribution of p to the first `count` points of LX, LY, LZ (sorted by z). */
function contribution3d(px: f64, py: f64, pz: f64, count: i32, rx: f64, ry: f64, rz: f64): f64 {
  stSize = 0;
  const box = (rx - px) * (ry - py);
  let t1: i32 = 0;
  let barY = ry;
  let barX = rx;
  for (; t1 < count; t1++) {
    if (get(LZ, t1) > pz) break;
    const qx = get(LX, t1);
    const qy = get(LY, t1);
    if (qx <= px) {
      if (qy < barY) barY = qy;
    } else if (qy <= py) {
      if (qx < barX) barX = qx;
    }
  }
  if (barY <= py) return 0;
  let covered: f64 = 0;
  if (barY < ry) covered += stInsert(px, barY, rx, ry);
  if (barX < rx && !stWeaklyDominates(barX, py)) covered += stInsert(barX, py, rx, ry);
  for (let t: i32 = 0; t < t1; t++) {
    const qx = get(LX, t);
    const qy = get(LY, t);
    if (qx < barX && qy < barY && qx > px && qy > py) {
      if (!stWeaklyDominates(qx, qy)) covered += stInsert(qx, qy, rx, ry);
    }
  }
  let volume: f64 = 0;
  let zPrev = pz;
  for (let t = t1; t < count; t++) {
    const z = get(LZ, t);
    if (z >= rz) break;
    const qx = get(LX, t);
    const qy = get(LY, t);
    // the bars lie beyond p (barX > px, barY > py), so limiting by p does not change these tests
    if ((qx >= barX) | (qy >= barY)) continue;
    const lx = qx > px ? qx : px;
    const ly = qy > py ? qy : py;
    if (stWeaklyDominates(lx, ly)) continue;
    volume += (box - covered) * (z - zPrev);
    zPrev = z;
    if (lx == px && ly == py) return volume;
    covered += stInsert(lx, ly, rx, ry);
    if (lx == px) barY = ly;
    else if (ly == py) barX = lx;
  }
  return volume + (box - covered) * (rz - zPrev);
}

// ---------------------------------------------------------------- 4-D contribution (contribution-4d.ts)

/** Up to this many limited points are sorted by insertion, more by merging. */
const SMALL: i32 = 32;

/** Does limited point i come before (or tie with) j in (z, x, y) order? */
@inline function beforeZXY(i: i32, j: i32): bool {
  const zi = get(LIM, 3 * i + 2);
  const zj = get(LIM, 3 * j + 2);
  if (zi != zj) return zi < zj;
  const xi = get(LIM, 3 * i);
  const xj = get(LIM, 3 * j);
  if (xi != xj) return xi < xj;
  return get(LIM, 3 * i + 1) <= get(LIM, 3 * j + 1);
}

/** LIM[0..k) into LX, LY, LZ in (z, x, y) order, by insertion. */
function insertionSortZXY(k: i32): void {
  for (let t: i32 = 0; t < k; t++) {
    const x = get(LIM, 3 * t);
    const y = get(LIM, 3 * t + 1);
    const z = get(LIM, 3 * t + 2);
    let j = t;
    while (j > 0) {
      const zj = get(LZ, j - 1);
      const xj = get(LX, j - 1);
      if (zj < z || (zj == z && (xj < x || (xj == x && get(LY, j - 1) <= y)))) break;
      put(LX, j, xj);
      put(LY, j, get(LY, j - 1));
      put(LZ, j, zj);
      j--;
    }
    put(LX, j, x);
    put(LY, j, y);
    put(LZ, j, z);
  }
}

/** LIM[0..k) into LX, LY, LZ in (z, x, y) order: bottom-up merge sort of indices (runs of 8 by insertion). */
function mergeSortZXY(k: i32): void {
  let src = IA;
  let dst = IB;
  for (let lo: i32 = 0; lo < k; lo += 8) {
    const hi = min(lo + 8, k);
    for (let t = lo; t < hi; t++) {
      let j = t;
      while (j > lo && !beforeZXY(load<i32>(src + ((<usize>(j - 1)) << 2)), t)) {
        store<i32>(src + ((<usize>j) << 2), load<i32>(src + ((<usize>(j - 1)) << 2)));
        j--;
      }
      store<i32>(src + ((<usize>j) << 2), t);
    }
  }
  for (let width: i32 = 8; width < k; width <<= 1) {
    for (let lo: i32 = 0; lo < k; lo += 2 * width) {
      const mid = min(lo + width, k);
      const hi = min(lo + 2 * width, k);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        const a = load<i32>(src + ((<usize>i) << 2));
        const b = load<i32>(src + ((<usize>j) << 2));
        if (beforeZXY(a, b)) {
          store<i32>(dst + ((<usize>o) << 2), a);
          i++;
        } else {
          store<i32>(dst + ((<usize>o) << 2), b);
          j++;
        }
        o++;
      }
      for (; i < mid; i++, o++) store<i32>(dst + ((<usize>o) << 2), load<i32>(src + ((<usize>i) << 2)));
      for (; j < hi; j++, o++) store<i32>(dst + ((<usize>o) << 2), load<i32>(src + ((<usize>j) << 2)));
    }
    const tmp = src;
    src = dst;
    dst = tmp;
  }
  for (let t: i32 = 0; t < k; t++) {
    const i = load<i32>(src + ((<usize>t) << 2));
    put(LX, t, get(LIM, 3 * i));
    put(LY, t, get(LIM, 3 * i + 1));
    put(LZ, t, get(LIM, 3 * i + 2));
  }
}

/** The number of points sortedFrontVolume kept. */
let frontSize: i32 = 0;

/**
 * The non-dominated points of LIM[0..k) in (z, x, y) order into LX, LY, LZ (frontSize of
 * them) and their 3-D volume: the twin's sortedFront3dSmall then sweptVolume3d, with one
 * staircase pass for both. A point is weakly dominated by an earlier kept one exactly when
 * the staircase of the kept ones so far weakly dominates it, and the kept ones are inserted
 * in the same order as the twin's sweep inserts them, so the areas and the volume are the
 * same sums in the same order (the area after each kept point waits in LIM, free by then).
 */
function sortedFrontVolume(k: i32, rx: f64, ry: f64, rz: f64): f64 {
  if (k <= SMALL) insertionSortZXY(k);
  else mergeSortZXY(k);
  stSize = 0;
  let area: f64 = 0;
  let m: i32 = 0;
  for (let t: i32 = 0; t < k; t++) {
    const x = get(LX, t);
    const y = get(LY, t);
    if (stWeaklyDominates(x, y)) continue;
    area += stInsert(x, y, rx, ry);
    put(LX, m, x);
    put(LY, m, y);
    put(LZ, m, get(LZ, t));
    put(LIM, m, area);
    m++;
  }
  let volume: f64 = 0;
  for (let t: i32 = 0; t < m; t++) volume += get(LIM, t) * ((t + 1 < m ? get(LZ, t + 1) : rz) - get(LZ, t));
  frontSize = m;
  return volume;
}

/** Exclusive 4-D contribution of p to the first `count` members of S (sorted by w); 0 when one weakly dominates p. */
function contribution4d(px: f64, py: f64, pz: f64, pw: f64, count: i32, rx: f64, ry: f64, rz: f64, rw: f64): f64 {
  let barX = rx;
  let barY = ry;
  let barZ = rz;
  let k: i32 = 0;
  let t1: i32 = 0;
  for (; t1 < count; t1++) {
    const o = t1 << 2;
    if (get(S, o + 3) > pw) break;
    const x = get(S, o);
    const y = get(S, o + 1);
    const z = get(S, o + 2);
    const inX = x <= px;
    const inY = y <= py;
    const inZ = z <= pz;
    if (inX & inY & inZ) return 0;
    // two of three in: a bar (the twin's branches, as selects); at most one: a limited
    // point, written always and kept (k advances) when in front of the bars
    const xy = inX & inY;
    const xz = inX & inZ & !inY;
    const yz = inY & inZ & !inX;
    barZ = select<f64>(z, barZ, xy & (z < barZ));
    barY = select<f64>(y, barY, xz & (y < barY));
    barX = select<f64>(x, barX, yz & (x < barX));
    const a = select<f64>(px, x, inX);
    const b = select<f64>(py, y, inY);
    const c = select<f64>(pz, z, inZ);
    put(LIM, 3 * k, a);
    put(LIM, 3 * k + 1, b);
    put(LIM, 3 * k + 2, c);
    k += i32(!(xy | xz | yz) & (a < barX) & (b < barY) & (c < barZ));
  }
  // keep the limited points in front of the final bars (in place, same order)
  const k0 = k;
  k = 0;
  for (let t: i32 = 0; t < k0; t++) {
    const a = get(LIM, 3 * t);
    const b = get(LIM, 3 * t + 1);
    const c = get(LIM, 3 * t + 2);
    if (a < barX && b < barY && c < barZ) {
      put(LIM, 3 * k, a);
      put(LIM, 3 * k + 1, b);
      put(LIM, 3 * k + 2, c);
      k++;
    }
  }
  if (barZ < rz) {
    put(LIM, 3 * k, px);
    put(LIM, 3 * k + 1, py);
    put(LIM, 3 * k + 2, barZ);
    k++;
  }
  if (barY < ry) {
    put(LIM, 3 * k, px);
    put(LIM, 3 * k + 1, barY);
    put(LIM, 3 * k + 2, pz);
    k++;
  }
  if (barX < rx) {
    put(LIM, 3 * k, barX);
    put(LIM, 3 * k + 1, py);
    put(LIM, 3 * k + 2, pz);
    k++;
  }
  const box = (rx - px) * (ry - py) * (rz - pz);
  let covered: f64 = 0;
  let m: i32 = 0;
  if (k > 0) {
    covered = sortedFrontVolume(k, rx, ry, rz);
    m = frontSize;
  }
  let volume: f64 = 0;
  let wPrev = pw;
  for (let t = t1; t < count; t++) {
    const o = t << 2;
    const sx = get(S, o);
    const sy = get(S, o + 1);
    const sz = get(S, o + 2);
    // behind a bar: dominated by a limited point already in L. The bars lie beyond p
    // (barX > px, barY > py, barZ > pz), so limiting by p does not change this test.
    if ((sx >= barX) | (sy >= barY) | (sz >= barZ)) continue;
    const a = sx > px ? sx : px;
    const b = sy > py ? sy : py;
    const c = sz > pz ? sz : pz;
    const w = get(S, o + 3);
    const gain = contribution3d(a, b, c, m, rx, ry, rz);
    if (gain <= 0) continue;
    volume += (box - covered) * (w - wPrev);
    wPrev = w;
    if (a == px && b == py && c == pz) return volume;
    covered += gain;
    if (a == px) {
      if (b == py) barZ = c;
      else if (c == pz) barY = b;
    } else if (b == py && c == pz) barX = a;
    // insert (a, b, c) into L, kept sorted by z; what it dominates lies after it
    let lo: i32 = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (get(LZ, mid) <= c) lo = mid + 1;
      else hi = mid;
    }
    let r: i32 = 0;
    for (let j = lo; j < m; j++) {
      if (a <= get(LX, j) && b <= get(LY, j)) continue;
      put(LIM, 3 * r, get(LX, j));
      put(LIM, 3 * r + 1, get(LY, j));
      put(LIM, 3 * r + 2, get(LZ, j));
      r++;
    }
    put(LX, lo, a);
    put(LY, lo, b);
    put(LZ, lo, c);
    for (let j: i32 = 0; j < r; j++) {
      put(LX, lo + 1 + j, get(LIM, 3 * j));
      put(LY, lo + 1 + j, get(LIM, 3 * j + 1));
      put(LZ, lo + 1 + j, get(LIM, 3 * j + 2));
    }
    m = lo + 1 + r;
  }
  return volume + (box - covered) * (rw - wPrev);
}

// ---------------------------------------------------------------- the 5-D sweep (hypervolume-5d.ts)

/** Insert p at position lo of S and drop the members after it that p dominates in x, y, z; returns the new count. */
function insertDropping(count: i32, lo: i32, px: f64, py: f64, pz: f64, pw: f64): i32 {
  let first = lo;
  while (first < count && !(px <= get(S, 4 * first) && py <= get(S, 4 * first + 1) && pz <= get(S, 4 * first + 2))) first++;
  let result: i32;
  if (first == count) {
    memory.copy(S + ((<usize>(lo + 1)) << 5), S + ((<usize>lo) << 5), (<usize>(count - lo)) << 5);
    result = count + 1;
  } else {
    let m: i32 = 0;
    for (let k = lo; k < count; k++) {
      const q = 4 * k;
      if (px <= get(S, q) && py <= get(S, q + 1) && pz <= get(S, q + 2)) continue;
      put(SP, 4 * m, get(S, q));
      put(SP, 4 * m + 1, get(S, q + 1));
      put(SP, 4 * m + 2, get(S, q + 2));
      put(SP, 4 * m + 3, get(S, q + 3));
      m++;
    }
    memory.copy(S + ((<usize>(lo + 1)) << 5), SP, (<usize>m) << 5);
    result = lo + 1 + m;
  }
  put(S, 4 * lo, px);
  put(S, 4 * lo + 1, py);
  put(S, 4 * lo + 2, pz);
  put(S, 4 * lo + 3, pw);
  return result;
}

/** The hypervolume of the n rows at P (sorted by v, the 5th objective, then lexicographically) against (r0, …, r4). */
export function hypervolume5d(P: usize, n: i32, work: usize, r0: f64, r1: f64, r2: f64, r3: f64, r4: f64): f64 {
  const cap = <usize>(n + 8);
  S = work;
  SP = S + 32 * <usize>(n + 1);
  LIM = SP + 32 * <usize>(n + 1);
  LX = LIM + 24 * cap;
  LY = LX + 8 * cap;
  LZ = LY + 8 * cap;
  SX = LZ + 8 * cap;
  SY = SX + 8 * cap;
  IA = SY + 8 * cap;
  IB = IA + 4 * cap;
  let count: i32 = 0;
  let v4: f64 = 0;
  let total: f64 = 0;
  let vPrev: f64 = 0;
  for (let t: i32 = 0; t < n; t++) {
    const o = 5 * t;
    const v = get(P, o + 4);
    if (t > 0) total += v4 * (v - vPrev);
    vPrev = v;
    const px = get(P, o);
    const py = get(P, o + 1);
    const pz = get(P, o + 2);
    const pw = get(P, o + 3);
    const c = contribution4d(px, py, pz, pw, count, r0, r1, r2, r3);
    if (c <= 0) continue;
    v4 += c;
    let lo: i32 = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (get(S, 4 * mid + 3) <= pw) lo = mid + 1;
      else hi = mid;
    }
    count = insertDropping(count, lo, px, py, pz, pw);
  }
  if (n > 0) total += v4 * (r4 - vPrev);
  return total;
}
