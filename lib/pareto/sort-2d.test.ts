import { describe, expect, it } from "vitest";
import { dominates } from "./dominates";
import { hypervolume } from "./hypervolume";
import { nonDominated } from "./non-dominated";
import { nonDominatedNaive } from "./non-dominated-naive";
import { paretoRanks } from "./pareto-ranks";
import { iota } from "./argsort";
import { sortRows2d } from "./sort-2d";
import { mulberry } from "./test-helpers";

// large 2-D sets take the bucket-sort path (n >= 2048): spread, clustered, tied
function sets(): [string, number[][]][] {
  const rnd = mulberry(5);
  const n = 4000;
  return [
    ["uniform", Array.from({ length: n }, () => [rnd(), rnd()])],
    ["ties", Array.from({ length: n }, () => [Math.floor(rnd() * 30) / 30, Math.floor(rnd() * 30) / 30])],
    ["clustered", Array.from({ length: n }, (_, i) => (i % 50 === 0 ? [1e6 * rnd(), rnd()] : [rnd() * 1e-9, rnd()]))],
    ["front", Array.from({ length: n }, () => { const a = (rnd() * Math.PI) / 2; return [Math.cos(a), Math.sin(a)]; })],
    ["infinite", Array.from({ length: n }, (_, i) => (i === 7 ? [Infinity, 0] : [rnd(), rnd()]))],
  ];
}

describe("2-D sweeps on large sets (bucket sort)", () => {
  for (const [name, pts] of sets()) {
    it(`${name}: order, non-dominated set, ranks and hypervolume`, () => {
      const data = new Float64Array(pts.flat());
      const { ids } = sortRows2d(data, iota(pts.length));
      const want = Array.from(pts.keys()).sort((a, b) => pts[a][0] - pts[b][0] || pts[a][1] - pts[b][1] || a - b);
      expect(Array.from(ids)).toEqual(want);

      expect(Array.from(nonDominated(pts))).toEqual(nonDominatedNaive(pts));

      // ranks: a dominator has a lower rank, and every rank r > 1 has a dominator of rank r - 1
      const rank = paretoRanks(pts);
      const order = Array.from(pts.keys()).sort((a, b) => rank[a] - rank[b]);
      for (const q of order) {
        let hasParent = rank[q] === 1;
        for (const p of order) {
          if (rank[p] >= rank[q]) break;
          if (dominates(pts[p], pts[q]) && rank[p] === rank[q] - 1) hasParent = true;
        }
        expect(hasParent).toBe(true);
      }
      for (let p = 0; p < pts.length; p += 7) {
        for (let q = 0; q < pts.length; q++) if (dominates(pts[p], pts[q])) expect(rank[p]).toBeLessThan(rank[q]);
      }

      const ref = [1e7, 2];
      const inside = pts.filter((p) => p[0] < ref[0] && p[1] < ref[1]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let area = 0;
      let minY = ref[1];
      for (const [x, y] of inside) if (y < minY) { area += (ref[0] - x) * (minY - y); minY = y; }
      expect(Math.abs(hypervolume(pts, ref) - area)).toBeLessThanOrEqual(1e-12 * area);
    });
  }
});
