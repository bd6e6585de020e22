import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume } from "./hypervolume";
import { nonDominated } from "./non-dominated";
import { paretoRanks } from "./pareto-ranks";
import { readMinimization, toMinimization } from "./to-minimization";

describe("readMinimization", () => {
  it("uses a flat minimization set as it is, and copies when a column is maximized or a -0 is present", () => {
    const data = new Float64Array([1, 2, 3, 0, 4, 5]);
    expect(readMinimization({ data, dim: 2 }).data).toBe(data);
    expect(readMinimization({ data, dim: 2 }, { maximize: [false, false] }).data).toBe(data);
    const maxed = readMinimization({ data, dim: 2 }, { maximize: [false, true] });
    expect(maxed.data).not.toBe(data);
    expect(Array.from(maxed.data)).toEqual(Array.from(toMinimization({ data, dim: 2 }, { maximize: [false, true] }).data));
    const withNegZero = new Float64Array([1, -0, 3, 0]);
    const copied = readMinimization({ data: withNegZero, dim: 2 });
    expect(copied.data).not.toBe(withNegZero);
    expect(Object.is(copied.data[1], 0)).toBe(true);
    expect(() => readMinimization({ data, dim: 4 })).toThrow(RangeError);
    expect(() => readMinimization({ data, dim: 2 }, { maximize: [true] })).toThrow(RangeError);
  });

  it("nonDominated, paretoRanks and hypervolume leave the caller's array as it was and agree with a copy, every dimension and engine", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom<"js" | "wasm">("js", "wasm"),
        fc.array(fc.oneof(fc.constantFrom(0, -0, 0.25, 0.5, 1), fc.double({ min: -1, max: 1, noNaN: true })), { maxLength: 6 * 80 }),
        (dim, engine, flat) => {
          const data = new Float64Array(flat.slice(0, flat.length - (flat.length % dim)));
          const before = Array.from(data);
          const asRows = Array.from({ length: data.length / dim }, (_, i) => before.slice(i * dim, (i + 1) * dim));
          const ref = new Array(dim).fill(1.5);
          const nd = Array.from(nonDominated({ data, dim }, { engine }));
          const ranks = Array.from(paretoRanks({ data, dim }, { engine }));
          const hv = hypervolume({ data, dim }, ref, { engine });
          // the caller's array is untouched, -0 included
          expect(Array.from(data).every((v, k) => Object.is(v, before[k]))).toBe(true);
          // the same results as on the rows (always copied)
          expect(nd).toEqual(Array.from(nonDominated(asRows, { engine })));
          expect(ranks).toEqual(Array.from(paretoRanks(asRows, { engine })));
          expect(hv).toBe(hypervolume(asRows, ref, { engine }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
