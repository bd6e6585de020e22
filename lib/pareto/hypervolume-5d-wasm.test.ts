import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hypervolume } from "./hypervolume";
import { hypervolume5d } from "./hypervolume-5d";
import { hypervolume5dWasm } from "./hypervolume-5d-wasm";
import { hypervolumeInclusionExclusion } from "./hypervolume-naive";
import { hv5dKernel } from "./kernel/hv5d";
import { closeRel, degeneratePointsArb, pointsArb, rowsInside, shapedPoints } from "./test-helpers";

describe("hypervolume5dWasm (the 5-D sweep on WebAssembly)", () => {
  it("loads in Node", () => {
    expect(hv5dKernel()).not.toBeNull();
  });
  it("hand-computed values", () => {
    const one = rowsInside([[0, 0, 0, 0, 0]], [1, 1, 1, 1, 2]);
    expect(hypervolume5dWasm(one.data, one.rows, [1, 1, 1, 1, 2])).toBe(2);
    const two = rowsInside(
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
        const { data, rows } = rowsInside(pts, ref);
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
      const pts = shapedPoints(shape, n, 5, n * 7 + shape.length);
      const ref = [1.1, 1.1, 1.1, 1.1, 1.1];
      const { data, rows } = rowsInside(pts, ref);
      const wasm = hypervolume5dWasm(data, rows, ref);
      const js = hypervolume5d(data, rows, ref);
      expect(Object.is(wasm, js), `${shape} ${n}: ${wasm} vs ${js}`).toBe(true);
    }
  });
  it("hypervolume(): either engine gives the same bits in 5-D and in 6-D (whose recursion ends in the 5-D sweep)", () => {
    for (const d of [5, 6]) {
      const pts = shapedPoints("front", d === 5 ? 400 : 120, d, 17 + d);
      const ref = new Array(d).fill(1.1);
      const js = hypervolume(pts, ref, { engine: "js" });
      const wasm = hypervolume(pts, ref, { engine: "wasm" });
      expect(Object.is(js, wasm), `${d}-D: ${js} vs ${wasm}`).toBe(true);
      expect(Object.is(hypervolume(pts, ref), wasm)).toBe(true);
    }
  });
});
