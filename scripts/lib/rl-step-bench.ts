/**
 * One RL step of the trainer's default config, timed by phase, for
 * scripts/bench-agent.ts: sample (decode with tool execution) → score (env
 * objectives) → advantages (the default estimator) → update (clipped policy
 * gradient with the KL reference forward, Adam) → log (what the trainer
 * builds for its run log: step metrics and the trajectory sample as JSON; the
 * database write itself is not timed here).
 *
 * The same library calls as lib/training/run-training.ts, on a policy given
 * by the caller; `decoder` picks the forward pass of the rollouts, so the two
 * paths can be timed side by side on the same policy, prompts and seeds.
 */
import * as tf from '@tensorflow/tfjs';
import { decodeRollouts, generatedTokens, scoreRollouts, policyGradientStep, policyFromWeights, serializeWeights, disposePolicy, Rng } from '../../lib/agent';
import type { DecoderKind, Policy, Trajectory } from '../../lib/agent';
import type { ToolEnv } from '../../lib/envs';
import { SRC_POLICY } from '../../lib/envs';
import { createEstimator } from '../../lib/paretopo';
import { estimatorOptions, runObjectives, TrainConfigSchema } from '../../lib/training/config';
import type { TrainConfig } from '../../lib/training/config';
import { trajectorySegments } from '../../lib/training/segments';
import { learningRate } from '../../lib/training/schedule';

export const RL_PHASES = ['sample', 'score', 'advantages', 'update', 'log'] as const;
export type RlPhase = (typeof RL_PHASES)[number];
export type RlTiming = Record<RlPhase, number> & { total: number; rollouts: number; generated: number };

/**
 * The passes of an RL step: 'kernel' = rollouts on the kernel decoder, the KL
 * reference forward on the kernels and the update split by length (the
 * trainer's defaults); 'tfjs' = rollouts and KL reference on tfjs and one
 * padded batch: the RL step of main before issue 16 (the update's training
 * pass is the kernels' in both).
 */
export type RlPath = 'kernel' | 'tfjs';

/** Run `steps` RL steps of `config` from a copy of `policy`; per step, milliseconds by phase. */
export async function timeRlSteps(policy: Policy, env: ToolEnv, config: TrainConfig, path: RlPath, steps: number, seed = 0): Promise<RlTiming[]> {
  const decoder: DecoderKind = path;
  const c = TrainConfigSchema.parse(config);
  const objectives = runObjectives(c);
  const trainIdx = c.objectives.map((name) => objectives.findIndex((o) => o.name === name));
  const estimator = createEstimator(
    c.algorithm,
    estimatorOptions(c),
    trainIdx.map((k) => objectives[k]),
  );
  const pol = policyFromWeights(await serializeWeights(policy));
  const ref = c.klCoef > 0 ? policyFromWeights(await serializeWeights(policy)) : undefined;
  const optimizer = tf.train.adam(c.learningRate, 0.9, 0.999);
  const out: RlTiming[] = [];
  try {
    for (let step = 1; step <= steps; step++) {
      const t0 = performance.now();
      const rng = new Rng(seed).fork(`step-${step}`);
      const prompts = env.samplePrompts('train', c.promptsPerStep, rng.fork('prompts'));
      const decoded = await decodeRollouts(pol, env, prompts, {
        groupSize: c.groupSize,
        temperature: c.temperature,
        rng: rng.fork('sampling'),
        maxTokens: c.maxTokens,
        decoder,
      });
      const t1 = performance.now();
      const trajs = scoreRollouts(env, decoded);
      const t2 = performance.now();
      const groups = [];
      for (let p = 0; p < prompts.length; p++) groups.push(trajs.slice(p * c.groupSize, (p + 1) * c.groupSize).map((t) => estimatorInput(t, trainIdx)));
      const batch = estimator.computeAdvantages(groups, step);
      const flat = batch.groups.flat();
      const perToken = trajs.map((t, b) => tokenAdvantages(t, flat[b].tokenAdvantages));
      const t3 = performance.now();
      (optimizer as unknown as { learningRate: number }).learningRate = learningRate(step, c);
      const pg = await policyGradientStep(pol, optimizer, trajs, perToken, {
        clipEps: c.clipEps,
        klCoef: c.klCoef,
        refPolicy: ref,
        temperature: c.temperature,
        referencePass: path,
        lengthGroups: path === 'tfjs' ? 1 : undefined,
      });
      const t4 = performance.now();
      const record = {
        step,
        loss: pg.loss,
        kl: pg.kl,
        entropy: pg.entropy,
        objectiveMeans: objectives.map((_, k) => trajs.reduce((a, t) => a + t.objectives[k], 0) / trajs.length),
        estimator: estimator.state(),
        sample: trajs.slice(0, c.trajectorySample).map((t, b) => ({
          group: t.promptIndex,
          index: t.groupIndex,
          prompt: env.vocab.decode(t.prompt.tokens),
          tokens: trajectorySegments(t.tokens, t.sources, env.vocab).filter((s) => s.kind !== 'prompt'),
          objectives: t.objectives,
          rank: flat[b].paretoRank,
          advantage: flat[b].advantage,
        })),
      };
      if (JSON.stringify(record).length === 0) throw new Error('unreachable');
      const t5 = performance.now();
      out.push({
        sample: t1 - t0,
        score: t2 - t1,
        advantages: t3 - t2,
        update: t4 - t3,
        log: t5 - t4,
        total: t5 - t0,
        rollouts: trajs.length,
        generated: generatedTokens(env, trajs),
      });
    }
  } finally {
    optimizer.dispose();
    disposePolicy(pol);
    if (ref) disposePolicy(ref);
  }
  return out;
}

function estimatorInput(t: Trajectory, idx: readonly number[]) {
  let n = 0;
  for (let i = 0; i < t.tokens.length; i++) if (t.sources[i] === SRC_POLICY) n++;
  const mask = new Uint8Array(n);
  for (let i = 0, j = 0; i < t.tokens.length; i++) if (t.sources[i] === SRC_POLICY) mask[j++] = t.isAction[i];
  return { objectives: idx.map((k) => t.objectives[k]), numTokens: n, toolCallMask: mask, promptId: t.prompt.id };
}

function tokenAdvantages(t: Trajectory, gen: Float32Array): Float32Array {
  const out = new Float32Array(t.tokens.length);
  for (let i = 0, j = 0; i < t.tokens.length; i++) if (t.sources[i] === SRC_POLICY) out[i] = gen[j++];
  return out;
}
