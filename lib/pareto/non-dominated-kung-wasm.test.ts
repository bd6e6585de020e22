import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { iota } from "./argsort";
import { kungKernel } from "./kernel/kung";
import type { KungExports } from "./kernel/kung";
import type { Kernel } from "./kernel/instantiate";
import { nonDominated } from "./non-dominated";
import { KungMaxima } from "./non-dominated-kung";
import { KungMaximaWasm } from "./non-dominated-kung-wasm";
import { nonDominatedNaive } from "./non-dominated-naive";
import { sortedCopies } from "./non-dominated-nd";
import { paretoRanks } from "./pareto-ranks";
import { paretoRanksNaive } from "./pareto-ranks-naive";
import { degeneratePointsArb, mulberry, pointsArb } from "./test-helpers";

type Shape = "random" | "front" | "linear" | "grid" | "copies";

/** bench:pareto's shapes in d dimensions, plus a coarse grid (ties in every objective) and exact copies. */
function shaped(shape: Shape, n: number, d: number, seed: number): number[][] {
  const rnd = mulberry(seed);
  const pool: number[][] = [];
  return Array.from({ length: n }, () => {
    if (shape === "copies" && pool.length > 8 && rnd() < 0.6) return pool[Math.floor(rnd() * pool.length)].slice();
    const v = Array.from({ length: d }, () => rnd());
    let p = v;
    if (shape === "grid") p = v.map((x) => Math.round(x * 4) / 4);
    else if (shape === "front" || shape === "copies") {
      const norm = Math.hypot(...v);
      p = v.map((x) => x / norm);
    } else if (shape === "linear") {
      const e = v.map((x) => -Math.log(1 - x));
      const sum = e.reduce((a, b) => a + b, 0);
      p = e.map((x) => x / sum);
    }
    pool.push(p);
    return p;
  });
}

function kernel(): Kernel<KungExports> {
  const k = kungKernel();
  if (!k) throw new Error("the kung kernel did not load");
  return k;
}

/** Both engines and the naive twins agree on nonDominated (both duplicate policies) and paretoRanks. */
function expectAllAgree(pts: number[][]): void {
  for (const keepDuplicates of [false, true]) {
    const naive = nonDominatedNaive(pts, keepDuplicates);
    expect(Array.from(nonDominated(pts, { keepDuplicates, engine: "wasm" }))).toEqual(naive);
    expect(Array.from(nonDominated(pts, { keepDuplicates, engine: "js" }))).toEqual(naive);
  }
  const ranks = paretoRanksNaive(pts);
  expect(Array.from(paretoRanks(pts, { engine: "wasm" }))).toEqual(ranks);
  expect(Array.from(paretoRanks(pts, { engine: "js" }))).toEqual(ranks);
}

describe("Kung's maxima on WebAssembly (kernel/assembly/kung.ts)", () => {
  it("loads in Node", () => {
    expect(kungKernel()).not.toBeNull();
  });

  for (const d of [4, 5, 6]) {
    it(`matches the JS twin and the naive twins in ${d}-D (ties, duplicates, infinities)`, () => {
      fc.assert(
        fc.property(pointsArb(d, 150, 3), (pts) => expectAllAgree(pts)),
        { numRuns: 120 },
      );
    });
    it(`matches the JS twin and the naive twins in ${d}-D (degenerate objectives)`, () => {
      fc.assert(
        fc.property(degeneratePointsArb(d, 150), (pts) => expectAllAgree(pts)),
        { numRuns: 60 },
      );
    });
  }

  it("bench shapes, grids and copies, 4-D to 6-D, up to 1,500 rows (brute-force filters, partitions, sweeps) agree with the naive twins", () => {
    let seed = 1;
    for (const d of [4, 5, 6])
      for (const shape of ["random", "front", "linear", "grid", "copies"] as Shape[]) for (const n of [200, 1500]) expectAllAgree(shaped(shape, n, d, seed++));
  });

  it("large sets that grow the module's memory, then small ones again: same sets and ranks as the JS twin", () => {
    const k = kernel();
    let seed = 100;
    for (const [d, n] of [
      [5, 40000],
      [4, 60000],
      [6, 20000],
      [4, 50],
      [5, 3000],
    ]) {
      for (const shape of ["front", "random", "copies"] as Shape[]) {
        const pts = shaped(shape, n, d, seed++);
        const js = nonDominated(pts, { engine: "js" });
        expect(nonDominated(pts, { engine: "wasm" })).toEqual(js);
        expect(nonDominated(pts, { engine: "wasm", keepDuplicates: true })).toEqual(nonDominated(pts, { engine: "js", keepDuplicates: true }));
        if (n <= 3000) expect(paretoRanks(pts, { engine: "wasm" })).toEqual(paretoRanks(pts, { engine: "js" }));
      }
    }
    // the largest layout above needs far more than the module's first page
    expect(k.exports.memory.buffer.byteLength).toBeGreaterThan(40000 * 48);
  });

  it("the class: run and runOn on subsets equal the JS twin, whether the rows are gathered in the module or copied by the host", () => {
    const k = kernel();
    const rnd = mulberry(7);
    for (const d of [4, 5, 6]) {
      const pts = shaped("front", 900, d, 40 + d).concat(shaped("random", 300, d, 50 + d));
      const data = new Float64Array(pts.flat());
      const { unique, u } = sortedCopies(data, d, iota(pts.length));
      // all rows (gathered in the module), then one row in three (copied by the host)
      for (const rows of [unique.subarray(0, u), unique.subarray(0, u).filter((_, t) => t % 3 === 0)]) {
        const js = new KungMaxima(data, d, rows);
        const wasm = new KungMaximaWasm(k, data, d, rows);
        expect(Array.from(wasm.run()).sort((a, b) => a - b)).toEqual(Array.from(js.run()).sort((a, b) => a - b));
        for (let trial = 0; trial < 5; trial++) {
          const subset = Int32Array.from(iota(rows.length).filter(() => rnd() < 0.5));
          const endJs = js.runOn(subset, subset.length);
          const endWasm = wasm.runOn(subset, subset.length);
          expect(Array.from(wasm.found.subarray(0, endWasm)).sort((a, b) => a - b)).toEqual(Array.from(js.found.subarray(0, endJs)).sort((a, b) => a - b));
        }
      }
    }
  });

  it("a second instance takes over the module's memory: the first then throws instead of answering", () => {
    const data = new Float64Array(shaped("random", 100, 4, 3).flat());
    const { unique, u } = sortedCopies(data, 4, iota(100));
    const first = new KungMaximaWasm(kernel(), data, 4, unique.subarray(0, u));
    const second = new KungMaximaWasm(kernel(), data, 4, unique.subarray(0, u));
    expect(() => first.run()).toThrow(/taken by a newer instance/);
    expect(second.run().length).toBeGreaterThan(0);
  });

  it("empty and tiny inputs", () => {
    for (const d of [4, 5]) {
      expect(Array.from(nonDominated([], { engine: "wasm" }))).toEqual([]);
      expect(Array.from(paretoRanks([], { engine: "wasm" }))).toEqual([]);
      const one = [new Array(d).fill(0.5)];
      expect(Array.from(nonDominated(one, { engine: "wasm" }))).toEqual([0]);
      expect(Array.from(paretoRanks(one.concat(one), { engine: "wasm" }))).toEqual([1, 1]);
    }
  });
});
