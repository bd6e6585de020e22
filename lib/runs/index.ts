export { startRun, logSteps, logTrajectories, logEvalPoints, logFrontiers, finishRun, parse, type WriterContext } from './run-log';
export { RunLogger } from './run-logger';
export * from '../contract/run-log';
export { inProcessCheckpoints } from './in-process-checkpoints';
export type { RunLog, CheckpointStore, CheckpointData, StoredCheckpoint } from './run-log-interface';
export { bytesToBase64, base64ToBytes } from './base64';
export { HttpRunLog, HttpStatusError, fetchTransport, type RunLogTransport } from './http-run-log';
