/**
 * lib/training — the built-in RL trainer.
 *
 *   const config = parseTrainConfig({ env: 'calc', algorithm: 'paretopo', steps: 80 });
 *   const logger = await RunLogger.start({ name, environment: config.env, algorithm: config.algorithm,
 *                                          config, seed, source: 'builtin', objectives: runObjectives(config) });
 *   await runTraining({ config, seed, logger, resumeFrom: await logger.latestCheckpoint() });
 *
 * `logger` is any RunLog (lib/runs/run-log-interface.ts): in process (RunLogger) or over
 * HTTP (HttpRunLog, in a browser). This folder never touches the database itself.
 *
 * Objective vectors keep one shape: the env's score vector in runObjectives(config)
 * order, from the rollout to the run log. The run hypervolume is the RunArchive's
 * (lib/pareto's ParetoArchive over config.objectives, normalized to [0, 1]); with
 * the default objectives it is the 2-D hypervolume of (accuracy ↑, tool calls
 * per question ↓) against (0, TOOL_CALL_REFERENCE[env]), runHypervolume.
 */
export {
  TrainConfigSchema,
  TrainConfigByAlgorithm,
  PolicyOverridesSchema,
  parseTrainConfig,
  describeTrainOptions,
  runObjectives,
  estimatorOptions,
  TOOL_CALL_REFERENCE,
  OBJECTIVE_BEST,
} from './config';
export type { TrainConfig, TrainConfigInput, TrainOptionDoc } from './config';
export { learningRate } from './schedule';
export { runHypervolume } from './run-hypervolume';
export { RunArchive, type ArchivedEval } from './run-archive';
export { evaluatePolicy, toolProductivity } from './evaluate';
export type { TrainEvaluation } from './evaluate';
export { trajectorySegments } from './segments';
export { saveAdamState, restoreAdamState } from './optimizer-state';
export type { AdamState } from './optimizer-state';
export { runTraining, correctCallSpread } from './run-training';
export type { RunTrainingOptions, TrainProgress, TrainCheckpointMeta } from './run-training';
export {
  warmStart,
  warmStartYielding,
  warmStartLearningRate,
  warmStartCheckpointName,
  parseWarmStartCheckpointName,
  warmStartConfig,
  WARM_START_STEPS,
  WARM_START_VERSION,
} from './warm-start';
export type { WarmStartOptions, WarmStartResult } from './warm-start';
export { loadOrTrainWarmStart, loadNamedPolicy } from './warm-start-cache';
export type { CachedWarmStart } from './warm-start-cache';
