/**
 * Shared types of lib/pareto.
 *
 * A point set is either rows (`number[][]`) or a flat row-major Float64Array
 * with its dimension. Internally every kernel works on a `Matrix`: a flat,
 * row-major Float64Array in minimization form (see to-minimization.ts).
 */

export type PointSet = readonly (readonly number[])[] | { data: Float64Array; dim: number };

export interface DirectionOptions {
  /** true/false for all objectives, or one flag per objective. Default: minimize all. */
  maximize?: boolean | readonly boolean[];
}

/** Row-major n x dim values, all objectives to be minimized. */
export interface Matrix {
  data: Float64Array;
  n: number;
  dim: number;
}

/** The flat form of a PointSet: row-major values and the number of objectives. */
export type FlatPoints = { data: Float64Array; dim: number };
