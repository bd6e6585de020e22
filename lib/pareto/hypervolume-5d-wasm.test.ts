import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume } from "./hypervolume";
import { hypervolume5d } from "./hypervolume-5d";
import { hypervolume5dWasm } from "./hypervolume-5d-wasm";
import { hypervolumeInclusionExclusion } from "./hypervolume-naive";
import { hv5dKernel } from "./kernel/hv5d";
import { closeRel, degeneratePointsArb, mulberry, pointsArb } from "./test-helpers";

/** Rows strictly inside the reference box, dominated and duplicate rows kept. */
function inside(pts: number[][], ref: number[]): { data: Float64Array; rows: Int32Array } {
  const kept = pts.filter((p) => p.every((v, j) => v < ref[j]));
  return { data: new Float64Array(kept.flat()), rows: Int32Array.from(kept.keys()) };
}

/** bench:pareto's shapes in d dimensions: random in [0,1]^d, front (unit sphere, positive orthant), linear (simplex), grid (ties). */
function shaped(shape: "random" | "front" | "linear" | "grid", n: number, d: number, seed: number): number[][] {
  const rnd = mulberry(seed);
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: d }, () => rnd());
    if (shape === "random") return v;
    if (shape === "grid") return v.map((x) => Math.round(x * 5) / 5);
    if (shape === "front") {
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    }
    const e = v.map((x) => -Math.log(1 - x));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / sum);
  });
}

describe("hypervolume5dWasm (the 5-D sweep on WebAssembly)", () => {
  it("loads in Node", () => {
    expect(hv5dKernel()).not.toBeNull();
  });
  it("hand-computed values", () => {
    const one = inside([[0, 0, 0, 0, 0]], [1, 1, 1, 1, 2]);
    expect(hypervolume5dWasm(one.data, one.rows, [1, 1, 1, 1, 2])).toBe(2);
    const two = inside(
      [
        [0, 1, 0, 0, 0],
        [1, 0, 0, 0, 0],
      ],
      [2, 2, 2, 2, 2],
    );
    expect(hypervolume5dWasm(two.data, two.rows, [2, 2, 2, 2, 2])).toBe(24);
    expect(hypervolume5dWasm(new Float64Array(0), new Int32Array(0), [1, 1, 1, 1, 1])).toBe(0);
  });
  it("returns the JavaScript twin's bits and equals inclusion-exclusion (ties, duplicates, dominated, degenerate rows)", () => {
    fc.assert(
      fc.property(fc.oneof(pointsArb(5, 9), degeneratePointsArb(5, 9), pointsArb(5, 60, 3), degeneratePointsArb(5, 60)), (pts) => {
        const ref = [1.1, 1.1, 1.1, 1.1, 1.1];
        const { data, rows } = inside(pts, ref);
        const wasm = hypervolume5dWasm(data, rows, ref);
        const js = hypervolume5d(data, rows, ref);
        expect(Object.is(wasm, js), `${wasm} vs ${js}`).toBe(true);
        if (pts.length <= 9) {
          const naive = hypervolumeInclusionExclusion(pts, ref);
          expect(closeRel(wasm, naive, 1e-12, 1e-14), `${wasm} vs ${naive}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
  it("returns the twin's bits on front, linear, random and grid sets (more than 64 limited points too), growing its memory and reusing it", () => {
    for (const [shape, n] of [
      ["front", 40],
      ["front", 1500],
      ["linear", 20],
      ["linear", 1500],
      ["random", 6000],
      ["grid", 600],
      ["front", 5],
    ] as const) {
      const pts = shaped(shape, n, 5, n * 7 + shape.length);
      const ref = [1.1, 1.1, 1.1, 1.1, 1.1];
      const { data, rows } = inside(pts, ref);
      const wasm = hypervolume5dWasm(data, rows, ref);
      const js = hypervolume5d(data, rows, ref);
      expect(Object.is(wasm, js), `${shape} ${n}: ${wasm} vs ${js}`).toBe(true);
    }
  });
  it("hypervolume(): either engine gives the same bits in 5-D and in 6-D (whose recursion ends in the 5-D sweep)", () => {
    for (const d of [5, 6]) {
      const pts = shaped("front", d === 5 ? 400 : 120, d, 17 + d);
      const ref = new Array(d).fill(1.1);
      const js = hypervolume(pts, ref, { engine: "js" });
      const wasm = hypervolume(pts, ref, { engine: "wasm" });
      expect(Object.is(js, wasm), `${d}-D: ${js} vs ${wasm}`).toBe(true);
      expect(Object.is(hypervolume(pts, ref), wasm)).toBe(true);
    }
  });
});
