import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pickEngine } from "./engine";
import { hypervolume } from "./hypervolume";
import { hypervolume4dPlus } from "./hypervolume-4d-plus";
import { hypervolume4dPlusWasm } from "./hypervolume-4d-plus-wasm";
import { hypervolumeInclusionExclusion } from "./hypervolume-naive";
import { hv4dKernel } from "./kernel/hv4d";
import { instantiateKernel } from "./kernel/instantiate";
import { closeRel, degeneratePointsArb, pointsArb, rowsInside, shapedPoints } from "./test-helpers";

describe("hypervolume4dPlusWasm (the HV4D+ walk on WebAssembly)", () => {
  it("loads in Node", () => {
    expect(hv4dKernel()).not.toBeNull();
  });
  it("hand-computed values", () => {
    const one = rowsInside([[0, 0, 0, 0]], [1, 1, 1, 2]);
    expect(hypervolume4dPlusWasm(one.data, one.rows, [1, 1, 1, 2])).toBe(2);
    const two = rowsInside(
      [
        [0, 1, 0, 0],
        [1, 0, 0, 0],
      ],
      [2, 2, 2, 2],
    );
    expect(hypervolume4dPlusWasm(two.data, two.rows, [2, 2, 2, 2])).toBe(12);
    expect(hypervolume4dPlusWasm(new Float64Array(0), new Int32Array(0), [1, 1, 1, 1])).toBe(0);
  });
  it("returns the JavaScript twin's bits and equals inclusion-exclusion (ties, duplicates, dominated, degenerate rows)", () => {
    fc.assert(
      fc.property(fc.oneof(pointsArb(4, 10), degeneratePointsArb(4, 10), pointsArb(4, 60, 3), degeneratePointsArb(4, 60)), (pts) => {
        const ref = [1.1, 1.1, 1.1, 1.1];
        const { data, rows } = rowsInside(pts, ref);
        const wasm = hypervolume4dPlusWasm(data, rows, ref);
        const js = hypervolume4dPlus(data, rows, ref);
        expect(Object.is(wasm, js), `${wasm} vs ${js}`).toBe(true);
        if (pts.length <= 10) {
          const naive = hypervolumeInclusionExclusion(pts, ref);
          expect(closeRel(wasm, naive, 1e-12, 1e-14), `${wasm} vs ${naive}`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
  it("returns the twin's bits on front, linear, random and grid sets, growing its memory and reusing it for smaller inputs", () => {
    // 56 bytes a row: 3,000 rows need three 64 KiB pages, 12,000 about eleven; the small calls after reuse stale memory
    for (const [shape, n] of [
      ["front", 50],
      ["front", 3000],
      ["linear", 20],
      ["linear", 3000],
      ["random", 12000],
      ["grid", 800],
      ["front", 7],
    ] as const) {
      const pts = shapedPoints(shape, n, 4, n * 7 + shape.length);
      const ref = [1.1, 1.1, 1.1, 1.1];
      const { data, rows } = rowsInside(pts, ref);
      const wasm = hypervolume4dPlusWasm(data, rows, ref);
      const js = hypervolume4dPlus(data, rows, ref);
      expect(Object.is(wasm, js), `${shape} ${n}: ${wasm} vs ${js}`).toBe(true);
    }
  });
  it("hypervolume(): the engine option picks either twin, with the same result; 'wasm' is the default in Node", () => {
    const pts = shapedPoints("front", 500, 4, 11);
    const ref = [1.1, 1.1, 1.1, 1.1];
    const js = hypervolume(pts, ref, { engine: "js" });
    const wasm = hypervolume(pts, ref, { engine: "wasm" });
    expect(Object.is(js, wasm)).toBe(true);
    expect(Object.is(hypervolume(pts, ref), wasm)).toBe(true);
    const maximized = pts.map((p) => p.map((v) => -v));
    expect(Object.is(hypervolume(maximized, [-1.1, -1.1, -1.1, -1.1], { maximize: true, engine: "wasm" }), js)).toBe(true);
  });
  it("pickEngine: the requested engine, else wasm when loaded; wasm requested but not loaded throws", () => {
    expect(pickEngine(undefined, true, "x")).toBe("wasm");
    expect(pickEngine(undefined, false, "x")).toBe("js");
    expect(pickEngine("js", true, "x")).toBe("js");
    expect(() => pickEngine("wasm", false, "x")).toThrow(/did not load/);
  });
  it("instantiateKernel: bytes that are not a module give null (the JavaScript twin runs)", () => {
    expect(instantiateKernel(btoa("not a wasm module"))).toBeNull();
  });
});
