export type { DirectionOptions, PointSet } from "./types";
export { dominates } from "./dominates";
export { nonDominated } from "./non-dominated";
export type { NonDominatedOptions } from "./non-dominated";
export { paretoRanks } from "./pareto-ranks";
export { hypervolume } from "./hypervolume";
