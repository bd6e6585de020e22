/**
 * Warm-start checkpoints cached by name in the checkpoints table (lib/db), so
 * later runs start from them without re-training. Node only (imports lib/db lazily).
 */
import type { ToolEnv } from '../envs/types';
import type { Policy } from '../agent/model';
import { policyFromWeights, serializeWeights } from '../agent/serialize';
import { warmStartCheckpointName, warmStartConfig, warmStartYielding } from './warm-start';
import type { WarmStartOptions } from './warm-start';

export interface CachedWarmStart {
  policy: Policy;
  name: string;
  /** True when loaded from the database, false when trained now. */
  cached: boolean;
  /** Training wall-clock and CPU seconds (0 when cached). */
  seconds: number;
  cpuSeconds: number;
}

export async function loadOrTrainWarmStart(
  env: ToolEnv,
  opts: WarmStartOptions & { retrain?: boolean } = {},
): Promise<CachedWarmStart> {
  const db = await import('../db');
  const seed = opts.seed ?? 0;
  const name = warmStartCheckpointName(env, seed, warmStartConfig(env, opts.config));
  if (!opts.retrain) {
    const row = await db.getCheckpointByName(name);
    if (row) return { policy: policyFromWeights(row.weights), name, cached: true, seconds: 0, cpuSeconds: 0 };
  }
  const res = await warmStartYielding(env, opts);
  await db.saveCheckpoint({
    name,
    step: res.steps,
    weights: serializeWeights(res.policy),
    meta: { kind: 'warmstart', env: env.name, difficulty: env.difficulty, seed, config: res.policy.config, seconds: res.seconds, cpuSeconds: res.cpuSeconds, finalLoss: res.finalLoss },
  });
  return { policy: res.policy, name, cached: false, seconds: res.seconds, cpuSeconds: res.cpuSeconds };
}

/** Load a named checkpoint as a policy, or null. */
export async function loadNamedPolicy(name: string): Promise<Policy | null> {
  const db = await import('../db');
  const row = await db.getCheckpointByName(name);
  return row ? policyFromWeights(row.weights) : null;
}
