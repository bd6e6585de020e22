/** Greedy (or sampled) evaluation on a split, with per-bucket breakdown. */
import { Rng } from '../rng';
import type { Split, ToolEnv } from '../envs/types';
import type { Policy } from './model';
import { sampleRollouts } from './sample';
import type { PolicyMode, Trajectory } from './trajectory';
import type { DecoderKind } from './decoder';

export interface EvaluateOptions {
  /** Number of questions. Default 512. */
  n?: number;
  /** Decode-time constraint. Default 'base'. */
  policyMode?: PolicyMode;
  /** Argmax decoding. Default true. */
  greedy?: boolean;
  /** Seed of the question sample (and of sampling when not greedy). Default 1234. */
  seed?: number;
  /** Rollouts decoded together. Default 256. */
  batchSize?: number;
  /** The forward pass per position (SampleOptions.decoder). Default 'tfjs'. */
  decoder?: DecoderKind;
  onProgress?: (done: number, total: number) => void;
}

export interface BucketStats {
  n: number;
  /** Mean objective vector per question, in env.objectives order (accuracy, tool calls, tokens). */
  objectives: number[];
}

export interface EvaluationResult extends BucketStats {
  policyMode: PolicyMode;
  /** Policy-generated tokens per second of wall time (decoding + tools). */
  tokensPerSecond: number;
  seconds: number;
  buckets: Record<string, BucketStats>;
  trajectories: Trajectory[];
}

function stats(ts: Trajectory[], d: number): BucketStats {
  const sums = new Array<number>(d).fill(0);
  for (const t of ts) for (let k = 0; k < d; k++) sums[k] += t.objectives[k];
  const n = ts.length || 1;
  return { n: ts.length, objectives: sums.map((s) => s / n) };
}

/** Generated (policy) tokens of a set of rollouts: the env's `tokens` objective summed. */
export function generatedTokens(env: Pick<ToolEnv, 'objectives'>, ts: readonly Pick<Trajectory, 'objectives'>[]): number {
  const k = env.objectives.findIndex((o) => o.name === 'tokens');
  return ts.reduce((a, t) => a + t.objectives[k], 0);
}

export async function evaluate(policy: Policy, env: ToolEnv, split: Split, opts: EvaluateOptions = {}): Promise<EvaluationResult> {
  const n = opts.n ?? 512;
  const batchSize = opts.batchSize ?? 256;
  const policyMode = opts.policyMode ?? 'base';
  const rng = new Rng(opts.seed ?? 1234);
  const prompts = env.samplePrompts(split, n, rng.fork('prompts'));
  const sampler = rng.fork('sampling');
  const trajectories: Trajectory[] = [];
  const t0 = performance.now();
  for (let i = 0; i < prompts.length; i += batchSize) {
    trajectories.push(
      ...(await sampleRollouts(policy, env, prompts.slice(i, i + batchSize), {
        rng: sampler,
        policyMode,
        greedy: opts.greedy ?? true,
        decoder: opts.decoder,
      })),
    );
    opts.onProgress?.(trajectories.length, n);
  }
  const seconds = (performance.now() - t0) / 1000;
  const buckets: Record<string, BucketStats> = {};
  const d = env.objectives.length;
  for (const b of env.buckets)
    buckets[b] = stats(
      trajectories.filter((t) => t.bucket === b),
      d,
    );
  return {
    ...stats(trajectories, d),
    policyMode,
    tokensPerSecond: generatedTokens(env, trajectories) / seconds,
    seconds,
    buckets,
    trajectories,
  };
}
