/**
 * lib/agent — the tool-using policy (tfjs): model, sampling with tool
 * execution, losses, warm start, evaluation, weights.
 *
 *   await initBackend();                       // wasm in Node, webgpu in a browser with navigator.gpu
 *   const env = getEnv('calc', { seed: 0 });   // from lib/envs
 *   const { policy } = await loadOrTrainWarmStart(env, { seed: 0 });   // cached named checkpoint
 *   const ref = policyFromWeights(await serializeWeights(policy));     // frozen copy for the KL term
 *   const trajs = await sampleRollouts(policy, env, env.samplePrompts('train', 32, rng),
 *                                      { groupSize: 8, temperature: 1, rng, maxTokens: 40 });
 *   // trajs[i]: tokens, sources (prompt/policy/tool), isAction (call tokens),
 *   //           logprobs (sampling time), text, objectives (env.objectives order), bucket
 *   const optimizer = tf.train.adam(1e-4);
 *   await policyGradientStep(policy, optimizer, trajs, advantages /* per token, aligned with tokens *\/,
 *                            { clipEps: 0.2, klCoef: 0.02, refPolicy: ref });  // -> { loss, kl, entropy, clipFraction }
 *   await evaluate(policy, env, 'test', { n: 512, policyMode: 'never-call', greedy: true });
 *
 * Everything that reads tensors back is asynchronous (`await t.data()`, never
 * `dataSync`): a synchronous read from WebGPU returns zeros in Chromium here
 * and then loses the device.
 * Every function that allocates tensors disposes them; callers own Policy
 * objects (disposePolicy) and optimizers.
 */
export { DEFAULT_POLICY_CONFIG, resolveConfig, configHash } from './config';
export type { PolicyConfig } from './config';
export { initBackend } from './backend';
export { TRAINING_PASSES } from './training-pass';
export type { TrainingPass } from './training-pass';
export type { BackendName } from './backend';
export { createPolicy, disposePolicy, copyWeights, forward } from './model';
export type { Policy } from './model';
export { sampleRollouts, decodeRollouts, scoreRollouts } from './sample';
export type { SampleOptions, DecodedRollout } from './sample';
export { DECODER_KINDS } from './decoder';
export type { DecoderKind } from './decoder';
export { POLICY_MODES } from './trajectory';
export type { Trajectory, PolicyMode } from './trajectory';
export { policyGradientStep, trajectoryLogprobs } from './pg-step';
export type { PolicyGradientOptions, PolicyGradientStats } from './pg-step';
export { supervisedStep, supervisedStepBatches, supervisedLoss, packBatch, splitByLength } from './train-step';
export type { TokenBatch } from './train-step';
export { evaluate, generatedTokens } from './evaluate';
export type { EvaluateOptions, EvaluationResult, BucketStats } from './evaluate';
export { serializeWeights, loadWeights, policyFromWeights, readWeightsConfig, WEIGHTS_FORMAT_VERSION } from './serialize';
export { Rng } from '../rng';
