/**
 * The run log as a trainer sees it: the one seam between training and
 * storage. lib/training writes through this interface only; it has an
 * in-process implementation (run-logger.ts, over lib/db, for the worker and
 * the CLI) and an HTTP one (http-run-log.ts, for the browser and remote
 * trainers). Types only: importing this file pulls in no implementation.
 */
import type { EvalPointRecord, FrontierRecord, StepRecord, TrajectoryRecord } from '../contract/run-log';

/** Model weights with what is needed to resume from them (optimizer state, estimator, archive, …). */
export interface CheckpointData {
  step: number;
  weights: Uint8Array;
  meta: Record<string, unknown>;
}

/** A checkpoint as stored: its id names it in error messages. */
export interface StoredCheckpoint extends CheckpointData {
  id: string;
}

/** Named, shared checkpoints (warm starts): loaded by name, saved under a name (replacing an older one). */
export interface CheckpointStore {
  namedCheckpoint(name: string): Promise<StoredCheckpoint | null>;
  saveNamedCheckpoint(name: string, checkpoint: CheckpointData): Promise<void>;
}

/** One run's log, as the trainer writes it. Step, trajectory, eval and frontier writes are idempotent per step. */
export interface RunLog extends CheckpointStore {
  readonly runId: string;
  step(record: StepRecord): Promise<unknown>;
  trajectories(step: number, records: TrajectoryRecord[], part?: number): Promise<unknown>;
  evalPoint(record: EvalPointRecord): Promise<unknown>;
  frontier(record: FrontierRecord): Promise<unknown>;
  /** Saves a checkpoint of this run, keeping its newest `keep` checkpoints. */
  saveCheckpoint(checkpoint: CheckpointData, opts: { keep: number }): Promise<void>;
  /** This run's newest checkpoint (highest step), or null. */
  latestCheckpoint(): Promise<StoredCheckpoint | null>;
  finish(): Promise<unknown>;
  fail(error: string): Promise<unknown>;
  cancel(): Promise<unknown>;
}
