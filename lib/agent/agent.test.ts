import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPolicy,
  disposePolicy,
  forward,
  initBackend,
  loadWeights,
  packBatch,
  policyFromWeights,
  policyGradientStep,
  sampleRollouts,
  serializeWeights,
  supervisedLoss,
  supervisedStep,
  trajectoryLogprobs,
  evaluate,
  Rng,
  TRAINING_PASSES,
} from './index';
import { getEnv, ANSWER, CALL, ENDCALL, STEP, SRC_POLICY, SRC_PROMPT, SRC_TOOL } from '../envs';

beforeAll(async () => {
  await initBackend('wasm');
});

const small = { nLayer: 1, nEmbd: 32, nHead: 2, contextLength: 48 };

describe('policy', () => {
  const env = getEnv('calc', { seed: 0 });

  it('masks tool-output tokens out of the loss', () => {
    const policy = createPolicy({ ...small, vocabSize: env.vocab.size }, 1);
    const rng = new Rng(1);
    const trace = env
      .samplePrompts('train', 200, rng)
      .map((p) => env.warmStartTrace(p, rng))
      .find((t) => t.calls > 0)!;
    const batch = packBatch([trace], 48);
    // target mask is exactly "written by the policy"
    for (let t = 1; t < trace.tokens.length; t++) expect(batch.targetMask[t - 1]).toBe(trace.sources[t] === SRC_POLICY ? 1 : 0);
    // changing tool-output tokens in the targets... (they are also inputs, so change only the LAST tool token's
    // target effect): the loss must not depend on what the tool said except through later inputs. Check directly:
    // a batch whose tool-output targets are replaced by other ids has the same loss when inputs are identical.
    const lossOf = (b: typeof batch) => tf.tidy(() => supervisedLoss(policy, b).dataSync()[0]);
    const base = lossOf(batch);
    const toolPos = trace.sources.findIndex((s) => s === SRC_TOOL);
    expect(toolPos).toBeGreaterThan(0);
    // Weight that target position as trainable: loss changes, proving the mask is what removes it.
    const unmasked = { ...batch, targetMask: batch.targetMask.slice() };
    unmasked.targetMask[toolPos - 1] = 1;
    expect(Math.abs(lossOf(unmasked) - base)).toBeGreaterThan(1e-6);
    disposePolicy(policy);
  });

  it('sampling-time log-probs equal teacher-forced log-probs', async () => {
    const policy = createPolicy({ ...small, vocabSize: env.vocab.size }, 2);
    const rng = new Rng(3);
    const trajs = await sampleRollouts(policy, env, env.samplePrompts('train', 6, rng), { groupSize: 2, temperature: 1, rng, maxTokens: 20 });
    const lp = await trajectoryLogprobs(policy, trajs);
    let checked = 0;
    trajs.forEach((t, b) => {
      for (let i = 0; i < t.tokens.length; i++)
        if (t.sources[i] === SRC_POLICY) {
          expect(lp[b][i]).toBeCloseTo(t.logprobs[i], 3);
          checked++;
        }
      // action flags cover exactly CALL..ENDCALL spans of policy tokens
      for (let i = 0; i < t.tokens.length; i++) if (t.tokens[i] === CALL && t.sources[i] === SRC_POLICY) expect(t.isAction[i]).toBe(1);
    });
    expect(checked).toBeGreaterThan(20);
    disposePolicy(policy);
  });

  it('is deterministic under a seed', async () => {
    const run = async () => {
      const policy = createPolicy({ ...small, vocabSize: env.vocab.size }, 4);
      const rng = new Rng(5);
      const t = await sampleRollouts(policy, env, env.samplePrompts('train', 4, rng), { groupSize: 2, rng, maxTokens: 16 });
      disposePolicy(policy);
      return t.map((x) => x.text);
    };
    expect(await run()).toEqual(await run());
  });

  it('save/load round trip gives identical outputs', async () => {
    const a = createPolicy({ ...small, vocabSize: env.vocab.size }, 6);
    const b = createPolicy({ ...small, vocabSize: env.vocab.size }, 7);
    const ids = tf.tensor2d([[1, 8, 9, 20, 10, 23]], [1, 6], 'int32');
    const la = tf.tidy(() => forward(a, ids).dataSync());
    expect(tf.tidy(() => forward(b, ids).dataSync())).not.toEqual(la);
    loadWeights(b, await serializeWeights(a));
    expect(tf.tidy(() => forward(b, ids).dataSync())).toEqual(la);
    const c = policyFromWeights(await serializeWeights(a));
    expect(c.config).toEqual(a.config);
    expect(tf.tidy(() => forward(c, ids).dataSync())).toEqual(la);
    const blob = await serializeWeights(a);
    expect(() => loadWeights(createPolicy({ ...small, nEmbd: 16, vocabSize: env.vocab.size }), blob)).toThrow(/config mismatch/);
    ids.dispose();
    [a, b, c].forEach(disposePolicy);
  });

  for (const pass of TRAINING_PASSES)
    it(`does not leak tensors across training, RL and sampling steps (${pass} pass)`, async () => {
      const policy = createPolicy({ ...small, vocabSize: env.vocab.size }, 8);
      const ref = policyFromWeights(await serializeWeights(policy));
      const opt = tf.train.adam(1e-3);
      const rng = new Rng(9);
      const traces = env.samplePrompts('train', 8, rng).map((p) => env.warmStartTrace(p, rng));
      const run = async () => {
        await supervisedStep(policy, opt, packBatch(traces, 48), pass);
        const trajs = await sampleRollouts(policy, env, env.samplePrompts('train', 4, rng), { groupSize: 2, rng, maxTokens: 12 });
        const adv = trajs.map((t) => Float32Array.from(t.tokens, () => rng.normal()));
        const s = await policyGradientStep(policy, opt, trajs, adv, { clipEps: 0.2, klCoef: 0.1, refPolicy: ref, pass });
        expect(Number.isFinite(s.loss) && Number.isFinite(s.kl) && Number.isFinite(s.entropy)).toBe(true);
        expect(s.clipFraction).toBeGreaterThanOrEqual(0);
      };
      await run();
      await run();
      const n0 = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) await run();
      expect(tf.memory().numTensors).toBe(n0);
    });

  it('policyGradientStep raises the log-prob of positively-advantaged tokens; first step has ratio 1', async () => {
    const policy = createPolicy({ ...small, vocabSize: env.vocab.size }, 10);
    const opt = tf.train.adam(1e-2);
    const rng = new Rng(11);
    const trajs = await sampleRollouts(policy, env, env.samplePrompts('train', 4, rng), { rng, maxTokens: 10 });
    const adv = trajs.map((t) => Float32Array.from(t.tokens, () => 1));
    const before = await trajectoryLogprobs(policy, trajs);
    const s = await policyGradientStep(policy, opt, trajs, adv, {});
    expect(s.clipFraction).toBe(0);
    expect(s.loss).toBeCloseTo(-1, 3); // ratio 1 everywhere on the first step
    const after = await trajectoryLogprobs(policy, trajs);
    const sum = (xs: Float32Array[]) => xs.reduce((a, x, b) => a + x.reduce((c, v, i) => c + (trajs[b].sources[i] === SRC_POLICY ? v : 0), 0), 0);
    expect(sum(after)).toBeGreaterThan(sum(before));
    disposePolicy(policy);
  });

  it('never-call never calls and always-call calls on every question', async () => {
    const policy = createPolicy({ ...small, vocabSize: env.vocab.size }, 12);
    const never = await evaluate(policy, env, 'test', { n: 16, policyMode: 'never-call', greedy: false, batchSize: 16 });
    const calls = env.objectives.findIndex((o) => o.name === 'tool_calls');
    expect(never.objectives[calls]).toBe(0);
    const always = await evaluate(policy, env, 'test', { n: 16, policyMode: 'always-call', greedy: false, batchSize: 16 });
    for (const t of always.trajectories) expect(t.objectives[calls]).toBeGreaterThan(0);
    disposePolicy(policy);
  });

  it('oracle calls exactly at the decision points of the steps the env marks, and never answers before them', async () => {
    for (const name of ['calc', 'hops'] as const) {
      const e = getEnv(name, { seed: 0 });
      const policy = createPolicy({ ...small, vocabSize: e.vocab.size }, 13);
      const r = await evaluate(policy, e, 'test', { n: 24, policyMode: 'oracle', greedy: false, batchSize: 24 });
      for (const t of r.trajectories) {
        const plan = e.toolPlan(t.prompt);
        // replay: a decision point follows the prompt or a finished step (STEP outside a call)
        let steps = 0;
        let inCall = false;
        for (let i = t.prompt.tokens.length; i < t.tokens.length; i++) {
          if (t.sources[i] !== SRC_POLICY) {
            if (t.tokens[i] === STEP && t.sources[i] === SRC_TOOL) steps++;
            continue;
          }
          const prev = t.tokens[i - 1];
          const atDecision = t.sources[i - 1] === SRC_PROMPT || (prev === STEP && !inCall);
          if (atDecision) {
            if (plan[steps] === true) expect(t.tokens[i], `${t.text}: step ${steps} needs the tool`).toBe(CALL);
            else expect(t.tokens[i], `${t.text}: step ${steps} does not`).not.toBe(CALL);
            if (plan.indexOf(true, steps) >= 0) expect(t.tokens[i], `${t.text}: answered before a marked step`).not.toBe(ANSWER);
          } else expect(t.tokens[i] === CALL && !inCall ? 'call outside a decision point' : 'ok').toBe('ok');
          if (t.tokens[i] === CALL) inCall = true;
          if (t.tokens[i] === ENDCALL) inCall = false;
          if (t.tokens[i] === STEP && !inCall) steps++;
        }
      }
      disposePolicy(policy);
    }
  });
});
