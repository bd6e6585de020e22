import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dominates } from "./dominates";
import { nonDominated } from "./non-dominated";
import { nonDominatedNaive } from "./non-dominated-naive";
import { paretoRanks } from "./pareto-ranks";
import { paretoRanksNaive } from "./pareto-ranks-naive";
import { degeneratePointsArb, mulberry, pointsArb } from "./test-helpers";

describe("dominates", () => {
  it("is weak in all, strict in one", () => {
    expect(dominates([1, 2], [1, 3])).toBe(true);
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([1, 3], [2, 2])).toBe(false);
    expect(dominates([2, 2], [1, 3], { maximize: [true, false] })).toBe(true);
    expect(dominates([2, 3], [1, 2], { maximize: true })).toBe(true);
  });
});

describe("nonDominated", () => {
  it("hand cases", () => {
    const pts = [
      [1, 4],
      [2, 2],
      [4, 1],
      [3, 3],
      [2, 2],
      [5, 5],
    ];
    expect(Array.from(nonDominated(pts))).toEqual([0, 1, 2]);
    expect(Array.from(nonDominated(pts, { keepDuplicates: true }))).toEqual([0, 1, 2, 4]);
    expect(Array.from(nonDominated(pts, { maximize: true }))).toEqual([5]);
    expect(Array.from(nonDominated([]))).toEqual([]);
    expect(Array.from(nonDominated([[3], [1], [1], [2]]))).toEqual([1]);
    // infinite coordinates are ordinary values
    expect(
      Array.from(
        nonDominated([
          [Infinity, 0],
          [0, Infinity],
          [1, 1],
        ]),
      ),
    ).toEqual([0, 1, 2]);
    expect(Array.from(nonDominated([[Infinity], [Infinity]], { keepDuplicates: true }))).toEqual([0, 1]);
    expect(
      Array.from(
        nonDominated([
          [0, Infinity, 1],
          [1, Infinity, 0],
          [1, Infinity, 1],
        ]),
      ),
    ).toEqual([0, 1]);
    expect(
      Array.from(
        paretoRanks([
          [Infinity, 0],
          [0, Infinity],
          [Infinity, Infinity],
        ]),
      ),
    ).toEqual([1, 1, 2]);
    expect(Array.from(nonDominated({ data: new Float64Array([1, 4, 2, 2, 3, 3]), dim: 2 }))).toEqual([0, 1]);
  });

  for (let d = 1; d <= 6; d++) {
    it(`matches the naive twin in ${d}-D (ties, duplicates)`, () => {
      fc.assert(
        fc.property(pointsArb(d, 60), fc.boolean(), (pts, keep) => {
          expect(Array.from(nonDominated(pts, { keepDuplicates: keep }))).toEqual(nonDominatedNaive(pts, keep));
        }),
        { numRuns: 150 },
      );
    });
    it(`matches the naive twin in ${d}-D (degenerate objectives)`, () => {
      fc.assert(
        fc.property(degeneratePointsArb(d, 60), (pts) => {
          expect(Array.from(nonDominated(pts))).toEqual(nonDominatedNaive(pts));
        }),
        { numRuns: 60 },
      );
    });
  }

  it("large random sets (prefilter + sweeps) agree with the naive twin", () => {
    for (const d of [2, 3, 4, 5]) {
      const rnd = mulberry(d);
      const pts = Array.from({ length: 700 }, () => Array.from({ length: d }, () => Math.floor(rnd() * 40) / 40));
      expect(Array.from(nonDominated(pts))).toEqual(nonDominatedNaive(pts));
      expect(Array.from(paretoRanks(pts))).toEqual(paretoRanksNaive(pts));
    }
  });
});

describe("paretoRanks", () => {
  it("hand case", () => {
    const pts = [
      [1, 1],
      [2, 2],
      [3, 3],
      [1, 3],
      [2, 2],
    ];
    expect(Array.from(paretoRanks(pts))).toEqual([1, 2, 3, 2, 2]);
    expect(Array.from(paretoRanks(pts, { maximize: true }))).toEqual([3, 2, 1, 2, 2]);
  });
  it("many fronts: the Kung peels hand over to divide and conquer (4-D, 5-D)", () => {
    for (const d of [4, 5]) {
      const rnd = mulberry(40 + d);
      // about 120 levels of 3 incomparable-ish points, some exact duplicates and ties
      const pts = Array.from({ length: 360 }, (_, i) => {
        const level = Math.floor(i / 3);
        return Array.from({ length: d }, () => level + Math.floor(rnd() * 3) / 2);
      });
      pts.push([...pts[10]], [...pts[200]]);
      const naive = paretoRanksNaive(pts);
      expect(Math.max(...naive)).toBeGreaterThan(100);
      expect(Array.from(paretoRanks(pts))).toEqual(naive);
    }
  });
  for (let d = 1; d <= 6; d++) {
    it(`matches peeling in ${d}-D`, () => {
      fc.assert(
        fc.property(fc.oneof(pointsArb(d, 80, 4), degeneratePointsArb(d, 60)), (pts) => {
          expect(Array.from(paretoRanks(pts))).toEqual(paretoRanksNaive(pts));
        }),
        { numRuns: 150 },
      );
    });
  }
});
