/**
 * The leak test: nothing the trainer adapts may see the test split. Through
 * runTraining's wrapEstimator we record everything the estimator is given —
 * every rollout's prompt id and every evaluation point — and check that the
 * prompts are training prompts and the points are validation scores: at
 * step 0 (the warm start, which we can evaluate here ourselves) the observed
 * point must be the validation evaluation and must not be the test one, and
 * there is one observation per validationEvery steps, independent of the
 * test evaluations' schedule. Wiring the test evaluation into
 * observeEvaluation (as before) fails all three.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useDatabase } from '../support/databases';
import { disposePolicy, initBackend, serializeWeights } from '../../lib/agent';
import { listMetrics, saveCheckpoint } from '../../lib/db';
import { getEnv, splitOf } from '../../lib/envs';
import type { AdvantageEstimator } from '../../lib/paretopo';
import { inProcessCheckpoints, RunLogger } from '../../lib/runs';
import {
  evaluatePolicy,
  parseTrainConfig,
  runObjectives,
  runTraining,
  loadNamedPolicy,
  warmStart,
  warmStartCheckpointName,
  warmStartConfig,
} from '../../lib/training';

const TINY_POLICY = { nLayer: 1, nEmbd: 16, nHead: 2, mlpRatio: 1 };

describe('leak-free training (sqlite)', () => {
  useDatabase('sqlite');
  beforeAll(async () => {
    await initBackend('wasm');
    const env = getEnv('calc', { seed: 0 });
    const res = await warmStart(env, { seed: 0, config: TINY_POLICY, steps: 10, batchSize: 16 });
    await saveCheckpoint({
      name: warmStartCheckpointName(env, 0, warmStartConfig(env, TINY_POLICY)),
      step: res.steps,
      weights: await serializeWeights(res.policy),
      meta: { kind: 'warmstart', note: 'tiny warm start for tests' },
    });
    disposePolicy(res.policy);
  });

  it('gives the estimator training prompts and validation scores only, never a test prompt or a test score', async () => {
    const config = parseTrainConfig({
      env: 'calc',
      algorithm: 'paretopo',
      objectives: ['accuracy', 'tool_calls', 'tokens'],
      steps: 4,
      promptsPerStep: 2,
      groupSize: 4,
      maxTokens: 16,
      evalEvery: 3,
      evalSize: 16,
      validationEvery: 1,
      validationSize: 16,
      trajectorySample: 0,
      checkpointEvery: 4,
      policy: TINY_POLICY,
    });
    const prompts: (string | undefined)[] = [];
    const observed: { step: number; point: number[] }[] = [];
    const wrap = (e: AdvantageEstimator): AdvantageEstimator => ({
      ...e,
      computeAdvantages(groups, step) {
        for (const g of groups) for (const t of g) prompts.push(t.promptId);
        return e.computeAdvantages(groups, step);
      },
      observeEvaluation(point, step) {
        observed.push({ step, point: [...point] });
        e.observeEvaluation(point, step);
      },
    });
    const logger = await RunLogger.start({
      name: 'leak',
      environment: 'calc',
      algorithm: 'paretopo',
      config,
      seed: 0,
      source: 'builtin',
      objectives: runObjectives(config),
    });
    expect(await runTraining({ config, seed: 0, logger, wrapEstimator: wrap })).toEqual({ status: 'finished' });
    logger.release(); // the trainer does not finish the run; its caller would

    // Prompts: every rollout the estimator scored answers a training question.
    expect(prompts.length).toBe(config.steps * config.promptsPerStep * config.groupSize);
    for (const id of prompts) {
      expect(id, 'the trainer names each rollout prompt').toBeTypeOf('string');
      expect(splitOf(id!, 0), `prompt ${id}`).toBe('train');
    }

    // Scores: one observation per validationEvery steps (the test schedule is evalEvery = 3).
    expect(observed.map((o) => o.step)).toEqual([0, 1, 2, 3, 4]);
    // At step 0 the policy is the warm start: evaluate it on both splits here.
    const env = getEnv('calc', { seed: 0 });
    const warm = await loadNamedPolicy(inProcessCheckpoints, warmStartCheckpointName(env, 0, warmStartConfig(env, TINY_POLICY)));
    const val = await evaluatePolicy(warm!, env, config, 0, 'validation');
    const test = await evaluatePolicy(warm!, env, config, 0, 'test');
    disposePolicy(warm!);
    const v = val.objectives; // accuracy, tool_calls, tokens: the config trains on all three, in that order
    const t = test.objectives;
    expect(t, 'precondition: the two subsets score differently').not.toEqual(v);
    expect(val.promptIds.every((id) => splitOf(id, 0) === 'validation')).toBe(true);
    expect(test.promptIds.some((id) => val.promptIds.includes(id))).toBe(false);
    expect(observed[0].point).toEqual(v);
    expect(observed[0].point).not.toEqual(t);
    // Every later observation is the validation point the run logged at that step.
    const metrics = await listMetrics(logger.runId, { after: -1, limit: 100 });
    for (const o of observed.slice(1)) {
      const m = metrics.find((x) => x.step === o.step)!;
      const logged = (m.extra as { validation?: { objectives: number[] } }).validation;
      expect(logged, `validation logged at step ${o.step}`).toBeDefined();
      expect(o.point).toEqual(logged!.objectives);
    }
  });
});
