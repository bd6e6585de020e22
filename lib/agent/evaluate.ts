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
  accuracy: number;
  toolCallsPerQuestion: number;
  tokensPerQuestion: number;
}

export interface EvaluationResult extends BucketStats {
  policyMode: PolicyMode;
  /** Policy-generated tokens per second of wall time (decoding + tools). */
  tokensPerSecond: number;
  seconds: number;
  buckets: Record<string, BucketStats>;
  trajectories: Trajectory[];
}

function stats(ts: Trajectory[]): BucketStats {
  const n = ts.length || 1;
  return {
    n: ts.length,
    accuracy: ts.reduce((a, t) => a + t.objectives.accuracy, 0) / n,
    toolCallsPerQuestion: ts.reduce((a, t) => a + t.objectives.tool_calls, 0) / n,
    tokensPerQuestion: ts.reduce((a, t) => a + t.objectives.tokens, 0) / n,
  };
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
  for (const b of env.buckets) buckets[b] = stats(trajectories.filter((t) => t.bucket === b));
  const all = stats(trajectories);
  return {
    ...all,
    policyMode,
    tokensPerSecond: (all.tokensPerQuestion * trajectories.length) / seconds,
    seconds,
    buckets,
    trajectories,
  };
}
