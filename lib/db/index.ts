export { getDb, closeDb, dbProvider, type Db, type Tx } from './client';
export { resolveDbConfig, redact, type DbConfig, type Provider } from './config';
export { migrate } from './migrate';
export { createRun, getRun, getRunOrThrow, getRunWriteState, listRuns, finishRunRow, deleteRun, type RunView, type NewRun, type RunFilter } from './runs';
export {
  writeSteps,
  writeTrajectories,
  writeEvalPoints,
  writeFrontiers,
  type BatchResult,
  type BatchKind,
  type BatchRef,
  type StepRow,
  type EvalPointRow,
  type FrontierRow,
} from './run-log-writes';
export type { TrajectoryRow } from './raw/trajectory-rows';
export { listMetrics, listTrajectories, listEvalPoints, listFrontiers, countTrajectories, type MetricView, type TrajectoryFilter } from './run-data';
export { saveCheckpoint, getCheckpointByName, getLatestCheckpoint, pruneCheckpoints, type CheckpointView } from './checkpoints';
export { appendEvents, listEvents, type RunEventKind, type RunEventView, type NewRunEvent } from './events';
export { serverHypervolumes, withEvaluations, type ServerHypervolume, type RunEvaluation, type RunListItem } from './run-hypervolumes';
export { updateRunAnnotations } from './run-annotations';
export { loadExperimentView } from './experiment-view';
export { loadCompareView } from './compare-view';
export { listExperiments, listEvalPointsOfRuns, listCompareMetrics, type ExperimentSummary, type CompareMetric } from './experiments';
export { listRunEventRows } from './run-feed-snapshot';
export { latestEventId, trajectoryPointsJson, listHypervolumeHistories, listRunFacets } from './run-views';
export { claimNextRun, heartbeat, requestCancel, requeueStaleRuns, releaseRun, countQueuedRuns, type HeartbeatResult } from './queue';
export {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  findActiveToken,
  grantRun,
  tokenMayWriteRun,
  createSession,
  findSession,
  deleteSession,
  SESSION_TTL_MS,
  type TokenView,
} from './tokens';
export { latestEventSeqs } from './events';
