/**
 * Exact 5-D hypervolume.
 * Paper: dimension sweep (Fonseca, Paquete & Lopez-Ibanez, CEC 2006) over
 * the 5th objective with the 4-D volume of the projections seen so far kept
 * up to date by each new point's exclusive 4-D contribution
 * (contribution-4d.ts, the HV4D+ scheme of Guerreiro & Fonseca lifted one
 * dimension), so no 4-D volume is ever recomputed from scratch.
 * Complexity: O(n^2 m log m) worst case, m the size of the running 4-D front.
 * Rows must strictly dominate the reference point (the caller filters).
 * Empty input: 0.
 */
import { argsortLex } from "./argsort";
import { Contribution4d } from "./contribution-4d";

export function hypervolume5d(data: Float64Array, rows: Int32Array, ref: ArrayLike<number>): number {
  const order = argsortLex(data, 5, rows, [4]);
  const n = order.length;
  const S = new Float64Array(4 * (n + 1));
  const spare = new Float64Array(4 * (n + 1));
  let count = 0;
  const contrib = new Contribution4d();
  const p = new Float64Array(4);
  let v4 = 0;
  let total = 0;
  let vPrev = 0;
  for (let t = 0; t < n; t++) {
    const o = order[t] * 5;
    const v = data[o + 4];
    if (t > 0) total += v4 * (v - vPrev);
    vPrev = v;
    p[0] = data[o];
    p[1] = data[o + 1];
    p[2] = data[o + 2];
    p[3] = data[o + 3];
    const c = contrib.compute(p, S, count, ref);
    if (c <= 0) continue;
    v4 += c;
    // insert p (sorted by w), dropping the projections it dominates (all after it)
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (S[4 * mid + 3] <= p[3]) lo = mid + 1;
      else hi = mid;
    }
    count = insertDropping(S, spare, count, lo, p);
  }
  if (n > 0) total += v4 * (ref[4] - vPrev);
  return total;
}

/**
 * Insert p at position lo of S (stride 4, count members) and drop the members after it that p
 * dominates in x, y, z; returns the new count. Most insertions dominate nothing: then one
 * memmove (copyWithin) shifts the tail, else the survivors go through `spare`.
 */
function insertDropping(S: Float64Array, spare: Float64Array, count: number, lo: number, p: Float64Array): number {
  const px = p[0];
  const py = p[1];
  const pz = p[2];
  let first = lo;
  while (first < count && !(px <= S[4 * first] && py <= S[4 * first + 1] && pz <= S[4 * first + 2])) first++;
  if (first === count) {
    S.copyWithin(4 * (lo + 1), 4 * lo, 4 * count);
    S.set(p, 4 * lo);
    return count + 1;
  }
  let m = 0;
  for (let k = lo; k < count; k++) {
    const q = 4 * k;
    if (px <= S[q] && py <= S[q + 1] && pz <= S[q + 2]) continue;
    spare[4 * m] = S[q];
    spare[4 * m + 1] = S[q + 1];
    spare[4 * m + 2] = S[q + 2];
    spare[4 * m + 3] = S[q + 3];
    m++;
  }
  S.set(spare.subarray(0, 4 * m), 4 * (lo + 1));
  S.set(p, 4 * lo);
  return lo + 1 + m;
}
