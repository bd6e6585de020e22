import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useDatabase } from '../support/databases';
import { disposePolicy, initBackend, resolveConfig, serializeWeights, TRAINING_PASSES } from '../../lib/agent';
import { trunkKernelSupports } from '../../lib/agent/kernel/trunk';
import { getLatestCheckpoint, getRunOrThrow, listEvalPoints, listFrontiers, listMetrics, listTrajectories, saveCheckpoint } from '../../lib/db';
import { getEnv } from '../../lib/envs';
import { ValidationError } from '../../lib/errors';
import { RunLogger } from '../../lib/runs';
import {
  describeTrainOptions,
  learningRate,
  parseTrainConfig,
  runHypervolume,
  runObjectives,
  runTraining,
  trajectorySegments,
  TrainConfigByAlgorithm,
  type TrainConfig,
  type TrainConfigInput,
  warmStart,
  warmStartCheckpointName,
  warmStartConfig,
} from '../../lib/training';

const TINY_POLICY = { nLayer: 1, nEmbd: 16, nHead: 2, mlpRatio: 1 };
const tiny = (o: Partial<TrainConfigInput> = {}): TrainConfig =>
  parseTrainConfig({
    env: 'calc',
    algorithm: 'paretopo',
    // stallPatience 1 so the estimator switches stage inside the test: its state must survive resume.
    algorithmOptions: { stallPatience: 1 },
    steps: 6,
    promptsPerStep: 2,
    groupSize: 4,
    maxTokens: 16,
    evalEvery: 2,
    evalSize: 16,
    validationEvery: 1,
    validationSize: 16,
    trajectorySample: 4,
    checkpointEvery: 2,
    policy: TINY_POLICY,
    ...o,
  });

/** A few-step warm start stored under the cache name, so tests do not train the real one. */
async function seedWarmStart(seed: number) {
  const env = getEnv('calc', { seed });
  const res = await warmStart(env, { seed, config: TINY_POLICY, steps: 10, batchSize: 16 });
  await saveCheckpoint({
    name: warmStartCheckpointName(env, seed, warmStartConfig(env, TINY_POLICY)),
    step: res.steps,
    weights: await serializeWeights(res.policy),
    meta: { kind: 'warmstart', note: 'tiny warm start for tests' },
  });
  disposePolicy(res.policy);
}

/** Runs this file started: ended after each database's tests, so their claim heartbeats stop before the database goes away. */
const started: RunLogger[] = [];

async function startRun(config: TrainConfig, seed: number, name: string) {
  const logger = await RunLogger.start({
    name,
    environment: config.env,
    algorithm: config.algorithm,
    config,
    seed,
    source: 'builtin',
    objectives: runObjectives(config),
  });
  started.push(logger);
  return logger;
}

/** Everything logged per step except wall-clock timings. */
async function loggedRun(runId: string) {
  const metrics = (await listMetrics(runId, { after: -1, limit: 10_000 })).map((m) => {
    const { wallTime: _w, extra, id: _id, runId: _r, createdAt: _c, ...rest } = m as unknown as Record<string, unknown> & { extra: Record<string, unknown> };
    const { timing: _t, ...e } = extra ?? {};
    return { ...rest, extra: e } as Record<string, unknown>;
  });
  const evals = (await listEvalPoints(runId)).map((p) => ({ step: p.step, objectives: p.objectives, extra: p.extra }));
  const fronts = (await listFrontiers(runId)).map((f) => ({ step: f.step, points: f.points, hypervolume: f.hypervolume }));
  const trajs = (await listTrajectories(runId, { limit: 1000 })).trajectories.map((t) => ({
    step: t.step,
    group: t.group,
    index: t.index,
    split: t.split,
    tokens: t.tokens,
    objectives: t.objectives,
    rank: t.rank,
    advantage: t.advantage,
  }));
  return { metrics, evals, fronts, trajs };
}

beforeAll(async () => {
  await initBackend('wasm');
});

describe('config', () => {
  it('fills a default for every field, each with a description', () => {
    const c = parseTrainConfig({});
    const docs = describeTrainOptions();
    expect(docs.map((d) => d.name)).toEqual(Object.keys(TrainConfigByAlgorithm.paretopo.shape));
    for (const d of docs) {
      expect(d.description.length, d.name).toBeGreaterThan(10);
      expect(d.default, d.name).toEqual((c as Record<string, unknown>)[d.name]);
    }
    expect(docs.find((d) => d.name === 'steps')).toMatchObject({ kind: 'integer', min: 1 });
    expect(docs.find((d) => d.name === 'algorithm')).toMatchObject({ kind: 'enum', choices: expect.arrayContaining(['paretopo', 'grpo', 'static']) });
    expect(docs.find((d) => d.name === 'learningRate')).toMatchObject({ kind: 'number' });
  });

  const bad: [unknown, RegExp][] = [
    [{ steps: 0 }, /^steps: /],
    [{ groupSize: 1 }, /^groupSize: /],
    [{ env: 'chess' }, /^env: .*calc.*hops/],
    [{ algorithm: 'ppo' }, /^algorithm: .*paretopo/],
    [{ algorithmOptions: { stallPatience: -1 } }, /^algorithmOptions\.stallPatience: /],
    [{ algorithm: 'grpo', algorithmOptions: { stallPatience: 2 } }, /^algorithmOptions\.stallPatience: unknown option/],
    [{ stepz: 3 }, /^stepz: unknown option; valid options: env, difficulty, algorithm/],
    [{ policy: { nLayers: 2 } }, /^policy\.nLayers: unknown option; valid options: nLayer, nEmbd/],
    [{ objectives: ['tool_calls', 'tokens'] }, /^objectives: must include accuracy/],
  ];
  it.each(bad)('rejects %j naming the field', (input, message) => {
    expect(() => parseTrainConfig(input)).toThrow(ValidationError);
    expect(() => parseTrainConfig(input)).toThrow(message);
  });

  it('documents hypervolume references and normalizes the run hypervolume to [0,1]', () => {
    const c = parseTrainConfig({ env: 'hops' });
    expect(runObjectives(c)).toEqual([
      { name: 'accuracy', direction: 'maximize', reference: 0 },
      { name: 'tool_calls', direction: 'minimize', reference: 5 },
      { name: 'tokens', direction: 'minimize', reference: c.maxTokens },
    ]);
    expect(runHypervolume([{ accuracy: 1, toolCalls: 0 }], 'calc')).toBeCloseTo(1);
    expect(runHypervolume([{ accuracy: 0.5, toolCalls: 1.5 }], 'calc')).toBeCloseTo(0.25);
    // Two points: union of their boxes.
    expect(
      runHypervolume(
        [
          { accuracy: 0.5, toolCalls: 0 },
          { accuracy: 1, toolCalls: 1.5 },
        ],
        'calc',
      ),
    ).toBeCloseTo(0.5 + 0.25);
    expect(runHypervolume([{ accuracy: 0.9, toolCalls: 3 }], 'calc')).toBe(0);
  });

  it('warms up the learning rate linearly, then holds or decays it', () => {
    const c = parseTrainConfig({ learningRate: 1e-3, warmupSteps: 4, steps: 20 });
    expect(learningRate(1, c)).toBeCloseTo(2e-4);
    expect(learningRate(5, c)).toBe(1e-3);
    expect(learningRate(20, c)).toBe(1e-3);
    const cos = { ...c, lrSchedule: 'cosine' as const };
    expect(learningRate(4, cos)).toBeCloseTo(8e-4);
    expect(learningRate(20, cos)).toBeCloseTo(1e-4);
  });

  it('splits a trajectory into prompt, call, tool, text and answer segments', () => {
    const env = getEnv('calc', { seed: 0 });
    const v = env.vocab;
    const text = '^12*34+5=[12*34]408;413;#413$';
    const tokens = v.encode(text);
    const src = Array.from(text, (_, i) => (i < 9 ? 0 : i >= 16 && i < 20 ? 2 : 1));
    expect(trajectorySegments(tokens, src, v)).toEqual([
      { kind: 'prompt', text: '^12*34+5=' },
      { kind: 'call', text: '[12*34]' },
      { kind: 'tool', text: '408;' },
      { kind: 'text', text: '413;' },
      { kind: 'answer', text: '#413$' },
    ]);
  });
});

describe.each(DATABASES)('training on %s', (provider) => {
  useDatabase(provider);
  // Registered after useDatabase, so it runs before the database is closed: a running run's
  // heartbeat (every 5 s) must not fire between one database's close and the next one's open.
  afterAll(async () => {
    for (const l of started.splice(0)) await l.cancel().catch(() => undefined);
  });
  beforeAll(async () => {
    await seedWarmStart(0);
    await seedWarmStart(1);
  });

  it('a run stopped after k steps and resumed from its checkpoint matches an uninterrupted run step for step', async () => {
    const config = tiny();
    const a = await startRun(config, 0, 'uninterrupted');
    expect(await runTraining({ config, seed: 0, logger: a })).toEqual({ status: 'finished' });

    const b = await startRun(config, 0, 'interrupted');
    let calls = 0;
    // Checked before each step: stop before step 4, i.e. after k = 3 (not a checkpoint step).
    const stop = async () => ++calls === 4;
    expect(await runTraining({ config, seed: 0, logger: b, shouldStop: stop })).toEqual({ status: 'cancelled' });
    const ckpt = await getLatestCheckpoint(b.runId);
    expect(ckpt?.step).toBe(3);
    expect((await listMetrics(b.runId, { after: -1, limit: 100 })).map((m) => m.step)).toEqual([1, 2, 3]);
    const resumed = RunLogger.attach(await getRunOrThrow(b.runId));
    expect(await runTraining({ config, seed: 0, logger: resumed, resumeFrom: ckpt })).toEqual({ status: 'finished' });

    const la = await loggedRun(a.runId);
    const lb = await loggedRun(b.runId);
    expect(la.metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lb.metrics).toEqual(la.metrics);
    expect(lb.evals).toEqual(la.evals);
    expect(lb.fronts).toEqual(la.fronts);
    expect(lb.trajs).toEqual(la.trajs);
    // The estimator did switch stage, so its restored state mattered.
    expect(la.metrics.some((m) => m.stage === 2)).toBe(true);
    // Checkpoints are pruned to keepCheckpoints.
    const final = await getLatestCheckpoint(a.runId);
    expect(final?.step).toBe(6);
  });

  it('is deterministic under a seed and differs across seeds', async () => {
    const config = tiny({ algorithm: 'static', algorithmOptions: {}, steps: 3 });
    const runs = [];
    for (const [seed, name] of [
      [0, 'x'],
      [0, 'y'],
      [1, 'z'],
    ] as const) {
      const l = await startRun(config, seed, name);
      await runTraining({ config, seed, logger: l });
      runs.push(await loggedRun(l.runId));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2].metrics).not.toEqual(runs[0].metrics);
  });

  it('cancels between steps and keeps a checkpoint of the last finished step', async () => {
    const config = tiny({ steps: 5 });
    const l = await startRun(config, 0, 'cancel');
    const seen: number[] = [];
    const res = await runTraining({
      config,
      seed: 0,
      logger: l,
      shouldStop: async () => seen.length >= 3, // seen: 0 (initial eval), 1, 2
      onProgress: (p) => seen.push(p.step),
    });
    expect(res.status).toBe('cancelled');
    expect(seen).toEqual([0, 1, 2]);
    expect((await listMetrics(l.runId, { after: -1, limit: 100 })).map((m) => m.step)).toEqual([1, 2]);
    expect((await getLatestCheckpoint(l.runId))?.step).toBe(2);
  });

  // Both training passes, chosen by argument: the WebAssembly kernel (Node's default) and the tfjs pass a browser trains with.
  for (const pass of TRAINING_PASSES) {
    it(`does not leak tensors across training steps (${pass} pass)`, async () => {
      const config = tiny({ steps: 6, klCoef: 0.05 });
      if (pass === 'kernel')
        expect(
          trunkKernelSupports(resolveConfig({ ...config.policy, vocabSize: getEnv('calc', { seed: 0 }).vocab.size })),
          'the kernel covers this config',
        ).toBe(true);
      const l = await startRun(config, 0, `leak-${pass}`);
      const before = tf.memory().numTensors;
      const counts: number[] = [];
      await runTraining({ config, seed: 0, logger: l, pass, onProgress: (p) => p.step >= 1 && counts.push(tf.memory().numTensors) });
      // Adam's moments appear at the first update; after that the count is flat, and all is freed at the end.
      expect(counts.length).toBe(6);
      expect(new Set(counts).size).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('estimator options', () => {
  it('scales minimize objectives linearly on [0, reference] for scalarizing estimators, unless told otherwise', async () => {
    const { estimatorOptions } = await import('../../lib/training');
    expect(estimatorOptions(parseTrainConfig({ env: 'hops', algorithm: 'paretopo' }))).toEqual({
      scales: { tool_calls: { kind: 'minmax', lo: 0, hi: 5 } },
    });
    expect(estimatorOptions(parseTrainConfig({ algorithm: 'static', objectives: ['accuracy', 'tool_calls', 'tokens'] }))).toEqual({
      scales: { tool_calls: { kind: 'minmax', lo: 0, hi: 3 }, tokens: { kind: 'minmax', lo: 0, hi: 40 } },
    });
    // Explicit scales, the 'estimator' setting, and scale-free algorithms are left alone.
    expect(estimatorOptions(parseTrainConfig({ algorithm: 'paretopo', algorithmOptions: { scales: {} } }))).toEqual({ scales: {} });
    expect(estimatorOptions(parseTrainConfig({ algorithm: 'paretopo', objectiveScales: 'estimator' }))).toEqual({});
    expect(estimatorOptions(parseTrainConfig({ algorithm: 'otc' }))).toEqual({});
  });
});
