/**
 * A convenience over the run log for in-process trainers: remembers the run id
 * and numbers batches deterministically (`steps-<step>`, `traj-<step>-<k>`), so
 * a trainer that resumes and re-sends a step cannot duplicate its rows.
 */
import type { CreateRunInput, EvalPointRecord, FrontierRecord, StepRecord, TrajectoryRecord } from './schemas';
import { finishRun, logEvalPoints, logFrontiers, logSteps, logTrajectories, startRun } from './run-log';
import type { RunView } from '../db';

export class RunLogger {
  private constructor(readonly run: RunView) {}

  static async start(input: CreateRunInput): Promise<RunLogger> {
    return new RunLogger((await startRun(input)).run);
  }

  static attach(run: RunView): RunLogger {
    return new RunLogger(run);
  }

  get runId(): string {
    return this.run.id;
  }

  step(record: StepRecord) {
    return logSteps(this.runId, { batchId: `steps-${record.step}`, records: [record] });
  }

  trajectories(step: number, records: TrajectoryRecord[], part = 0) {
    if (records.length === 0) return Promise.resolve({ applied: false, rows: 0 });
    return logTrajectories(this.runId, { batchId: `traj-${step}-${part}`, records });
  }

  evalPoint(record: EvalPointRecord) {
    return logEvalPoints(this.runId, { batchId: `eval-${record.step}-${record.split ?? 'test'}`, records: [record] });
  }

  frontier(record: FrontierRecord) {
    return logFrontiers(this.runId, { batchId: `front-${record.step}`, records: [record] });
  }

  finish() {
    return finishRun(this.runId, { status: 'finished' });
  }

  fail(error: string) {
    return finishRun(this.runId, { status: 'failed', error: error.slice(0, 20_000) || 'unknown error' });
  }

  cancel() {
    return finishRun(this.runId, { status: 'cancelled' });
  }
}
