/**
 * Warm starts cached by name in a checkpoint store (the run log's named
 * checkpoints: the database in process, the HTTP API in a browser), so later runs
 * start from them without re-training.
 */
import type { ToolEnv } from '../envs/types';
import type { Policy } from '../agent/model';
import { policyFromWeights, serializeWeights } from '../agent/serialize';
import type { CheckpointStore } from '../runs/run-log-interface';
import { warmStartCheckpointName, warmStartConfig, warmStartYielding } from './warm-start';
import type { WarmStartOptions } from './warm-start';

export interface CachedWarmStart {
  policy: Policy;
  name: string;
  /** True when loaded from the store, false when trained now. */
  cached: boolean;
  /** Training wall-clock and CPU seconds (0 when cached). */
  seconds: number;
  cpuSeconds: number;
}

export async function loadOrTrainWarmStart(
  env: ToolEnv,
  store: CheckpointStore,
  opts: WarmStartOptions & { retrain?: boolean } = {},
): Promise<CachedWarmStart> {
  const seed = opts.seed ?? 0;
  const name = warmStartCheckpointName(env, seed, warmStartConfig(env, opts.config));
  if (!opts.retrain) {
    const row = await store.namedCheckpoint(name);
    if (row) return { policy: policyFromWeights(row.weights), name, cached: true, seconds: 0, cpuSeconds: 0 };
  }
  const res = await warmStartYielding(env, opts);
  await store.saveNamedCheckpoint(name, {
    step: res.steps,
    weights: await serializeWeights(res.policy),
    meta: {
      kind: 'warmstart',
      env: env.name,
      difficulty: env.difficulty,
      seed,
      config: res.policy.config,
      seconds: res.seconds,
      cpuSeconds: res.cpuSeconds,
      finalLoss: res.finalLoss,
    },
  });
  return { policy: res.policy, name, cached: false, seconds: res.seconds, cpuSeconds: res.cpuSeconds };
}

/** Load a named checkpoint as a policy, or null. */
export async function loadNamedPolicy(store: CheckpointStore, name: string): Promise<Policy | null> {
  const row = await store.namedCheckpoint(name);
  return row ? policyFromWeights(row.weights) : null;
}
