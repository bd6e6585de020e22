/**
 * A tiny training config that runs in seconds, and a warm start for it stored
 * under its cache name: worker tests exercise the queue and the real trainer,
 * not model quality, so the warm start is trained for a few steps only.
 */
import { getEnv } from '../../lib/envs';
import { serializeWeights, initBackend, disposePolicy } from '../../lib/agent';
import { warmStart, warmStartCheckpointName, warmStartConfig } from '../../lib/training';
import { saveCheckpoint } from '../../lib/db';
import type { TrainConfigInput } from '../../lib/training';

export const TINY_POLICY = { nLayer: 1, nEmbd: 16, nHead: 2, mlpRatio: 1 };

export function tinyConfig(overrides: Partial<TrainConfigInput> = {}): TrainConfigInput {
  return {
    env: 'calc',
    algorithm: 'paretopo',
    steps: 6,
    promptsPerStep: 2,
    groupSize: 2,
    maxTokens: 16,
    evalEvery: 2,
    evalSize: 8,
    trajectorySample: 4,
    checkpointEvery: 2,
    policy: TINY_POLICY,
    ...overrides,
  };
}

let cached: { name: string; weights: Uint8Array; steps: number } | undefined;

/** Stores the tiny warm start (trained once per process) in the current database. */
export async function seedTinyWarmStart(seed = 0): Promise<void> {
  if (!cached) {
    await initBackend();
    const env = getEnv('calc', { seed });
    const res = await warmStart(env, { seed, config: TINY_POLICY, steps: 10, batchSize: 16 });
    cached = { name: warmStartCheckpointName(env, seed, warmStartConfig(env, TINY_POLICY)), weights: await serializeWeights(res.policy), steps: res.steps };
    disposePolicy(res.policy);
  }
  await saveCheckpoint({ name: cached.name, step: cached.steps, weights: cached.weights, meta: { kind: 'warmstart', note: 'tiny warm start for tests' } });
}
