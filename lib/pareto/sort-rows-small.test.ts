import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { argsortLex, iota } from "./argsort";
import { sortRows } from "./sort-rows";
import { mulberry } from "./test-helpers";

// Below 2,048 rows (and for non-finite keys at any size) sortRows runs argsortLex's sort with its scan writing the
// rows out directly, in one buffer: the order must be exactly argsortLex's, and the brute-force lexicographic one.

/** Doubles that stress the order-preserving keys: ties, both zeros, infinities, subnormals, huge and tiny magnitudes. */
const value = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 2, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, Number.MAX_VALUE, -Number.MAX_VALUE),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true }),
  fc.double({ min: -1, max: 1, noNaN: true }),
  // neighbours of 1 that agree in more than the high 32 bits (the truncated keys collide)
  fc.integer({ min: 0, max: 40 }).map((k) => 1 + k * 2 ** -52),
);

/** Lexicographic by coords, ties by row index (numeric comparison: data here has no -0). */
function bruteForce(data: Float64Array, dim: number, rows: Int32Array, coords: number[]): number[] {
  return Array.from(rows).sort((a, b) => {
    for (const c of coords) {
      const x = data[a * dim + c];
      const y = data[b * dim + c];
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return a - b;
  });
}

const cases = fc.record({
  dim: fc.integer({ min: 1, max: 4 }),
  flat: fc.array(value, { maxLength: 4 * 400 }),
  copies: fc.integer({ min: 0, max: 60 }),
  coordSeed: fc.nat(),
  shuffle: fc.boolean(),
  subsetSeed: fc.nat(),
});

function build(c: { dim: number; flat: number[]; copies: number; coordSeed: number; shuffle: boolean; subsetSeed: number }) {
  const { dim } = c;
  const n0 = Math.floor(c.flat.length / dim);
  const vals = c.flat.slice(0, n0 * dim);
  // exact copies of earlier rows (big tie groups when they repeat one row)
  for (let k = 0; k < c.copies && n0 > 0; k++) {
    const src = (k * 7 + c.subsetSeed) % Math.min(n0, 3);
    for (let j = 0; j < dim; j++) vals.push(vals[src * dim + j]);
  }
  const data = new Float64Array(vals);
  const n = data.length / dim;
  // coords: a rotation of 0..dim-1, 1 to dim of them
  const coords = Array.from({ length: 1 + (c.coordSeed % dim) }, (_, k) => (k + (c.coordSeed >> 3)) % dim);
  // rows: all, or every other row, in ascending or scrambled order
  let rows = c.subsetSeed % 2 === 0 ? iota(n) : Int32Array.from({ length: Math.ceil(n / 2) }, (_, k) => 2 * k);
  if (c.shuffle) rows = Int32Array.from(Array.from(rows).reverse());
  return { data, dim, n, coords, rows };
}

describe("sortRows below the bucket-sort size", () => {
  it("orders like a brute-force comparator sort (ties by row index) and copies the rows out", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { data: raw, dim, coords, rows } = build(c);
        const data = raw.map((v) => v + 0); // -0 -> +0, as toMinimization hands every sweep its data
        const { values, ids } = sortRows(data, dim, rows, coords);
        const want = bruteForce(data, dim, rows, coords);
        expect(Array.from(ids)).toEqual(want);
        expect(Array.from(values)).toEqual(want.flatMap((i) => Array.from(data.subarray(i * dim, (i + 1) * dim))));
      }),
      { numRuns: 300 },
    );
  });

  it("gives argsortLex's order exactly, -0 included", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { data, dim, coords, rows } = build(c);
        const { values, ids } = sortRows(data, dim, rows, coords);
        const order = argsortLex(data, dim, rows, coords);
        expect(Array.from(ids)).toEqual(Array.from(order));
        for (let t = 0; t < order.length; t++) for (let j = 0; j < dim; j++) expect(Object.is(values[t * dim + j], data[order[t] * dim + j])).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("sorts 1,000 to 2,047 rows of every kind of key the same way", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 2047 }), fc.integer({ min: 1, max: 50 }), fc.nat(), (n, distinct, seed) => {
        // few distinct values (many ties), spread over signs and magnitudes
        const pool = Array.from({ length: distinct }, (_, k) => ((k * 2654435761 + seed) % 1000) * (k % 2 ? -1 : 1) * 10 ** ((k % 7) - 3) + 0);
        const rnd = mulberry(seed);
        const data = Float64Array.from({ length: 3 * n }, () => pool[Math.floor(rnd() * distinct)]);
        const rows = iota(n);
        const { ids } = sortRows(data, 3, rows, [2, 0, 1]);
        expect(Array.from(ids)).toEqual(Array.from(argsortLex(data, 3, rows, [2, 0, 1])));
        expect(Array.from(ids)).toEqual(bruteForce(data, 3, rows, [2, 0, 1]));
      }),
      { numRuns: 20 },
    );
  });

  it("handles empty and single-row input", () => {
    expect(Array.from(sortRows(new Float64Array(0), 2, new Int32Array(0), [0, 1]).ids)).toEqual([]);
    const one = sortRows(new Float64Array([3, 4, 5, 6]), 2, Int32Array.of(1), [0, 1]);
    expect(Array.from(one.ids)).toEqual([1]);
    expect(Array.from(one.values)).toEqual([5, 6]);
  });
});
