/**
 * Train a built-in run through its run log, then end it: the one function the
 * worker, `npm run train` and `npm run reproduce` share. It resumes from the
 * run's latest checkpoint when there is one, and on the way out the run is
 * finished, cancelled, handed back (shutdown), dropped (its claim was lost) or
 * failed with the error's text (then the error is rethrown).
 */
import type { RunLog } from '../runs/run-log-interface';
import { parseTrainConfig, runTraining, type RunTrainingOptions } from '../training';

/** Why training stopped early: a user cancelled, this process shuts down, or the run's claim passed to another worker. */
export type StopReason = 'cancel' | 'shutdown' | 'lost';

export type TrainOutcome = 'finished' | 'cancelled' | 'released' | 'dropped';

export interface TrainBuiltinRunOptions {
  log: RunLog;
  /** The run's training config (a stored one is parsed here, so a bad one fails the run). */
  config: unknown;
  seed: number;
  /** Checked between steps (and may heartbeat): the reason to stop, or null to go on. */
  stopReason?: () => Promise<StopReason | null>;
  /** Called once training is about to start: the step it resumes after, or null for a fresh start. */
  onStart?: (resumedAfterStep: number | null) => void;
  /** On 'shutdown': give the run back to the queue (the worker releases its claim). Default: cancel it. */
  release?: () => Promise<void>;
  /**
   * True once this trainer no longer speaks for the run — the worker's claim passed to another worker, or a
   * browser tab is being closed or reloaded (its requests in flight fail) — so a failure is not recorded.
   */
  claimLost?: () => boolean;
  /** The text recorded for a failure (default: the error's name and message). */
  errorText?: (err: unknown) => string;
  onProgress?: RunTrainingOptions['onProgress'];
  onWarmStart?: RunTrainingOptions['onWarmStart'];
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
}

export async function trainBuiltinRun(o: TrainBuiltinRunOptions): Promise<TrainOutcome> {
  let stop: StopReason | null = null;
  try {
    const config = parseTrainConfig(o.config);
    const resumeFrom = await o.log.latestCheckpoint();
    o.onStart?.(resumeFrom ? resumeFrom.step : null);
    const { status } = await runTraining({
      config,
      seed: o.seed,
      logger: o.log,
      resumeFrom,
      shouldStop: o.stopReason ? async () => (stop = await o.stopReason!()) !== null : undefined,
      onProgress: o.onProgress,
      onWarmStart: o.onWarmStart,
    });
    if (status === 'finished') {
      await o.log.finish();
      return 'finished';
    }
    if (stop === 'lost') return 'dropped';
    if (stop === 'shutdown' && o.release) {
      await o.release();
      return 'released';
    }
    await o.log.cancel();
    return 'cancelled';
  } catch (err) {
    if (stop !== 'lost' && !o.claimLost?.()) {
      const text = (o.errorText ?? errorMessage)(err);
      await o.log.fail(text).catch((e) => {
        (err as { recordError?: unknown }).recordError = e;
      });
    }
    throw err;
  }
}
