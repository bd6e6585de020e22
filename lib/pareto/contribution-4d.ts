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

  compute(p: ArrayLike<number>, S: Float64Array, count: number, ref: ArrayLike<number>): number {
    const px = p[0];
    const py = p[1];
    const pz = p[2];
    const pw = p[3];
    const rx = ref[0];
    const ry = ref[1];
    const rz = ref[2];
    let t1 = 0;
    while (t1 < count && S[4 * t1 + 3] <= pw) t1++;
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
    // limited point behind a bar is dominated. One pass finds the bars, a
    // second keeps only the limited points in front of all three.
    let barX = rx;
    let barY = ry;
    let barZ = rz;
    for (let t = 0; t < t1; t++) {
      const o = 4 * t;
      const inX = S[o] <= px;
      const inY = S[o + 1] <= py;
      const inZ = S[o + 2] <= pz;
      if (inX && inY) {
        if (inZ) return 0;
        if (S[o + 2] < barZ) barZ = S[o + 2];
      } else if (inX && inZ) {
        if (S[o + 1] < barY) barY = S[o + 1];
      } else if (inY && inZ) {
        if (S[o] < barX) barX = S[o];
      }
    }
    let k = 0;
    for (let t = 0; t < t1; t++) {
      const o = 4 * t;
      const a = S[o] > px ? S[o] : px;
      const b = S[o + 1] > py ? S[o + 1] : py;
      const c = S[o + 2] > pz ? S[o + 2] : pz;
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
      // the non-dominated limited points, already in z order
      const order = nonDominated3d(lim, this.rows.subarray(0, k), false);
      m = order.length;
      for (let t = 0; t < m; t++) {
        lx[t] = lim[3 * order[t]];
        ly[t] = lim[3 * order[t] + 1];
        lz[t] = lim[3 * order[t] + 2];
      }
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
      const w = S[o + 3];
      const gain = contribution3d(a, b, c, lx, ly, lz, m, rx, ry, rz, st);
      if (gain <= 0) continue;
      volume += (box - covered) * (w - wPrev);
      wPrev = w;
      if (a === px && b === py && c === pz) return volume;
      covered += gain;
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
