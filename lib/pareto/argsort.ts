/**
 * Index sorting for the sweep algorithms: order a subset of rows of a
 * row-major matrix lexicographically by a list of coordinates, ties broken by
 * row index (so the result is deterministic and stable).
 *
 * Why not `Int32Array.prototype.sort(comparator)`: a JS comparator costs
 * ~500 ms for 10^6 rows. Instead the primary key is mapped to an
 * order-preserving 64-bit integer, its low bits are replaced by the row's
 * position, and the whole thing is sorted natively as a BigUint64Array
 * (~70 ms for 10^6). Rows whose truncated keys collide (exact ties, or values
 * equal in their top 64-B bits) are then re-sorted with the full
 * lexicographic comparison: insertion sort for small groups, a native sort
 * on the next coordinates for big groups of exact ties, a comparator sort
 * otherwise, so many ties never cost O(n^2).
 *
 * Complexity O(n log n). NaN is not supported anywhere in lib/pareto.
 */

export function argsortLex(data: Float64Array, dim: number, rows: Int32Array, coords: readonly number[]): Int32Array {
  const n = rows.length;
  const out = new Int32Array(n);
  if (n === 0) return out;
  if (n === 1) {
    out[0] = rows[0];
    return out;
  }
  const c0 = coords[0];
  const mask = positionMask(n);
  const keep = ~mask >>> 0;

  const big = new BigUint64Array(n);
  const words = new Uint32Array(big.buffer);
  // read the doubles' words in place (little-endian, like every JS engine host)
  const src = new Uint32Array(data.buffer, data.byteOffset, data.length * 2);
  fillKeys(words, src, rows, dim, c0, keep);
  big.sort();
  scanGroups(out, words, rows, mask, keep, data, dim, coords);
  return out;
}

/** The low bits of a sort key that hold the row's position (0..n-1, n >= 2). */
export function positionMask(n: number): number {
  let bits = 1;
  while (1 << bits < n && bits < 31) bits++;
  return ((1 << bits) - 1) >>> 0;
}

// The two hot loops live in functions of their own that end right after the loop: code that
// runs once after a hot loop has no type feedback when V8 compiles the loop on stack (OSR),
// and the cached OSR code then deoptimized on every call, so every call ran unoptimized.

/** words[2i..2i+1] = the order-preserving key of row i's coordinate c0, low bits replaced by i. */
export function fillKeys(words: Uint32Array, src: Uint32Array, rows: Int32Array, dim: number, c0: number, keep: number): void {
  const n = rows.length;
  for (let i = 0; i < n; i++) {
    const w = 2 * (rows[i] * dim + c0);
    let lo = src[w];
    let hi = src[w + 1];
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    words[2 * i] = ((lo & keep) | i) >>> 0;
    words[2 * i + 1] = hi;
  }
}

/** out = rows in key order; runs of equal truncated keys re-sorted exactly (the last closed at i = n). */
function scanGroups(
  out: Int32Array,
  words: Uint32Array,
  rows: Int32Array,
  mask: number,
  keep: number,
  data: Float64Array,
  dim: number,
  coords: readonly number[],
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
      out[i] = rows[lo & mask];
      loKey = (lo & keep) >>> 0;
    }
    if (hi !== prevHi || loKey !== prevLo) {
      if (i - groupStart > 1) fixGroup(out, groupStart, i, data, dim, coords);
      groupStart = i;
      prevHi = hi;
      prevLo = loKey;
    }
  }
}

function lexLess(data: Float64Array, dim: number, a: number, b: number, coords: readonly number[]): boolean {
  const oa = a * dim;
  const ob = b * dim;
  for (let k = 0; k < coords.length; k++) {
    const x = data[oa + coords[k]];
    const y = data[ob + coords[k]];
    if (x < y) return true;
    if (x > y) return false;
  }
  return a < b;
}

/** Re-sort out[from, to), rows whose truncated keys are equal, exactly (lexicographic, ties by row index). */
export function fixGroup(out: Int32Array, from: number, to: number, data: Float64Array, dim: number, coords: readonly number[]): void {
  if (to - from <= 24) {
    for (let i = from + 1; i < to; i++) {
      const v = out[i];
      let j = i - 1;
      while (j >= from && lexLess(data, dim, v, out[j], coords)) {
        out[j + 1] = out[j];
        j--;
      }
      out[j + 1] = v;
    }
    return;
  }
  // a big group of exact ties in the first coordinate (degenerate or
  // limited points) is sorted natively on the remaining coordinates
  const c0 = coords[0];
  const v0 = data[out[from] * dim + c0];
  let allEqual = coords.length > 1;
  for (let i = from + 1; i < to && allEqual; i++) allEqual = data[out[i] * dim + c0] === v0;
  if (allEqual) {
    const group = out.slice(from, to).sort();
    out.set(argsortLex(data, dim, group, coords.slice(1)), from);
    return;
  }
  out.subarray(from, to).sort((a, b) => (lexLess(data, dim, a, b, coords) ? -1 : lexLess(data, dim, b, a, coords) ? 1 : 0));
}

/** 0..n-1 as an Int32Array. */
export function iota(n: number): Int32Array {
  const r = new Int32Array(n);
  for (let i = 0; i < n; i++) r[i] = i;
  return r;
}
