import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crowdingDistance } from "./crowding-distance";
import { empiricalAttainment2d } from "./empirical-attainment-2d";
import { empiricalAttainment2dNaive } from "./empirical-attainment-2d-naive";
import { epsilonAdditive } from "./epsilon-additive";
import { igdPlus } from "./igd-plus";
import { pointsArb } from "./test-helpers";

describe("crowdingDistance", () => {
  it("hand case", () => {
    const c = crowdingDistance([
      [0, 4],
      [1, 2],
      [3, 1],
      [4, 0],
    ]);
    expect(c[0]).toBe(Infinity);
    expect(c[3]).toBe(Infinity);
    expect(c[1]).toBeCloseTo(3 / 4 + 3 / 4, 14);
    expect(c[2]).toBeCloseTo(3 / 4 + 2 / 4, 14);
    expect(
      Array.from(
        crowdingDistance([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toEqual([Infinity, Infinity]);
    expect(Array.from(crowdingDistance([]))).toEqual([]);
  });
  it("ignores constant objectives and is direction-free", () => {
    const pts = [
      [0, 1, 5],
      [1, 0.5, 5],
      [2, 0, 5],
    ];
    expect(crowdingDistance(pts)[1]).toBeCloseTo(2, 14);
    expect(Array.from(crowdingDistance(pts, { maximize: true }))).toEqual(Array.from(crowdingDistance(pts)));
  });
});

describe("igdPlus and epsilonAdditive", () => {
  it("hand cases", () => {
    const ref = [
      [0, 1],
      [1, 0],
    ];
    expect(igdPlus(ref, ref)).toBe(0);
    expect(igdPlus([[1, 1]], ref)).toBe(1);
    expect(igdPlus([[0.5, 0.5]], ref)).toBeCloseTo(0.5, 14);
    expect(
      epsilonAdditive(
        [
          [0.5, 1.5],
          [1.5, 0.5],
        ],
        ref,
      ),
    ).toBe(0.5);
    expect(epsilonAdditive(ref, [[1, 1]])).toBe(0);
    expect(epsilonAdditive([[-1, -1]], ref)).toBe(-1);
    expect(igdPlus([], ref)).toBe(Infinity);
    expect(epsilonAdditive([], ref)).toBe(Infinity);
    expect(epsilonAdditive([[3, 3]], [[1, 1]], { maximize: true })).toBe(-2);
  });
  it("a set that weakly dominates the reference scores IGD+ 0 and epsilon <= 0", () => {
    fc.assert(
      fc.property(
        pointsArb(3, 20).filter((p) => p.length > 0),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (pts, s) => {
          const better = pts.map((p) => p.map((v) => v - s));
          expect(igdPlus(better, pts)).toBe(0);
          expect(epsilonAdditive(better, pts)).toBeLessThanOrEqual(0);
          expect(epsilonAdditive(pts, better)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("empiricalAttainment2d", () => {
  it("hand case: two runs", () => {
    const eaf = empiricalAttainment2d([
      [
        [1, 3],
        [3, 1],
      ],
      [[2, 2]],
    ]);
    expect(eaf).toEqual([
      {
        level: 0.5,
        points: [
          [1, 3],
          [2, 2],
          [3, 1],
        ],
      },
      {
        level: 1,
        points: [
          [2, 3],
          [3, 2],
        ],
      },
    ]);
    expect(empiricalAttainment2d([])).toEqual([]);
  });
  it("matches the naive grid count", () => {
    fc.assert(
      fc.property(fc.array(pointsArb(2, 8, 5), { minLength: 1, maxLength: 5 }), (runs) => {
        const fast = empiricalAttainment2d(runs);
        const naive = empiricalAttainment2dNaive(runs);
        expect(fast.map((s) => s.points)).toEqual(naive);
        expect(fast.map((s) => s.level)).toEqual(runs.map((_, l) => (l + 1) / runs.length));
      }),
      { numRuns: 150 },
    );
  });
  it("maximization returns points in the user's directions", () => {
    const eaf = empiricalAttainment2d(
      [
        [
          [3, 1],
          [1, 3],
        ],
      ],
      { maximize: true },
    );
    expect(eaf[0].points).toEqual([
      [3, 1],
      [1, 3],
    ]);
  });
});
