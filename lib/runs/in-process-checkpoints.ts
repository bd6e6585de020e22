/**
 * Checkpoints through lib/db, for in-process trainers (worker, CLI, scripts):
 * named warm starts (a CheckpointStore) and one run's checkpoints.
 */
import { getCheckpointByName, getLatestCheckpoint, pruneCheckpoints, saveCheckpoint } from '../db';
import type { CheckpointData, CheckpointStore, StoredCheckpoint } from './run-log-interface';

const stored = (row: { id: string; step: number; weights: Uint8Array; meta: Record<string, unknown> } | null): StoredCheckpoint | null =>
  row ? { id: row.id, step: row.step, weights: row.weights, meta: row.meta } : null;

/** Named checkpoints (warm starts) in this process's database. */
export const inProcessCheckpoints: CheckpointStore = {
  namedCheckpoint: async (name) => stored(await getCheckpointByName(name)),
  saveNamedCheckpoint: async (name, cp) => {
    await saveCheckpoint({ name, step: cp.step, weights: cp.weights, meta: cp.meta });
  },
};

export async function saveRunCheckpoint(runId: string, cp: CheckpointData, keep: number): Promise<void> {
  await saveCheckpoint({ runId, step: cp.step, weights: cp.weights, meta: cp.meta });
  await pruneCheckpoints(runId, keep);
}

export async function latestRunCheckpoint(runId: string): Promise<StoredCheckpoint | null> {
  return stored(await getLatestCheckpoint(runId));
}
