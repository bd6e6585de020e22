import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume } from "./hypervolume";
import { nonDominatedNaive } from "./non-dominated-naive";
import { ParetoArchive } from "./pareto-archive";
import { pointsArb } from "./test-helpers";

describe("ParetoArchive", () => {
  it("hand case in 2-D with payloads", () => {
    const a = new ParetoArchive([4, 4]);
    expect(a.size).toBe(0);
    expect(a.hypervolume).toBe(0);
    expect(a.insert([2, 2], "a")).toBe(true);
    expect(a.hypervolume).toBe(4);
    expect(a.hypervolumeGainIfAdded([1, 3])).toBe(1);
    expect(a.insert([2, 2], "dup")).toBe(false);
    expect(a.insert([3, 3])).toBe(false);
    expect(a.insert([1, 3], "b")).toBe(true);
    expect(a.insert([1, 1], "c")).toBe(true);
    expect(a.size).toBe(1);
    expect(a.hypervolume).toBe(9);
    expect(a.entries()).toEqual([{ point: [1, 1], payload: "c" }]);
    expect(a.insert([0, 5], "outside")).toBe(true);
    expect(a.hypervolume).toBe(9);
    expect(a.front()).toEqual([
      [0, 5],
      [1, 1],
    ]);
  });

  it("maximization", () => {
    const a = new ParetoArchive([0, 0], { maximize: true });
    a.insert([1, 2]);
    a.insert([2, 1]);
    expect(a.hypervolume).toBe(3);
    expect(a.front().sort()).toEqual([
      [1, 2],
      [2, 1],
    ]);
  });

  for (let d = 1; d <= 6; d++) {
    it(`${d}-D: front and hypervolume match batch computations after every insert`, () => {
      const maxN = [0, 20, 120, 60, 30, 20, 14][d];
      fc.assert(
        fc.property(pointsArb(d, maxN, 6), (pts) => {
          const ref = new Array(d).fill(1);
          const a = new ParetoArchive(ref);
          pts.forEach((p, i) => {
            const before = a.hypervolume;
            const gain = a.hypervolumeGainIfAdded(p);
            a.insert(p, i);
            const seen = pts.slice(0, i + 1);
            const hv = hypervolume(seen, ref);
            expect(Math.abs(a.hypervolume - hv)).toBeLessThanOrEqual(1e-12 * Math.max(1, hv));
            expect(Math.abs(before + gain - hv)).toBeLessThanOrEqual(1e-12 * Math.max(1, hv));
          });
          const expected = nonDominatedNaive(pts)
            .map((i) => pts[i].join(","))
            .sort();
          expect(
            a
              .front()
              .map((p) => p.join(","))
              .sort(),
          ).toEqual(expected);
          expect(a.size).toBe(expected.length);
          // payload is the index of the first copy inserted
          for (const e of a.entries()) expect(pts[e.payload as number]).toEqual(e.point);
        }),
        { numRuns: 40 },
      );
    });
  }
});
