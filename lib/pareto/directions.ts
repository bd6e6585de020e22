/**
 * Objectives that carry a direction (the contract's ObjectiveDef, an
 * estimator's objectives) meet lib/pareto here: `directionsOf` gives the
 * `{ maximize }` option every metric takes, and `minimizationForm` the flat
 * minimization matrix for callers that work on it directly. The negation
 * itself stays in to-minimization.ts.
 */
import { toMinimization } from "./to-minimization";
import type { DirectionOptions, Matrix, PointSet } from "./types";

export interface Directed {
  direction: "maximize" | "minimize";
}

export function directionsOf(objectives: readonly Directed[]): DirectionOptions & { maximize: boolean[] } {
  return { maximize: objectives.map((o) => o.direction === "maximize") };
}

/** `points` (one value per objective, in the objectives' order) in minimization form. */
export function minimizationForm(points: PointSet, objectives: readonly Directed[]): Matrix {
  return toMinimization(points, directionsOf(objectives), objectives.length);
}
