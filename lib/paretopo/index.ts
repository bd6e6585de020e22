export {
  ALGORITHMS,
  ALGORITHM_NAMES,
  createEstimator,
  describeOptions,
  parseOptions,
  optionIssues,
  writtenOptionsSchema,
  type OptionIssue,
  type AlgorithmName,
  type AlgorithmOptions,
  type AlgorithmOptionsInput,
  type OptionDoc,
} from './registry';
export type { AdvantageEstimator, EstimatorSnapshot } from './estimator';
export type { ParetoPoEstimator, ParetoPoOptions } from './paretopo';
export type { AdvantageBatch, EstimatorTrajectory, Group, TrajectoryAdvantage } from './types';
export { ObjectiveSchema, ObjectivesSchema, type Objective } from './objectives';
export { ScaleSchema, type Scale } from './objective-scale';
export { resolveWeights } from './shared-options';
