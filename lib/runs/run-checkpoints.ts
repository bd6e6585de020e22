/**
 * Checkpoints through the run log's HTTP API (the routes call these): a run's
 * own checkpoints, written by whoever may write to the run (never a built-in
 * run: its worker saves in process), and named shared ones (warm starts).
 * Weights are base64 on the wire and bytes in storage.
 */
import { getCheckpointByName, getLatestCheckpoint, getRunOrThrow, pruneCheckpoints, saveCheckpoint, type CheckpointView } from '../db';
import { ValidationError } from '../errors';
import { base64ToBytes, bytesToBase64 } from './base64';
import { parse, writableRun, type WriterContext } from './run-log';
import { CheckpointInput, CheckpointName, NamedCheckpointInput } from '../contract/run-log';

/** A checkpoint on the wire. */
export interface CheckpointWire {
  id: string;
  step: number;
  weights: string;
  meta: Record<string, unknown>;
  createdAt: string;
}

const wire = (c: CheckpointView): CheckpointWire => ({
  id: c.id,
  step: c.step,
  weights: bytesToBase64(c.weights),
  meta: c.meta,
  createdAt: c.createdAt.toISOString(),
});

/** Saves a checkpoint of a run the writer may write to, then keeps the run's newest `keep`. */
export async function logCheckpoint(runId: string, input: unknown, ctx: WriterContext = {}): Promise<{ id: string; step: number }> {
  const data = parse(CheckpointInput, input);
  await writableRun(runId, ctx);
  const { id } = await saveCheckpoint({ runId, step: data.step, weights: base64ToBytes(data.weights), meta: data.meta });
  await pruneCheckpoints(runId, data.keep);
  return { id, step: data.step };
}

/** The run's newest checkpoint, or null (404 for an unknown run). */
export async function latestCheckpointOf(runId: string): Promise<CheckpointWire | null> {
  await getRunOrThrow(runId);
  const c = await getLatestCheckpoint(runId);
  return c ? wire(c) : null;
}

function checkpointName(name: string): string {
  const res = CheckpointName.safeParse(name);
  if (!res.success) throw new ValidationError([{ path: 'name', message: res.error.issues[0].message }]);
  return res.data;
}

/** A named shared checkpoint (a warm start), or null. */
export async function namedCheckpointOf(name: string): Promise<CheckpointWire | null> {
  const c = await getCheckpointByName(checkpointName(name));
  return c ? wire(c) : null;
}

/** Saves (replaces) a named shared checkpoint. */
export async function saveNamedCheckpointOf(name: string, input: unknown): Promise<{ id: string; name: string }> {
  const n = checkpointName(name);
  const data = parse(NamedCheckpointInput, input);
  const { id } = await saveCheckpoint({ name: n, step: data.step, weights: base64ToBytes(data.weights), meta: data.meta });
  return { id, name: n };
}
