/** Generators shared by the property tests (test-only). */
import fc from "fast-check";

/** Points drawn from a small value pool so ties, duplicates and degenerate coordinates are common. */
export function pointsArb(d: number, maxN: number, pool = 6): fc.Arbitrary<number[][]> {
  const value = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: pool }).map((v) => v / pool), weight: 10 },
    { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 10 },
    { arbitrary: fc.constant(Infinity), weight: 1 },
  );
  return fc.array(fc.array(value, { minLength: d, maxLength: d }), { minLength: 0, maxLength: maxN });
}

/** Same, but a random subset of objectives is constant (degenerate). */
export function degeneratePointsArb(d: number, maxN: number): fc.Arbitrary<number[][]> {
  return fc
    .tuple(pointsArb(d, maxN), fc.array(fc.boolean(), { minLength: d, maxLength: d }))
    .map(([pts, flat]) => pts.map((p) => p.map((v, j) => (flat[j] ? 0.5 : v))));
}

export function closeRel(a: number, b: number, rel = 1e-12, abs = 1e-15): boolean {
  return Math.abs(a - b) <= Math.max(abs, rel * Math.max(Math.abs(a), Math.abs(b)));
}

/** Small seeded PRNG (mulberry32). */
export function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows strictly inside the reference box as the sweeps take them (minimization form), dominated and duplicate rows kept. */
export function rowsInside(pts: number[][], ref: number[]): { data: Float64Array; rows: Int32Array } {
  const kept = pts.filter((p) => p.every((v, j) => v < ref[j]));
  return { data: new Float64Array(kept.flat()), rows: Int32Array.from(kept.keys()) };
}

/** Test sets shaped like bench:pareto's (scripts/lib/pareto-inputs.ts), in d dimensions: random in [0,1]^d, front (a uniform vector normalized onto the unit sphere), linear (simplex), grid (ties, step 0.2). */
export function shapedPoints(shape: "random" | "front" | "linear" | "grid", n: number, d: number, seed: number): number[][] {
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
