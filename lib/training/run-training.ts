/**
 * The training loop (one function, nanoGPT-style): per step
 *   roll out G samples of P prompts → score (env objectives) → advantages
 *   (lib/paretopo estimator) → one clipped policy-gradient update (KL to the
 *   warm start) → every validationEvery steps (adaptive estimators only)
 *   evaluate greedily on the fixed VALIDATION subset and feed that point to
 *   the estimator → every evalEvery steps evaluate greedily on the fixed TEST
 *   subset for the run archive and the log only (no estimator ever sees a
 *   test prompt or a test score) → log metrics, a trajectory sample, eval
 *   points and frontier snapshots → checkpoint every checkpointEvery steps.
 *
 * Determinism: the randomness of step s comes from Rng(seed).fork('step-s'),
 * so no generator state has to be carried between steps, and a run resumed
 * from the checkpoint of step k takes exactly the steps k+1.. of an
 * uninterrupted run (weights, Adam state, estimator state and archive are
 * restored bit-exactly).
 */
import * as tf from '@tensorflow/tfjs';
import {
  initBackend,
  loadWeights,
  policyFromWeights,
  policyGradientStep,
  decodeRollouts,
  scoreRollouts,
  serializeWeights,
  disposePolicy,
  type Policy,
  type Trajectory,
  type DecoderKind,
  type TrainingPass,
} from '../agent';
import { trunkKernelVariant } from '../agent/kernel/trunk';
import { getEnv, SRC_POLICY, type ToolEnv } from '../envs';
import { Rng } from '../rng';
import { createEstimator, type AdvantageEstimator, type Group } from '../paretopo';
import type { RunLog, StoredCheckpoint } from '../runs/run-log-interface';
import type { TrajectoryRecord } from '../contract/run-log';
import { estimatorOptions, OBJECTIVE_BEST, runObjectives, type TrainConfig } from './config';
import { evaluatePolicy, type TrainEvaluation } from './evaluate';
import { parseCheckpointMeta, type TrainCheckpointMeta } from './checkpoint-meta';
import { RunArchive } from './run-archive';
import { restoreAdamState, saveAdamState } from './optimizer-state';
import { learningRate } from './schedule';
import { trajectorySegments } from './segments';
import { loadOrTrainWarmStart } from './warm-start-cache';

export interface TrainProgress {
  step: number;
  steps: number;
  stage: number;
  hypervolume: number | null;
  /** The latest test evaluation's objective vector (runObjectives(config) order), null before the first. */
  evaluation: number[] | null;
}

export interface RunTrainingOptions {
  config: TrainConfig;
  seed: number;
  /**
   * The run's log (in process or over HTTP): the run exists and is running;
   * this function never finishes, fails or cancels it. Warm starts are loaded
   * from (and, when trained here, saved to) its named checkpoints.
   */
  logger: RunLog;
  /** Latest checkpoint of this run (logger.latestCheckpoint()), or null to start fresh. */
  resumeFrom?: StoredCheckpoint | null;
  /** Checked between steps; true → save a checkpoint and return 'cancelled'. */
  shouldStop?: () => Promise<boolean>;
  onProgress?: (p: TrainProgress) => void;
  /** Warm-start progress, when it is not cached yet (about 150 s on 2 cores). */
  onWarmStart?: (step: number, total: number) => void;
  /**
   * Wraps the estimator the run creates (default: none). The leak test
   * records through it everything the estimator is given.
   */
  wrapEstimator?: (estimator: AdvantageEstimator) => AdvantageEstimator;
  /**
   * The forward pass of rollouts and evaluations (SampleOptions.decoder).
   * Default: 'kernel' where the WebAssembly kernels are loaded (Node), else
   * 'tfjs' (the browser). Both give the same tokens (kernel/decode.test.ts).
   */
  decoder?: DecoderKind;
  /**
   * Which training pass computes the gradients (lib/agent/training-pass.ts):
   * default 'kernel' (the WebAssembly kernel in Node); a browser passes 'tfjs'
   * (its WebGPU or wasm backend). A warm start trained here uses it too.
   */
  pass?: TrainingPass;
}

export type { ArchivedEval } from './run-archive';

export type { TrainCheckpointMeta } from './checkpoint-meta';

const BETA1 = 0.9;
const BETA2 = 0.999;

export async function runTraining(opts: RunTrainingOptions): Promise<{ status: 'finished' | 'cancelled' }> {
  const { config, seed, logger } = opts; // parsed once at its untrusted edge (HTTP body, stored run config, CLI flags)
  await initBackend();
  const decoder: DecoderKind = opts.decoder ?? (trunkKernelVariant() ? 'kernel' : 'tfjs');
  const env = getEnv(config.env, { seed, difficulty: config.difficulty ?? undefined });
  // The run's objectives: every env objective, in the env's score order, with its hypervolume reference.
  const objectives = runObjectives(config);
  const trainIdx = config.objectives.map((name) => objectives.findIndex((o) => o.name === name));
  const created = createEstimator(
    config.algorithm,
    estimatorOptions(config),
    trainIdx.map((k) => objectives[k]),
  );
  const estimator = opts.wrapEstimator ? opts.wrapEstimator(created) : created;
  const adaptive = created.adaptive === true;

  const warm = await loadOrTrainWarmStart(env, logger, {
    seed,
    config: config.policy,
    pass: opts.pass,
    onProgress: opts.onWarmStart ? (s, n) => opts.onWarmStart!(s, n) : undefined,
  });
  const policy = warm.policy;
  const ref = config.klCoef > 0 ? policyFromWeights(await serializeWeights(policy)) : undefined;
  const optimizer = tf.train.adam(config.learningRate, BETA1, BETA2);
  const vars = [...policy.params.values()];

  const archive = new RunArchive(objectives, config.objectives, OBJECTIVE_BEST);
  let startStep = 1;
  let wallOffset = 0;
  const resume = opts.resumeFrom ?? null;
  try {
    if (resume) {
      const meta = parseCheckpointMeta(resume.meta, String(resume.id));
      if (meta.seed !== seed) throw new Error(`checkpoint ${resume.id} has seed ${meta.seed}, this run ${seed}`);
      if (canonicalJson(meta.config) !== canonicalJson(config)) throw new Error(`checkpoint ${resume.id} was written with a different config`);
      loadWeights(policy, resume.weights);
      restoreAdamState(optimizer, meta.adam);
      estimator.restore(meta.estimator);
      for (const e of meta.archive) archive.add(e);
      startStep = meta.step + 1;
      wallOffset = meta.wallTime;
    }
    const t0 = performance.now() - wallOffset * 1000;
    const wall = () => (performance.now() - t0) / 1000;
    let lastEval: TrainEvaluation | null = null;
    let stage = 0;
    const hv = () => archive.hypervolume;

    const evaluateAndLog = async (step: number) => {
      const ev = await evaluatePolicy(policy, env, config, 8, 'test', 'base', decoder);
      lastEval = ev;
      archive.add({ step, objectives: ev.objectives });
      await logger.evalPoint({
        step,
        objectives: ev.objectives,
        extra: { toolProductivity: ev.toolProductivity, buckets: ev.buckets, n: config.evalSize, greedy: true },
      });
      await logger.frontier({ step, points: archive.frontVectors(), hypervolume: hv() });
      const samples: TrajectoryRecord[] = ev.samples.map((t, i) => ({
        step,
        group: i,
        index: 0,
        split: 'eval',
        prompt: env.vocab.decode(t.prompt.tokens),
        tokens: trajectorySegments(t.tokens, t.sources, env.vocab).filter((s) => s.kind !== 'prompt'),
        objectives: t.objectives,
      }));
      await logger.trajectories(step, samples, 1);
      return ev;
    };

    /** Validation evaluation: the only score an adaptive estimator is given. */
    const validate = async (step: number) => {
      const v = await evaluatePolicy(policy, env, config, 0, 'validation', 'base', decoder);
      estimator.observeEvaluation(
        trainIdx.map((k) => v.objectives[k]),
        step,
      );
      return v;
    };

    const checkpoint = async (step: number) => {
      const meta: TrainCheckpointMeta = {
        kind: 'train',
        format: 2,
        step,
        seed,
        config,
        warmStart: warm.name,
        adam: await saveAdamState(optimizer),
        estimator: estimator.serialize(),
        archive: archive.evals,
        wallTime: wall(),
      };
      await logger.saveCheckpoint({ step, weights: await serializeWeights(policy), meta }, { keep: config.keepCheckpoints });
    };

    if (startStep === 1) {
      if (adaptive) await validate(0);
      const ev = await evaluateAndLog(0);
      // Reference points for the objective plane (split 'reference-*', never a run point): the base policy
      // (the warm start, = the step-0 evaluation) and the oracle routing policy on the same test subset.
      const oracle = await evaluatePolicy(policy, env, config, 0, 'test', 'oracle', decoder);
      for (const [split, r] of [
        ['reference-base', ev],
        ['reference-oracle', oracle],
      ] as const) {
        await logger.evalPoint({ step: 0, split, objectives: r.objectives, extra: { buckets: r.buckets, n: config.evalSize, greedy: true } });
      }
      opts.onProgress?.({ step: 0, steps: config.steps, stage, hypervolume: hv(), evaluation: ev.objectives });
    }

    let savedAt = startStep - 1;
    let logPrevious: number | null = null; // seconds the previous step spent logging (null at a session's first step)
    for (let step = startStep; step <= config.steps; step++) {
      if (opts.shouldStop && (await opts.shouldStop())) {
        if (savedAt !== step - 1) await checkpoint(step - 1);
        return { status: 'cancelled' };
      }
      const tStep = performance.now();
      const rng = new Rng(seed).fork(`step-${step}`);
      const prompts = env.samplePrompts('train', config.promptsPerStep, rng.fork('prompts'));
      // B = promptsPerStep × groupSize trajectories, prompt-major.
      const decoded = await decodeRollouts(policy, env, prompts, {
        groupSize: config.groupSize,
        temperature: config.temperature,
        rng: rng.fork('sampling'),
        maxTokens: config.maxTokens,
        decoder,
      });
      const tSample = performance.now();
      const trajs = scoreRollouts(env, decoded);
      const tScore = performance.now();

      const groups: Group[] = [];
      for (let p = 0; p < prompts.length; p++) {
        groups.push(trajs.slice(p * config.groupSize, (p + 1) * config.groupSize).map((t) => estimatorInput(t, trainIdx)));
      }
      const spread = correctCallSpread(trajs, config.groupSize, objectives);
      const batch = estimator.computeAdvantages(groups, step);
      stage = batch.stage ?? 0;
      const flat = batch.groups.flat(); // [B] in trajectory order
      const perToken = trajs.map((t, b) => tokenAdvantages(t, flat[b].tokenAdvantages)); // B × [len]
      const tAdvantages = performance.now();

      const lr = learningRate(step, config);
      (optimizer as unknown as { learningRate: number }).learningRate = lr;
      const pg = await policyGradientStep(policy, optimizer, trajs, perToken, {
        clipEps: config.clipEps,
        klCoef: config.klCoef,
        refPolicy: ref,
        temperature: config.temperature,
        pass: opts.pass,
      });
      const tUpdate = performance.now();

      const val = adaptive && step % config.validationEvery === 0 ? await validate(step) : null;
      const tVal = performance.now();
      let ev: TrainEvaluation | null = null;
      if (step % config.evalEvery === 0 || step === config.steps) ev = await evaluateAndLog(step);
      const tEval = performance.now();

      const means = objectiveMeans(trajs, objectives);
      const weights = batch.weights
        ? objectives.map((o) => {
            const k = config.objectives.indexOf(o.name);
            return k >= 0 ? batch.weights![k] : 0;
          })
        : undefined;
      const advs = flat.map((a) => a.advantage);
      await logger.step({
        step,
        stage: batch.stage ?? undefined,
        hypervolume: hv(),
        objectiveMeans: means,
        weights,
        loss: pg.loss,
        kl: pg.kl,
        entropy: pg.entropy,
        wallTime: wall(),
        extra: {
          learningRate: lr,
          clipFraction: pg.clipFraction,
          rewardMean: mean(flat.map((a) => a.reward)),
          advantageAbsMean: mean(advs.map(Math.abs)),
          zeroAdvantageGroups: batch.groups.filter((g) => g.every((a) => a.advantage === 0)).length,
          truncated: trajs.filter((t) => t.truncated).length / trajs.length,
          // share of groups whose correct members differ in their number of tool calls (where efficiency credit can act)
          correctCallSpread: spread,
          estimator: estimator.state(),
          // Objective vectors in the run's objective order, like every other vector of the run.
          ...(val ? { validation: { objectives: val.objectives } } : {}),
          ...(ev ? { eval: { objectives: ev.objectives, toolProductivity: ev.toolProductivity } } : {}),
          timing: {
            sample: (tSample - tStep) / 1000,
            score: (tScore - tSample) / 1000,
            advantages: (tAdvantages - tScore) / 1000,
            update: (tUpdate - tAdvantages) / 1000,
            validation: (tVal - tUpdate) / 1000,
            eval: (tEval - tVal) / 1000,
            logPrevious,
          },
        },
      });
      const sample = trajectorySample(step, trajs, flat, config, env);
      await logger.trajectories(step, sample, 0);

      if (step % config.checkpointEvery === 0 || step === config.steps) {
        await checkpoint(step);
        savedAt = step;
      }
      logPrevious = (performance.now() - tEval) / 1000;
      const latest = lastEval as TrainEvaluation | null;
      opts.onProgress?.({
        step,
        steps: config.steps,
        stage,
        hypervolume: hv(),
        evaluation: latest?.objectives ?? null,
      });
    }
    return { status: 'finished' };
  } finally {
    optimizer.dispose();
    if (ref) disposePolicy(ref);
    disposePolicy(policy);
  }
}

/** The estimator's view of a trajectory: trained objectives, generated-token count, tool-call mask. */
function estimatorInput(t: Trajectory, idx: readonly number[]) {
  let n = 0;
  for (let i = 0; i < t.tokens.length; i++) if (t.sources[i] === SRC_POLICY) n++;
  const mask = new Uint8Array(n);
  for (let i = 0, j = 0; i < t.tokens.length; i++) if (t.sources[i] === SRC_POLICY) mask[j++] = t.isAction[i];
  return { objectives: idx.map((k) => t.objectives[k]), numTokens: n, toolCallMask: mask, promptId: t.prompt.id };
}

/**
 * Share of the step's groups whose correct members differ in their number of
 * tool calls (groups with fewer than two correct members count as not
 * differing): the groups where efficiency credit can separate correct answers.
 */
export function correctCallSpread(trajs: readonly Pick<Trajectory, 'objectives'>[], groupSize: number, objectives: readonly { name: string }[]): number {
  const groups = Math.floor(trajs.length / groupSize);
  if (groups === 0) return 0;
  const [acc, tc] = ['accuracy', 'tool_calls'].map((n) => objectives.findIndex((o) => o.name === n));
  let differ = 0;
  for (let g = 0; g < groups; g++) {
    const calls = new Set<number>();
    for (let i = g * groupSize; i < (g + 1) * groupSize; i++) if (trajs[i].objectives[acc] >= 1) calls.add(trajs[i].objectives[tc]);
    if (calls.size > 1) differ++;
  }
  return differ / groups;
}

/** Scatter per-generated-token advantages back to token positions (0 on prompt and tool tokens). */
function tokenAdvantages(t: Trajectory, gen: Float32Array): Float32Array {
  const out = new Float32Array(t.tokens.length);
  for (let i = 0, j = 0; i < t.tokens.length; i++) if (t.sources[i] === SRC_POLICY) out[i] = gen[j++];
  return out;
}

/** JSON with object keys sorted (PostgreSQL jsonb does not keep key order). */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x,
  );
}

function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** Mean of each objective over the step's rollouts, keyed by objective name (the step record's objectiveMeans). */
function objectiveMeans(trajs: Trajectory[], objectives: readonly { name: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  objectives.forEach((o, k) => (out[o.name] = mean(trajs.map((t) => t.objectives[k]))));
  return out;
}

/** The first prompts' whole groups, up to trajectorySample trajectories. */
function trajectorySample(
  step: number,
  trajs: Trajectory[],
  adv: { advantage: number; reward: number; paretoRank: number }[],
  config: TrainConfig,
  env: ToolEnv,
): TrajectoryRecord[] {
  return trajs.slice(0, config.trajectorySample).map((t, b) => ({
    step,
    group: t.promptIndex,
    index: t.groupIndex,
    split: 'train' as const,
    prompt: env.vocab.decode(t.prompt.tokens),
    tokens: trajectorySegments(t.tokens, t.sources, env.vocab).filter((s) => s.kind !== 'prompt'),
    objectives: t.objectives,
    rank: adv[b].paretoRank,
    advantage: adv[b].advantage,
    reward: adv[b].reward,
  }));
}
