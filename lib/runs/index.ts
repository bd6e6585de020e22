export { startRun, logSteps, logTrajectories, logEvalPoints, logFrontiers, finishRun, parse } from './run-log';
export { RunLogger } from './run-logger';
export * from './schemas';
