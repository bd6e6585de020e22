import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume } from "./hypervolume";
import { hypervolumeContributions } from "./hypervolume-contributions";
import { hypervolumeContributionsNaive } from "./hypervolume-contributions-naive";
import { closeRel, pointsArb } from "./test-helpers";

describe("hypervolumeContributions", () => {
  it("hand case in 2-D, duplicates and dominated points contribute 0", () => {
    const pts = [
      [1, 3],
      [2, 2],
      [3, 1],
      [2, 2.5],
      [3, 1],
      [5, 0],
    ];
    // ref (4,4): [1,3] -> (2-1)*(4-3)=1; [2,2] -> (3-2)*(3-2) minus the part of
    // [2,2.5] (which only [2,2] dominates) = 1 - 0.5; the two [3,1] share; [5,0] is outside
    expect(Array.from(hypervolumeContributions(pts, [4, 4]))).toEqual([1, 0.5, 0, 0, 0, 0]);
    expect(Array.from(hypervolumeContributions([], [1, 1]))).toEqual([]);
    expect(Array.from(hypervolumeContributions([[0.5]], [1]))).toEqual([0.5]);
  });

  it("2-D: HV(all) - HV(all without i) equals contribution i (fast HV)", () => {
    fc.assert(
      fc.property(pointsArb(2, 80), (pts) => {
        const ref = [1.1, 1.1];
        const all = hypervolume(pts, ref);
        const c = hypervolumeContributions(pts, ref);
        pts.forEach((_, i) => {
          const without = hypervolume(
            pts.filter((__, k) => k !== i),
            ref,
          );
          expect(Math.abs(all - without - c[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, all));
        });
      }),
      { numRuns: 100 },
    );
  });

  for (let d = 1; d <= 6; d++) {
    it(`${d}-D: matches the naive twin`, () => {
      const maxN = [0, 30, 25, 18, 10, 7, 5][d];
      fc.assert(
        fc.property(pointsArb(d, maxN, 5), (pts) => {
          const ref = new Array(d).fill(1.05);
          const c = hypervolumeContributions(pts, ref);
          const naive = hypervolumeContributionsNaive(pts, ref);
          const scale = hypervolume(pts, ref);
          naive.forEach((v, i) => expect(Math.abs(v - c[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, scale)));
        }),
        { numRuns: 60 },
      );
    });
  }

  it("directions are honoured", () => {
    const c = hypervolumeContributions(
      [
        [3, 1],
        [2, 2],
      ],
      [0, 0],
      { maximize: true },
    );
    expect(closeRel(c[0], 1 * 1)).toBe(true);
    expect(closeRel(c[1], 2 * 1)).toBe(true);
  });
});
