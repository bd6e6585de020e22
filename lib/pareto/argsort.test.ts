import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argsortLex, iota } from "./argsort";

describe("argsortLex", () => {
  it("orders rows lexicographically, ties by row index, with big tie groups", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 2 }), fc.double({ min: -1, max: 1, noNaN: true })), {
          maxLength: 300,
        }),
        (rows) => {
          const data = new Float64Array(rows.flat().map((v) => v + 0));
          const got = Array.from(argsortLex(data, 3, iota(rows.length), [0, 1, 2]));
          const want = Array.from(rows.keys()).sort((a, b) => {
            for (let j = 0; j < 3; j++) if (rows[a][j] !== rows[b][j]) return rows[a][j] - rows[b][j];
            return a - b;
          });
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });
  it("handles tiny differences below the packed key precision", () => {
    const data = new Float64Array([1 + 2 ** -50, 1, 1 + 2 ** -51, 1 - 2 ** -52]);
    expect(Array.from(argsortLex(data, 1, iota(4), [0]))).toEqual([3, 1, 2, 0]);
  });
});
