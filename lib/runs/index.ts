export { startRun, logSteps, logTrajectories, logEvalPoints, logFrontiers, finishRun, parse, type WriterContext } from './run-log';
export { RunLogger } from './run-logger';
export * from './schemas';
