/**
 * The single place where objective directions are handled: user data (rows or
 * flat arrays, any mix of maximize/minimize) becomes a fresh row-major
 * Float64Array in minimization form, and results go back the same way.
 * Nothing else in lib/pareto negates. -0 is normalized to +0 so that the
 * bit-level sort keys in argsort.ts agree with numeric equality.
 */
import type { DirectionOptions, Matrix, PointSet } from "./types";

/** Per-objective sign: -1 where maximized, +1 where minimized. */
export function directionSigns(dim: number, opts?: DirectionOptions): Float64Array {
  const signs = new Float64Array(dim).fill(1);
  const m = opts?.maximize;
  if (m === undefined || m === false) return signs;
  if (m === true) return signs.fill(-1);
  if (m.length !== dim) {
    throw new RangeError(`maximize has ${m.length} flags but the points have ${dim} objectives`);
  }
  for (let j = 0; j < dim; j++) if (m[j]) signs[j] = -1;
  return signs;
}

function isFlat(points: PointSet): points is { data: Float64Array; dim: number } {
  return !Array.isArray(points) && (points as { data?: unknown }).data instanceof Float64Array;
}

/** Number of objectives of a point set (0 for an empty array of rows). */
export function dimensionOf(points: PointSet, fallback = 0): number {
  if (isFlat(points)) return points.dim;
  const rows = points as readonly (readonly number[])[];
  return rows.length > 0 ? rows[0].length : fallback;
}

/** Copy `points` into minimization form. `dimHint` is used when the set is empty. */
export function toMinimization(points: PointSet, opts?: DirectionOptions, dimHint = 0): Matrix {
  if (isFlat(points)) {
    const { data, dim } = points;
    if (dim <= 0 || data.length % dim !== 0) {
      throw new RangeError(`flat data of length ${data.length} is not a multiple of dim ${dim}`);
    }
    const n = data.length / dim;
    const signs = directionSigns(dim, opts);
    const out = new Float64Array(data.length);
    copyPositiveZeros(data, out);
    for (let j = 0; j < dim; j++) {
      if (signs[j] < 0) negateColumn(out, j, dim);
    }
    return { data: out, n, dim };
  }
  const rows = points as readonly (readonly number[])[];
  const n = rows.length;
  const dim = n > 0 ? rows[0].length : dimHint;
  const signs = directionSigns(dim, opts);
  const out = new Float64Array(n * dim);
  for (let i = 0, k = 0; i < n; i++) {
    const r = rows[i];
    if (r.length !== dim) throw new RangeError(`point ${i} has ${r.length} objectives, expected ${dim}`);
    for (let j = 0; j < dim; j++, k++) out[k] = r[j] * signs[j] + 0;
  }
  return { data: out, n, dim };
}

/**
 * `toMinimization` for callers that only read the data (nonDominated, paretoRanks, hypervolume): a flat
 * Float64Array with nothing maximized and no -0 is already in minimization form and is used as it is, without
 * the copy (which, with its allocation, is a tenth of a call on a thousand 3-D points). Anything else is copied.
 */
export function readMinimization(points: PointSet, opts?: DirectionOptions, dimHint = 0): Matrix {
  if (isFlat(points)) {
    const { data, dim } = points;
    if (dim > 0 && data.length % dim === 0 && !directionSigns(dim, opts).includes(-1) && !hasNegativeZero(data)) {
      return { data, n: data.length / dim, dim };
    }
  }
  return toMinimization(points, opts, dimHint);
}

// The hot loops live in functions of their own: code that runs once after a hot loop has no
// type feedback when V8 compiles the loop on stack (OSR), and the cached OSR code then
// deoptimizes on every call.

function negateColumn(out: Float64Array, j: number, dim: number): void {
  for (let k = j; k < out.length; k += dim) out[k] = -out[k];
}

function hasNegativeZero(data: Float64Array): boolean {
  for (let k = 0; k < data.length; k++) if (data[k] === 0 && 1 / data[k] < 0) return true;
  return false;
}

/** out = data with -0 -> +0 (x + 0 is +0 for x = -0 and x otherwise), so equal values have equal sort keys; one pass instead of a copy and a scan. */
function copyPositiveZeros(data: Float64Array, out: Float64Array): void {
  for (let k = 0; k < data.length; k++) out[k] = data[k] + 0;
}

/** One point (or reference point) into minimization form. */
export function vectorToMinimization(v: readonly number[], opts?: DirectionOptions): Float64Array {
  const signs = directionSigns(v.length, opts);
  const out = new Float64Array(v.length);
  for (let j = 0; j < v.length; j++) out[j] = v[j] * signs[j] + 0;
  return out;
}

/** Back from minimization form to the user's directions. */
export function vectorFromMinimization(v: ArrayLike<number>, signs: Float64Array): number[] {
  const out = new Array<number>(v.length);
  for (let j = 0; j < v.length; j++) out[j] = v[j] * signs[j] + 0;
  return out;
}
