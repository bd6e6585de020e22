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
import { argsortLex, iota } from "./argsort";
import { contribution3d } from "./contribution-3d";
import { hypervolume3d } from "./hypervolume-3d";
import { dropDominatedByBest } from "./prefilter";
import { Staircase2D } from "./staircase-2d";

export class Contribution4d {
  private lim = new Float64Array(48);
  private lx = new Float64Array(16);
  private ly = new Float64Array(16);
  private lz = new Float64Array(16);
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
    if (this.lim.length < 3 * count + 3) {
      const cap = 2 * count + 16;
      this.lim = new Float64Array(3 * cap);
      this.lx = new Float64Array(cap);
      this.ly = new Float64Array(cap);
      this.lz = new Float64Array(cap);
    }
    const lim = this.lim;
    for (let t = 0; t < t1; t++) {
      const o = 4 * t;
      const a = S[o] > px ? S[o] : px;
      const b = S[o + 1] > py ? S[o + 1] : py;
      const c = S[o + 2] > pz ? S[o + 2] : pz;
      if (a === px && b === py && c === pz) return 0;
      lim[3 * t] = a;
      lim[3 * t + 1] = b;
      lim[3 * t + 2] = c;
    }
    const box = (rx - px) * (ry - py) * (rz - pz);
    let covered = 0;
    let m = 0;
    const lx = this.lx;
    const ly = this.ly;
    const lz = this.lz;
    if (t1 > 0) {
      const rows = dropDominatedByBest(lim, 3, iota(t1));
      covered = hypervolume3d(lim, rows, ref);
      const order = argsortLex(lim, 3, rows, [2]);
      m = order.length;
      for (let t = 0; t < m; t++) {
        lx[t] = lim[3 * order[t]];
        ly[t] = lim[3 * order[t] + 1];
        lz[t] = lim[3 * order[t] + 2];
      }
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
      const gain = contribution3d(a, b, c, lx, ly, lz, m, -1, rx, ry, rz, st);
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
      lx.copyWithin(lo + 1, lo, m);
      ly.copyWithin(lo + 1, lo, m);
      lz.copyWithin(lo + 1, lo, m);
      lx[lo] = a;
      ly[lo] = b;
      lz[lo] = c;
      m++;
    }
    return volume + (box - covered) * (ref[3] - wPrev);
  }
}
