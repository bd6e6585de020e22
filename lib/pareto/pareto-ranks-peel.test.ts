import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { iota } from "./argsort";
import { paretoRanksNaive } from "./pareto-ranks-naive";
import { paretoRanksNd } from "./pareto-ranks-nd";
import { peelFronts } from "./pareto-ranks-peel";
import { degeneratePointsArb, mulberry, pointsArb } from "./test-helpers";

/** peelFronts with a given budget, the rest by divide and conquer, as paretoRanks does. */
function ranksWithBudget(pts: number[][], budget: number): { ranks: number[]; peeled: number; rest: number[] } {
  const n = pts.length;
  const dim = pts[0].length;
  const data = Float64Array.from(pts.flat());
  const ranks = new Int32Array(n);
  const { peeled, rest } = peelFronts(data, dim, iota(n), ranks, budget);
  if (rest.length > 0) {
    paretoRanksNd(data, dim, rest, ranks);
    for (let t = 0; t < rest.length; t++) ranks[rest[t]] += peeled;
  }
  return { ranks: Array.from(ranks), peeled, rest: Array.from(rest).sort((a, b) => a - b) };
}

describe("peelFronts (paretoRanks d >= 4: one sort, Kung per front)", () => {
  for (const d of [4, 5, 6]) {
    it(`matches the naive peeling twin in ${d}-D for any budget (ties, duplicates)`, () => {
      fc.assert(
        fc.property(fc.oneof(pointsArb(d, 150, 4), degeneratePointsArb(d, 80)), fc.constantFrom(0, 1, 2, 8, Infinity), (pts, times) => {
          fc.pre(pts.length > 0);
          const naive = paretoRanksNaive(pts);
          const { ranks, peeled, rest } = ranksWithBudget(pts, times * pts.length);
          expect(ranks).toEqual(naive);
          // the rows left are exactly those of the fronts not peeled
          expect(rest).toEqual(naive.flatMap((r, i) => (r > peeled ? [i] : [])));
        }),
        { numRuns: 120 },
      );
    });
  }
  it("large sets with many fronts and copies (leaves, brute-force filters, sweeps)", () => {
    for (const d of [4, 5]) {
      const rnd = mulberry(70 + d);
      const pts = Array.from({ length: 1500 }, () => Array.from({ length: d }, () => Math.floor(rnd() * 12) / 12));
      for (let c = 0; c < 40; c++) pts.push([...pts[c * 7]]);
      const naive = paretoRanksNaive(pts);
      expect(Math.max(...naive)).toBeGreaterThan(5);
      for (const times of [0, 3, Infinity]) expect(ranksWithBudget(pts, times * pts.length).ranks).toEqual(naive);
    }
  });
});
