import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { iota } from "./argsort";
import { dominates } from "./dominates";
import { nonDominatedNaive } from "./non-dominated-naive";
import { dropDominatedByBest } from "./prefilter";
import { mulberry } from "./test-helpers";

const value = fc.oneof(
  fc.integer({ min: 0, max: 3 }).map((v) => v / 3),
  fc.constant(Infinity),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

/** Rows of `pts` that another row strictly dominates (brute force). */
function dominatedRows(pts: number[][]): Set<number> {
  const out = new Set<number>();
  pts.forEach((p, i) => {
    if (pts.some((q, k) => k !== i && dominates(q, p))) out.add(i);
  });
  return out;
}

describe("dropDominatedByBest (the pre-pass before the exact algorithms)", () => {
  it("keeps every non-dominated row (and every copy of one) and drops only dominated rows", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 64, max: 300 }), (d, seed, n) => {
        const rnd = mulberry(seed);
        const pool = 2 + (seed % 7);
        const pts = Array.from({ length: n }, () => Array.from({ length: d }, () => Math.floor(rnd() * pool) / pool));
        const kept = new Set(dropDominatedByBest(Float64Array.from(pts.flat()), d, iota(n)));
        for (const i of nonDominatedNaive(pts, true)) expect(kept.has(i)).toBe(true);
        const dominated = dominatedRows(pts);
        for (let i = 0; i < n; i++) if (!kept.has(i)) expect(dominated.has(i)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
  it("filters a random set, and skips the pass on a front (the least-sum row dominates none of the first 32 rows)", () => {
    const rnd = mulberry(5);
    const random = Array.from({ length: 500 }, () => [rnd(), rnd(), rnd()]);
    const rows = iota(500);
    expect(dropDominatedByBest(Float64Array.from(random.flat()), 3, rows).length).toBeLessThan(500);
    // a front with one dominated row past the probe: the pass is skipped, the row stays (exact either way)
    const front = Array.from({ length: 200 }, (_, i) => [i / 199, 1 - i / 199]);
    front.push([1, 1]);
    const out = dropDominatedByBest(Float64Array.from(front.flat()), 2, iota(201));
    expect(out.length).toBe(201);
  });
  it("property: with ties and infinities, still a superset of the non-dominated rows", () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 4, maxLength: 4 }), { minLength: 64, maxLength: 200 }), (pts) => {
        const kept = new Set(dropDominatedByBest(Float64Array.from(pts.flat()), 4, iota(pts.length)));
        for (const i of nonDominatedNaive(pts, true)) expect(kept.has(i)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});
