import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume } from "./hypervolume";
import { hypervolumeGrid, hypervolumeInclusionExclusion } from "./hypervolume-naive";
import { hypervolumeWfgSweep } from "./hypervolume-nd";
import { closeRel, degeneratePointsArb, mulberry, pointsArb } from "./test-helpers";

describe("hypervolume: hand-computed values", () => {
  it("1-D to 3-D", () => {
    expect(hypervolume([[0.25]], [1])).toBe(0.75);
    expect(hypervolume([], [1, 1])).toBe(0);
    expect(
      hypervolume(
        [
          [1, 2],
          [2, 1],
        ],
        [3, 3],
      ),
    ).toBe(3);
    expect(hypervolume([[0, 0, 0]], [1, 2, 3])).toBe(6);
    // two boxes of 4 overlapping in 1*1*2
    expect(
      hypervolume(
        [
          [0, 1, 0],
          [1, 0, 0],
        ],
        [2, 2, 2],
      ),
    ).toBe(6);
    // points not strictly dominating the reference point contribute nothing
    expect(
      hypervolume(
        [
          [1, 0],
          [3, 0],
          [0, 3],
        ],
        [3, 3],
      ),
    ).toBe(6);
  });
  it("4-D and 5-D", () => {
    expect(hypervolume([[0, 0, 0, 0]], [1, 1, 1, 2])).toBe(2);
    expect(
      hypervolume(
        [
          [0, 1, 0, 0],
          [1, 0, 0, 0],
        ],
        [2, 2, 2, 2],
      ),
    ).toBe(12);
    expect(
      hypervolume(
        [
          [0, 1, 0, 0, 0],
          [1, 0, 0, 0, 0],
        ],
        [2, 2, 2, 2, 2],
      ),
    ).toBe(24);
    expect(hypervolume([[0, 0, 0, 0, 0, 0]], [1, 1, 1, 1, 1, 3])).toBe(3);
  });
  it("directions: maximizing is minimizing the negation", () => {
    const pts = [
      [0.2, 0.9],
      [0.7, 0.4],
      [0.5, 0.5],
    ];
    expect(hypervolume(pts, [0, 0], { maximize: true })).toBeCloseTo(
      hypervolume(
        pts.map((p) => p.map((v) => -v)),
        [0, 0],
      ),
      14,
    );
    expect(hypervolume([[1, 2]], [0, 3], { maximize: [true, false] })).toBe(1);
  });
  it("flat input", () => {
    expect(hypervolume({ data: new Float64Array([1, 2, 2, 1]), dim: 2 }, [3, 3])).toBe(3);
  });
});

describe("hypervolume: against independent computations", () => {
  for (let d = 1; d <= 6; d++) {
    it(`inclusion-exclusion on small sets, ${d}-D`, () => {
      fc.assert(
        fc.property(fc.oneof(pointsArb(d, 10), degeneratePointsArb(d, 10)), (pts) => {
          const ref = new Array(d).fill(1.1);
          const ours = hypervolume(pts, ref);
          const naive = hypervolumeInclusionExclusion(pts, ref);
          expect(closeRel(ours, naive, 1e-12, 1e-14), `${ours} vs ${naive}`).toBe(true);
        }),
        { numRuns: 120 },
      );
    });
    it(`grid method on medium sets, ${d}-D, and point-order invariance`, () => {
      const maxN = [0, 200, 120, 40, 18, 10, 7][d];
      fc.assert(
        fc.property(pointsArb(d, maxN), fc.integer(), (pts, seed) => {
          const ref = new Array(d).fill(1);
          const ours = hypervolume(pts, ref);
          expect(closeRel(ours, hypervolumeGrid(pts, ref))).toBe(true);
          const rnd = mulberry(seed);
          const shuffled = pts
            .map((p) => [rnd(), p] as const)
            .sort((a, b) => a[0] - b[0])
            .map((x) => x[1]);
          expect(closeRel(hypervolume(shuffled, ref), ours)).toBe(true);
        }),
        { numRuns: 40 },
      );
    });
  }
  it("larger front-shaped sets agree with the grid method (4-D, 5-D)", () => {
    for (const [d, n] of [
      [3, 60],
      [4, 30],
      [5, 14],
    ]) {
      const rnd = mulberry(d * 7);
      const pts = Array.from({ length: n }, () => {
        const v = Array.from({ length: d }, () => Math.abs(rnd() - 0.5) + 1e-3);
        const norm = Math.hypot(...v);
        return v.map((x) => Math.round((x / norm) * 64) / 64);
      });
      const ref = new Array(d).fill(1.1);
      expect(closeRel(hypervolume(pts, ref), hypervolumeGrid(pts, ref))).toBe(true);
    }
  });
});

describe("hypervolume: 4-D and 5-D sweeps against the WFG-style sweep", () => {
  for (const d of [4, 5]) {
    it(`${d}-D, medium sets with ties`, () => {
      fc.assert(
        fc.property(fc.oneof(pointsArb(d, 120, 8), degeneratePointsArb(d, 80)), (pts) => {
          const ref = new Array(d).fill(1.1);
          const inside = pts.filter((p) => p.every((v, j) => v < ref[j]));
          const data = new Float64Array(inside.flat());
          const rows = Int32Array.from(inside.keys());
          const ours = hypervolume(pts, ref);
          const wfg = hypervolumeWfgSweep(data, d, rows, ref);
          expect(closeRel(ours, wfg), `${ours} vs ${wfg}`).toBe(true);
        }),
        { numRuns: 60 },
      );
    });
  }
  it("5-D front of 400 points", () => {
    const rnd = mulberry(99);
    const pts = Array.from({ length: 400 }, () => {
      const v = Array.from({ length: 5 }, () => Math.abs(rnd() - 0.5) + 1e-3);
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    });
    const ref = new Array(5).fill(1.1);
    const wfg = hypervolumeWfgSweep(new Float64Array(pts.flat()), 5, Int32Array.from(pts.keys()), ref);
    expect(closeRel(hypervolume(pts, ref), wfg)).toBe(true);
  });
});
