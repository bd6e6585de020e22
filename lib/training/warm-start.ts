/**
 * Warm start: supervised training on env-generated traces that mix tool calls
 * and direct answers, giving the "base policy" that can do both, imperfectly.
 */
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../rng';
import type { ToolEnv } from '../envs/types';
import type { PolicyConfig } from '../agent/config';
import { configHash, resolveConfig } from '../agent/config';
import { createPolicy } from '../agent/model';
import type { Policy } from '../agent/model';
import type { TrainingPass } from '../agent/training-pass';
import { packBatch, splitByLength, supervisedStepBatches } from '../agent/train-step';

/** Default warm-start length in optimizer steps. */
export const WARM_START_STEPS = 1200;

export interface WarmStartOptions {
  /** Seed of initialisation and trace sampling. Default 0. */
  seed?: number;
  /** Model overrides; vocabSize always comes from the env. */
  config?: Partial<PolicyConfig>;
  /** Optimizer steps. Default WARM_START_STEPS. */
  steps?: number;
  /** Traces per step. Default 64. */
  batchSize?: number;
  /** Peak Adam learning rate. Default 3e-3. */
  learningRate?: number;
  onProgress?: (step: number, total: number, loss: number) => void;
  /** Which training pass computes the gradients (lib/agent/training-pass.ts). Default 'kernel'. */
  pass?: TrainingPass;
}

export interface WarmStartResult {
  policy: Policy;
  steps: number;
  /** Wall-clock seconds of training. */
  seconds: number;
  /** Process CPU seconds of training (Node only; NaN elsewhere): what it costs on an idle core. */
  cpuSeconds: number;
  finalLoss: number;
}

/** Linear warmup over the first 5% of steps, then cosine decay to 10% of peak. */
export function warmStartLearningRate(step: number, total: number, peak: number): number {
  const warm = Math.max(1, Math.round(0.05 * total));
  if (step < warm) return (peak * (step + 1)) / warm;
  const p = Math.min(1, (step - warm) / Math.max(1, total - warm));
  return peak * (0.1 + 0.45 * (1 + Math.cos(Math.PI * p)));
}

export function warmStartConfig(env: ToolEnv, overrides: Partial<PolicyConfig> = {}): PolicyConfig {
  return resolveConfig({ ...overrides, vocabSize: env.vocab.size });
}

/**
 * Version of the warm-start recipe (steps, batch, schedule, packing). Bump it
 * whenever training changes; the env's own `version` covers its traces and
 * tokenization. Both are part of the checkpoint name. 4: traces with
 * `inCorpus: false` are left out.
 */
export const WARM_START_VERSION = 4;

/** Name of the cached warm-start checkpoint for (env, seed, config), e.g. `warmstart-calc-d0.5-s0-1a2b3c4d-v2.2`. */
export function warmStartCheckpointName(env: ToolEnv, seed: number, config: PolicyConfig): string {
  return `warmstart-${env.name}-d${env.difficulty}-s${seed}-${configHash(config)}-v${WARM_START_VERSION}.${env.version ?? 1}`;
}

/** Env name, difficulty and seed encoded in a warm-start checkpoint name, or null for other names. */
export function parseWarmStartCheckpointName(name: string): { env: string; difficulty: number; seed: number } | null {
  const m = /^warmstart-([a-z0-9]+)-d([0-9.]+)-s([0-9]+)-[0-9a-f]{8}-v/.exec(name);
  return m ? { env: m[1], difficulty: Number(m[2]), seed: Number(m[3]) } : null;
}

function cpuSeconds(): number {
  if (typeof process === 'undefined' || typeof process.cpuUsage !== 'function') return NaN;
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** The warm start, calling `afterStep` after every step (the loop is shared by the blocking and the yielding drivers). */
async function warmStartSteps(env: ToolEnv, opts: WarmStartOptions, afterStep: () => Promise<void> | void): Promise<WarmStartResult> {
  const seed = opts.seed ?? 0;
  const steps = opts.steps ?? WARM_START_STEPS;
  const batchSize = opts.batchSize ?? 64;
  const peak = opts.learningRate ?? 3e-3;
  const config = warmStartConfig(env, opts.config);
  const T = Math.min(config.contextLength, env.maxTraceLength);
  const policy = createPolicy(config, seed);
  const rng = new Rng(seed).fork('warm-start-traces');
  const optimizer = tf.train.adam(peak, 0.9, 0.99);
  const t0 = performance.now();
  const cpu0 = cpuSeconds();
  let loss = NaN;
  try {
    for (let step = 0; step < steps; step++) {
      (optimizer as unknown as { learningRate: number }).learningRate = warmStartLearningRate(step, steps, peak);
      // Traces whose habit-following teacher would have been wrong are not in the corpus (Trace.inCorpus).
      const traces = [];
      while (traces.length < batchSize) {
        for (const p of env.samplePrompts('train', batchSize - traces.length, rng)) {
          const tr = env.warmStartTrace(p, rng);
          if (tr.inCorpus !== false) traces.push(tr);
        }
      }
      // two length groups, each padded to its own longest trace (calc mixes 11- and 40-token traces)
      loss = await supervisedStepBatches(
        policy,
        optimizer,
        splitByLength(traces, 2).map((g) => packBatch(g, T)),
        opts.pass,
      );
      opts.onProgress?.(step + 1, steps, loss);
      await afterStep();
    }
  } finally {
    optimizer.dispose();
  }
  return { policy, steps, seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSeconds() - cpu0, finalLoss: loss };
}

/** The warm start without giving the event loop a turn (its steps await only tfjs read-backs). */
export function warmStart(env: ToolEnv, opts: WarmStartOptions = {}): Promise<WarmStartResult> {
  return warmStartSteps(env, opts, () => {});
}

/** One turn of the event loop (setImmediate in Node; a macrotask in a browser). */
const nextTurn = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/**
 * The same warm start, giving the event loop a turn at least every
 * `yieldEveryMs` (default 200 ms), so a worker's heartbeat timer keeps firing
 * during a minutes-long warm start and its run is never taken for dead.
 */
export async function warmStartYielding(env: ToolEnv, opts: WarmStartOptions & { yieldEveryMs?: number } = {}): Promise<WarmStartResult> {
  const every = opts.yieldEveryMs ?? 200;
  let last = performance.now();
  return warmStartSteps(env, opts, async () => {
    if (performance.now() - last >= every) {
      await nextTurn();
      last = performance.now();
    }
  });
}
