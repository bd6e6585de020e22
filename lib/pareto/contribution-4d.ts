/**
 * Exclusive hypervolume contribution of one point p to a 4-D set S.
 * Paper: the dimension-sweep contribution scheme of HV4D+ (Guerreiro &
 * Fonseca, IEEE TEC 2018) lifted by one dimension: sweep S in w; the members
 * with w <= pw, limited by p (componentwise max), give the 3-D volume of p's
 * box already covered (HV3D sweep); each later member adds its limited 3-D
 * contribution (contribution-3d.ts) while the uncovered 3-D volume of p's
 * box is integrated along w.
 * Complexity: O(m log m + m2 * m) for |S| = m and m2 members above p in w
 * before p's box is fully covered.
 * S is row-major with stride 4, sorted by w, strictly inside the reference
 * box. Returns 0 when p is weakly dominated by a member of S.
 */
import { iota } from "./argsort";
import { contribution3d } from "./contribution-3d";
import { nonDominated3d } from "./non-dominated-3d";
import { Staircase2D } from "./staircase-2d";

export class Contribution4d {
  private lim = new Float64Array(48);
  private lx = new Float64Array(16);
  private ly = new Float64Array(16);
  private lz = new Float64Array(16);
  private rows = iota(16);
  private readonly st = new Staircase2D(64);
  private barX = 0;
  private barY = 0;
  private barZ = 0;
  private k = 0;

  /**
   * One pass over the members below p in w (S is sorted by w): sets the bars
   * barX/barY/barZ, writes to lim the limited points of the other members that
   * lie in front of the bars found so far (this.k of them), and returns how many
   * members are below p in w, or -1 when one of them weakly dominates p in x, y, z.
   */
  private collectBelow(S: Float64Array, count: number, px: number, py: number, pz: number, pw: number, rx: number, ry: number, rz: number): number {
    const lim = this.lim;
    let barX = rx;
    let barY = ry;
    let barZ = rz;
    let k = 0;
    let t = 0;
    for (; t < count; t++) {
      const o = 4 * t;
      if (S[o + 3] > pw) break;
      const x = S[o];
      const y = S[o + 1];
      const z = S[o + 2];
      const inX = x <= px;
      const inY = y <= py;
      const inZ = z <= pz;
      if (inX && inY) {
        if (inZ) return -1;
        if (z < barZ) barZ = z;
      } else if (inX && inZ) {
        if (y < barY) barY = y;
      } else if (inY && inZ) {
        if (x < barX) barX = x;
      } else {
        const a = inX ? px : x;
        const b = inY ? py : y;
        const c = inZ ? pz : z;
        if (a < barX && b < barY && c < barZ) {
          lim[3 * k] = a;
          lim[3 * k + 1] = b;
          lim[3 * k + 2] = c;
          k++;
        }
      }
    }
    this.barX = barX;
    this.barY = barY;
    this.barZ = barZ;
    this.k = k;
    return t;
  }

  compute(p: ArrayLike<number>, S: Float64Array, count: number, ref: ArrayLike<number>): number {
    const px = p[0];
    const py = p[1];
    const pz = p[2];
    const pw = p[3];
    const rx = ref[0];
    const ry = ref[1];
    const rz = ref[2];
    if (this.lim.length < 3 * (count + 4)) {
      const cap = 2 * count + 16;
      this.lim = new Float64Array(3 * cap);
      this.lx = new Float64Array(cap);
      this.ly = new Float64Array(cap);
      this.lz = new Float64Array(cap);
      this.rows = iota(cap);
    }
    const lim = this.lim;
    // Members below p in w whose limited point lies on a line through p's
    // corner act as three "bars" (one per axis, the lowest one counts); a
    // limited point behind a bar is dominated. One pass finds the bars (and
    // where the members below p in w end) and collects the limited points in
    // front of the bars found so far; a second keeps those in front of the
    // final bars.
    const t1 = this.collectBelow(S, count, px, py, pz, pw, rx, ry, rz);
    if (t1 < 0) return 0;
    let barX = this.barX;
    let barY = this.barY;
    let barZ = this.barZ;
    // keep the limited points in front of the final bars (in place, same order)
    let k = 0;
    const k0 = this.k;
    for (let t = 0; t < k0; t++) {
      const a = lim[3 * t];
      const b = lim[3 * t + 1];
      const c = lim[3 * t + 2];
      if (a < barX && b < barY && c < barZ) {
        lim[3 * k] = a;
        lim[3 * k + 1] = b;
        lim[3 * k + 2] = c;
        k++;
      }
    }
    if (barZ < rz) {
      lim[3 * k] = px;
      lim[3 * k + 1] = py;
      lim[3 * k + 2] = barZ;
      k++;
    }
    if (barY < ry) {
      lim[3 * k] = px;
      lim[3 * k + 1] = barY;
      lim[3 * k + 2] = pz;
      k++;
    }
    if (barX < rx) {
      lim[3 * k] = barX;
      lim[3 * k + 1] = py;
      lim[3 * k + 2] = pz;
      k++;
    }
    const box = (rx - px) * (ry - py) * (rz - pz);
    let covered = 0;
    let m = 0;
    const lx = this.lx;
    const ly = this.ly;
    const lz = this.lz;
    if (k > 0) {
      // the non-dominated limited points in z order, and their 3-D volume
      m = k <= SMALL ? sortedFront3dSmall(lim, k, lx, ly, lz) : sortedFront3d(lim, k, this.rows, lx, ly, lz);
      covered = sweptVolume3d(lx, ly, lz, m, rx, ry, rz, this.st);
    }
    let volume = 0;
    let wPrev = pw;
    const st = this.st;
    for (let t = t1; t < count; t++) {
      const o = 4 * t;
      const a = S[o] > px ? S[o] : px;
      const b = S[o + 1] > py ? S[o + 1] : py;
      const c = S[o + 2] > pz ? S[o + 2] : pz;
      // behind a bar: dominated by a limited point already in L
      if (a >= barX || b >= barY || c >= barZ) continue;
      const w = S[o + 3];
      const gain = contribution3d(a, b, c, lx, ly, lz, m, rx, ry, rz, st);
      if (gain <= 0) continue;
      volume += (box - covered) * (w - wPrev);
      wPrev = w;
      if (a === px && b === py && c === pz) return volume;
      covered += gain;
      if (a === px) {
        if (b === py) barZ = c;
        else if (c === pz) barY = b;
      } else if (b === py && c === pz) barX = a;
      // insert (a, b, c) into L, kept sorted by z
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (lz[mid] <= c) lo = mid + 1;
        else hi = mid;
      }
      // keep L non-dominated: what (a, b, c) dominates lies after it in z
      // (lim is free scratch by now)
      let r = 0;
      for (let k = lo; k < m; k++) {
        if (a <= lx[k] && b <= ly[k]) continue;
        lim[3 * r] = lx[k];
        lim[3 * r + 1] = ly[k];
        lim[3 * r + 2] = lz[k];
        r++;
      }
      lx[lo] = a;
      ly[lo] = b;
      lz[lo] = c;
      for (let k = 0; k < r; k++) {
        lx[lo + 1 + k] = lim[3 * k];
        ly[lo + 1 + k] = lim[3 * k + 1];
        lz[lo + 1 + k] = lim[3 * k + 2];
      }
      m = lo + 1 + r;
    }
    return volume + (box - covered) * (ref[3] - wPrev);
  }
}

/** Up to this many limited points are sorted by insertion (no allocation); more go through nonDominated3d. */
const SMALL = 64;

/**
 * The non-dominated points of lim[0..k) (stride 3) in (z, x, y) order into lx, ly, lz, by
 * insertion sort then a staircase pass; returns their number. Same order and same set as
 * nonDominated3d (duplicates dropped).
 */
function sortedFront3dSmall(lim: Float64Array, k: number, lx: Float64Array, ly: Float64Array, lz: Float64Array): number {
  for (let t = 0; t < k; t++) {
    const x = lim[3 * t];
    const y = lim[3 * t + 1];
    const z = lim[3 * t + 2];
    let j = t;
    while (j > 0) {
      const zj = lz[j - 1];
      const xj = lx[j - 1];
      if (zj < z || (zj === z && (xj < x || (xj === x && ly[j - 1] <= y)))) break;
      lx[j] = xj;
      ly[j] = ly[j - 1];
      lz[j] = zj;
      j--;
    }
    lx[j] = x;
    ly[j] = y;
    lz[j] = z;
  }
  // drop the weakly dominated ones: in (z, x, y) order a dominator comes first, and among
  // the kept ones the least y so far at a smaller or equal x decides
  let m = 0;
  for (let t = 0; t < k; t++) {
    const x = lx[t];
    const y = ly[t];
    let dominated = false;
    for (let u = 0; u < m; u++) {
      if (lx[u] <= x && ly[u] <= y) {
        dominated = true;
        break;
      }
    }
    if (dominated) continue;
    lx[m] = x;
    ly[m] = y;
    lz[m] = lz[t];
    m++;
  }
  return m;
}

function sortedFront3d(lim: Float64Array, k: number, rows: Int32Array, lx: Float64Array, ly: Float64Array, lz: Float64Array): number {
  const order = nonDominated3d(lim, rows.subarray(0, k), false);
  const m = order.length;
  for (let t = 0; t < m; t++) {
    lx[t] = lim[3 * order[t]];
    ly[t] = lim[3 * order[t] + 1];
    lz[t] = lim[3 * order[t] + 2];
  }
  return m;
}

/** 3-D hypervolume of points already sorted by z (the HV3D sweep without its sort). */
function sweptVolume3d(lx: Float64Array, ly: Float64Array, lz: Float64Array, m: number, rx: number, ry: number, rz: number, st: Staircase2D): number {
  st.clear();
  let area = 0;
  let volume = 0;
  for (let t = 0; t < m; t++) {
    if (!st.weaklyDominates(lx[t], ly[t])) area += st.insert(lx[t], ly[t], t, rx, ry);
    volume += area * ((t + 1 < m ? lz[t + 1] : rz) - lz[t]);
  }
  return volume;
}
