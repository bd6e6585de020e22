import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume4d } from "./hypervolume-4d";
import { hypervolume4dPlus } from "./hypervolume-4d-plus";
import { hypervolumeGrid, hypervolumeInclusionExclusion } from "./hypervolume-naive";
import { hypervolumeWfgSweep } from "./hypervolume-nd";
import { closeRel, degeneratePointsArb, mulberry, pointsArb } from "./test-helpers";

/** Rows strictly inside the reference box, dominated and duplicate rows kept. */
function inside(pts: number[][], ref: number[]): { data: Float64Array; rows: Int32Array } {
  const kept = pts.filter((p) => p.every((v, j) => v < ref[j]));
  return { data: new Float64Array(kept.flat()), rows: Int32Array.from(kept.keys()) };
}

describe("hypervolume4dPlus (HV4D+ with neighbour links)", () => {
  it("hand-computed values", () => {
    const one = inside([[0, 0, 0, 0]], [1, 1, 1, 2]);
    expect(hypervolume4dPlus(one.data, one.rows, [1, 1, 1, 2])).toBe(2);
    const two = inside(
      [
        [0, 1, 0, 0],
        [1, 0, 0, 0],
      ],
      [2, 2, 2, 2],
    );
    expect(hypervolume4dPlus(two.data, two.rows, [2, 2, 2, 2])).toBe(12);
    expect(hypervolume4dPlus(new Float64Array(0), new Int32Array(0), [1, 1, 1, 1])).toBe(0);
  });
  it("equals inclusion-exclusion on small sets (ties, duplicates, dominated rows)", () => {
    fc.assert(
      fc.property(fc.oneof(pointsArb(4, 10), degeneratePointsArb(4, 10)), (pts) => {
        const ref = [1.1, 1.1, 1.1, 1.1];
        const { data, rows } = inside(pts, ref);
        const ours = hypervolume4dPlus(data, rows, ref);
        const naive = hypervolumeInclusionExclusion(pts, ref);
        expect(closeRel(ours, naive, 1e-12, 1e-14), `${ours} vs ${naive}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it("equals the grid method and the WFG-style sweep on medium sets", () => {
    fc.assert(
      fc.property(fc.oneof(pointsArb(4, 120, 8), degeneratePointsArb(4, 80), pointsArb(4, 18)), (pts) => {
        const ref = [1, 1, 1, 1];
        const { data, rows } = inside(pts, ref);
        const ours = hypervolume4dPlus(data, rows, ref);
        expect(closeRel(ours, hypervolumeWfgSweep(data, 4, rows, ref))).toBe(true);
        if (pts.length <= 18) expect(closeRel(ours, hypervolumeGrid(pts, ref))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
  it("equals the contribution sweep (hypervolume4d) on front-shaped and random sets", () => {
    for (const [n, shape] of [
      [2000, "front"],
      [2000, "random"],
      [500, "grid"],
    ] as const) {
      const rnd = mulberry(n + shape.length);
      const pts = Array.from({ length: n }, () => {
        const v = Array.from({ length: 4 }, () => rnd());
        if (shape === "random") return v;
        if (shape === "grid") return v.map((x) => Math.round(x * 5) / 5);
        const norm = Math.hypot(...v);
        return v.map((x) => x / norm);
      });
      const ref = [1.1, 1.1, 1.1, 1.1];
      const { data, rows } = inside(pts, ref);
      const a = hypervolume4dPlus(data, rows, ref);
      const b = hypervolume4d(data, rows, ref);
      expect(closeRel(a, b, 1e-13), `${shape}: ${a} vs ${b}`).toBe(true);
    }
  });
});
