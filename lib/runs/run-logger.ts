/**
 * A convenience over the run log for in-process trainers: remembers the run id
 * and numbers batches deterministically (`steps-<step>`, `traj-<step>-<k>`), so
 * a trainer that resumes and re-sends a step cannot duplicate its rows.
 */
import type { CreateRunInput, EvalPointRecord, FrontierRecord, StepRecord, TrajectoryRecord } from '../contract/run-log';
import { finishRun, logEvalPoints, logFrontiers, logSteps, logTrajectories, newInProcessClaim, startRun, type WriterContext } from './run-log';
import { safeText } from './safe-text';
import { heartbeat, type RunView } from '../db';
import { inProcessCheckpoints, latestRunCheckpoint, saveRunCheckpoint } from './in-process-checkpoints';
import type { CheckpointData, RunLog, StoredCheckpoint } from './run-log-interface';

/** Wraps each write, e.g. to retry it when the database is busy (the worker does). */
export type WriteRetry = <T>(what: string, fn: () => Promise<T>) => Promise<T>;
const once: WriteRetry = (_what, fn) => fn();

/** The run log in process (lib/db): what the worker, the CLI and reproduce train through. */
export class RunLogger implements RunLog {
  private constructor(
    readonly run: RunView,
    private readonly ctx: WriterContext = {},
    private readonly retry: WriteRetry = once,
  ) {}

  /** Creates the run; a running built-in run is claimed by this logger (nobody else may write to it). */
  static async start(input: CreateRunInput): Promise<RunLogger> {
    const workerId = newInProcessClaim();
    const { run } = await startRun(input, { workerId });
    const logger = new RunLogger(run, { workerId });
    if (run.workerId === workerId) logger.keepAlive();
    return logger;
  }

  private timer: NodeJS.Timeout | null = null;

  /** Heartbeats the claim every 5 s until the run ends, as a worker does (training awaits between steps). */
  private keepAlive(): void {
    const workerId = this.ctx.workerId!;
    this.timer = setInterval(() => void heartbeat(this.runId, workerId).catch(() => {}), 5000);
    this.timer.unref?.();
  }

  /**
   * Stops heartbeating without finishing the run: this process no longer
   * trains it (a worker re-queues it once it goes stale). Finishing, failing
   * or cancelling does this too.
   */
  release(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private stopKeepAlive<T>(p: Promise<T>): Promise<T> {
    this.release();
    return p;
  }

  /**
   * `workerId`: the claim this process holds on a built-in run (default: the
   * claim recorded on `run`); writes are refused once the claim has passed to
   * another worker.
   */
  static attach(run: RunView, opts: { workerId?: string; retry?: WriteRetry } = {}): RunLogger {
    return new RunLogger(run, { workerId: opts.workerId ?? run.workerId ?? undefined }, opts.retry);
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
    return this.retry('logEvalPoints', () =>
      logEvalPoints(this.runId, { batchId: `eval-${record.step}-${record.split ?? 'test'}`, records: [record] }, this.ctx),
    );
  }

  frontier(record: FrontierRecord) {
    return this.retry('logFrontiers', () => logFrontiers(this.runId, { batchId: `front-${record.step}`, records: [record] }, this.ctx));
  }

  saveCheckpoint(cp: CheckpointData, opts: { keep: number }): Promise<void> {
    return this.retry('saveCheckpoint', () => saveRunCheckpoint(this.runId, cp, opts.keep));
  }

  latestCheckpoint(): Promise<StoredCheckpoint | null> {
    return this.retry('latestCheckpoint', () => latestRunCheckpoint(this.runId));
  }

  namedCheckpoint(name: string): Promise<StoredCheckpoint | null> {
    return this.retry('namedCheckpoint', () => inProcessCheckpoints.namedCheckpoint(name));
  }

  saveNamedCheckpoint(name: string, cp: CheckpointData): Promise<void> {
    return this.retry('saveNamedCheckpoint', () => inProcessCheckpoints.saveNamedCheckpoint(name, cp));
  }

  finish() {
    return this.stopKeepAlive(this.retry('finishRun', () => finishRun(this.runId, { status: 'finished' }, this.ctx)));
  }

  fail(error: string) {
    return this.stopKeepAlive(
      this.retry('finishRun', () => finishRun(this.runId, { status: 'failed', error: safeText(error, 20_000) || 'unknown error' }, this.ctx)),
    );
  }

  cancel() {
    return this.stopKeepAlive(this.retry('finishRun', () => finishRun(this.runId, { status: 'cancelled' }, this.ctx)));
  }
}
