import { describe, expect, it } from "vitest";
import { dominates } from "./dominates";
import { hypervolume } from "./hypervolume";
import { nonDominated } from "./non-dominated";
import { nonDominatedNaive } from "./non-dominated-naive";
import { paretoRanks } from "./pareto-ranks";
import { iota } from "./argsort";
import { sortRows } from "./sort-rows";
import { mulberry } from "./test-helpers";

// large 2-D sets take the bucket-sort path (n >= 2048): spread, clustered, tied
function sets(): [string, number[][]][] {
  const rnd = mulberry(5);
  const n = 2500;
  return [
    ["uniform", Array.from({ length: n }, () => [rnd(), rnd()])],
    ["ties", Array.from({ length: n }, () => [Math.floor(rnd() * 30) / 30, Math.floor(rnd() * 30) / 30])],
    ["clustered", Array.from({ length: n }, (_, i) => (i % 50 === 0 ? [1e6 * rnd(), rnd()] : [rnd() * 1e-9, rnd()]))],
    [
      "front",
      Array.from({ length: n }, () => {
        const a = (rnd() * Math.PI) / 2;
        return [Math.cos(a), Math.sin(a)];
      }),
    ],
    ["infinite", Array.from({ length: n }, (_, i) => (i === 7 ? [Infinity, 0] : [rnd(), rnd()]))],
  ];
}

describe("3-D sweeps on large sets (bucket sort)", () => {
  const rnd = mulberry(11);
  const n = 2200;
  const cases: [string, number[][]][] = [
    ["uniform", Array.from({ length: n }, () => [rnd(), rnd(), rnd()])],
    ["ties", Array.from({ length: n }, () => [0, 1, 2].map(() => Math.floor(rnd() * 12) / 12))],
    [
      "front",
      Array.from({ length: n }, () => {
        const v = [rnd(), rnd(), rnd()];
        const s = v[0] + v[1] + v[2];
        return v.map((x) => x / s);
      }),
    ],
  ];
  for (const [name, pts] of cases) {
    it(`${name}: non-dominated set, ranks, hypervolume`, () => {
      expect(Array.from(nonDominated(pts))).toEqual(nonDominatedNaive(pts));
      expect(Array.from(nonDominated(pts, { keepDuplicates: true }))).toEqual(nonDominatedNaive(pts, true));
      const rank = paretoRanks(pts);
      let bad = 0;
      for (let p = 0; p < pts.length; p += 5) {
        for (let q = 0; q < pts.length; q++) if (dominates(pts[p], pts[q]) && !(rank[p] < rank[q])) bad++;
      }
      for (let q = 0; q < pts.length; q += 3) {
        if (rank[q] !== 1 && !pts.some((p, i) => rank[i] === rank[q] - 1 && dominates(p, pts[q]))) bad++;
      }
      expect(bad).toBe(0);
      // independent 3-D volume: slices in z, each slice's area by a plain 2-D sweep
      const ref = [1.1, 1.1, 1.1];
      const byZ = [...pts].sort((a, b) => a[2] - b[2]);
      const byX: number[][] = [];
      let volume = 0;
      byZ.forEach((p, i) => {
        let k = byX.findIndex((q) => q[0] > p[0] || (q[0] === p[0] && q[1] > p[1]));
        if (k < 0) k = byX.length;
        byX.splice(k, 0, p);
        let area = 0;
        let minY = ref[1];
        for (const q of byX)
          if (q[1] < minY) {
            area += (ref[0] - q[0]) * (minY - q[1]);
            minY = q[1];
          }
        volume += area * ((i + 1 < byZ.length ? byZ[i + 1][2] : ref[2]) - p[2]);
      });
      expect(Math.abs(hypervolume(pts, ref) - volume)).toBeLessThanOrEqual(1e-12 * volume);
    });
  }
});

describe("2-D sweeps on large sets (bucket sort)", () => {
  for (const [name, pts] of sets()) {
    it(`${name}: order, non-dominated set, ranks and hypervolume`, () => {
      const data = new Float64Array(pts.flat());
      const { ids, values } = sortRows(data, 2, iota(pts.length), [0, 1]);
      const want = Array.from(pts.keys()).sort((a, b) => pts[a][0] - pts[b][0] || pts[a][1] - pts[b][1] || a - b);
      expect(Array.from(ids)).toEqual(want);
      expect(Array.from(values)).toEqual(want.flatMap((i) => pts[i]));

      expect(Array.from(nonDominated(pts))).toEqual(nonDominatedNaive(pts));

      // ranks: a dominator has a lower rank, and every rank r > 1 has a dominator of rank r - 1
      const rank = paretoRanks(pts);
      let bad = 0;
      for (let q = 0; q < pts.length; q++) {
        if (rank[q] !== 1 && !pts.some((p, i) => rank[i] === rank[q] - 1 && dominates(p, pts[q]))) bad++;
      }
      for (let p = 0; p < pts.length; p += 7) {
        for (let q = 0; q < pts.length; q++) if (dominates(pts[p], pts[q]) && !(rank[p] < rank[q])) bad++;
      }
      expect(bad).toBe(0);

      const ref = [1e7, 2];
      const inside = pts.filter((p) => p[0] < ref[0] && p[1] < ref[1]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let area = 0;
      let minY = ref[1];
      for (const [x, y] of inside)
        if (y < minY) {
          area += (ref[0] - x) * (minY - y);
          minY = y;
        }
      expect(Math.abs(hypervolume(pts, ref) - area)).toBeLessThanOrEqual(1e-12 * area);
    });
  }
});
