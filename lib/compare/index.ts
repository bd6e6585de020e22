/** lib/compare — what the compare page computes over several runs (pure; lib/pareto underneath). */
export { compareIndicators, sharedObjectives, finalPoints } from './indicators';
export type { CompareRunInput, IndicatorRow } from './indicators';
