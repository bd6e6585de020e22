/**
 * A convenience over the run log for in-process trainers: remembers the run id
 * and numbers batches deterministically (`steps-<step>`, `traj-<step>-<k>`), so
 * a trainer that resumes and re-sends a step cannot duplicate its rows.
 */
import type { CreateRunInput, EvalPointRecord, FrontierRecord, StepRecord, TrajectoryRecord } from './schemas';
import { finishRun, logEvalPoints, logFrontiers, logSteps, logTrajectories, startRun, type WriterContext } from './run-log';
import { safeText } from './safe-text';
import type { RunView } from '../db';

/** Wraps each write, e.g. to retry it when the database is busy (the worker does). */
export type WriteRetry = <T>(what: string, fn: () => Promise<T>) => Promise<T>;
const once: WriteRetry = (_what, fn) => fn();

export class RunLogger {
  private constructor(
    readonly run: RunView,
    private readonly ctx: WriterContext = {},
    private readonly retry: WriteRetry = once,
  ) {}

  static async start(input: CreateRunInput): Promise<RunLogger> {
    return new RunLogger((await startRun(input)).run);
  }

  /** `workerId`: the worker holding the claim of a built-in run (its writes are refused otherwise). */
  static attach(run: RunView, opts: { workerId?: string; retry?: WriteRetry } = {}): RunLogger {
    return new RunLogger(run, { workerId: opts.workerId }, opts.retry);
  }

  get runId(): string {
    return this.run.id;
  }

  step(record: StepRecord) {
    return this.retry('logSteps', () => logSteps(this.runId, { batchId: `steps-${record.step}`, records: [record] }, this.ctx));
  }

  trajectories(step: number, records: TrajectoryRecord[], part = 0) {
    if (records.length === 0) return Promise.resolve({ applied: false, rows: 0 });
    return this.retry('logTrajectories', () => logTrajectories(this.runId, { batchId: `traj-${step}-${part}`, records }, this.ctx));
  }

  evalPoint(record: EvalPointRecord) {
    return this.retry('logEvalPoints', () => logEvalPoints(this.runId, { batchId: `eval-${record.step}-${record.split ?? 'test'}`, records: [record] }, this.ctx));
  }

  frontier(record: FrontierRecord) {
    return this.retry('logFrontiers', () => logFrontiers(this.runId, { batchId: `front-${record.step}`, records: [record] }, this.ctx));
  }

  finish() {
    return this.retry('finishRun', () => finishRun(this.runId, { status: 'finished' }, this.ctx));
  }

  fail(error: string) {
    return this.retry('finishRun', () => finishRun(this.runId, { status: 'failed', error: safeText(error, 20_000) || 'unknown error' }, this.ctx));
  }

  cancel() {
    return this.retry('finishRun', () => finishRun(this.runId, { status: 'cancelled' }, this.ctx));
  }
}
