/**
 * A run with three objectives (accuracy, tool calls, tokens) trains, logs and
 * keeps its archive with the same code as a run with two: every vector the run
 * logs has one value per run objective, in the run's objective order; each
 * frontier snapshot is the non-dominated set over all three of the test
 * evaluations so far (checked against a brute-force dominance twin), and the
 * run hypervolume is the 3-D hypervolume of those points normalized by the
 * reference box (checked against inclusion–exclusion over the points' boxes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDatabase } from '../support/databases';
import { disposePolicy, initBackend, serializeWeights } from '../../lib/agent';
import { listEvalPoints, listFrontiers, listMetrics, listTrajectories, saveCheckpoint } from '../../lib/db';
import { getEnv } from '../../lib/envs';
import { RunLogger } from '../../lib/runs';
import { OBJECTIVE_BEST, parseTrainConfig, runObjectives, runTraining, warmStart, warmStartCheckpointName, warmStartConfig } from '../../lib/training';

// Small enough to warm-start in seconds, large enough (400 supervised steps) that some answers are right,
// so the evaluations differ and the front and hypervolume are not trivially one point and 0.
const POLICY = { nLayer: 1, nEmbd: 32, nHead: 2, mlpRatio: 2 };

type Def = { name: string; direction: 'maximize' | 'minimize'; reference: number };

/** a weakly better than b in every objective and strictly in one (naive, by definition). */
function dominates(a: readonly number[], b: readonly number[], defs: readonly Def[]): boolean {
  let strict = false;
  for (let k = 0; k < defs.length; k++) {
    const [x, y] = defs[k].direction === 'maximize' ? [a[k], b[k]] : [-a[k], -b[k]];
    if (x < y) return false;
    if (x > y) strict = true;
  }
  return strict;
}

/** Distinct non-dominated vectors, by brute force. */
function naiveFront(points: readonly number[][], defs: readonly Def[]): number[][] {
  const out: number[][] = [];
  for (const p of points) {
    if (points.some((q) => dominates(q, p, defs))) continue;
    if (!out.some((q) => q.every((v, k) => v === p[k]))) out.push(p);
  }
  return out;
}

/** Hypervolume by inclusion–exclusion over the points' boxes [point, reference], normalized per objective by |reference − best|. */
function naiveHypervolume(points: readonly number[][], defs: readonly Def[]): number {
  // Each point as a box [0, u_k] in "distance from the reference" units, u_k ∈ [0, 1].
  const boxes = points.map((p) =>
    defs.map((o, k) => Math.max(0, (o.direction === 'maximize' ? p[k] - o.reference : o.reference - p[k]) / Math.abs(o.reference - OBJECTIVE_BEST[o.name]))),
  );
  let hv = 0;
  for (let mask = 1; mask < 1 << boxes.length; mask++) {
    const chosen = boxes.filter((_, i) => mask & (1 << i));
    const vol = defs.reduce((v, _, k) => v * Math.min(...chosen.map((b) => b[k])), 1);
    hv += (chosen.length % 2 ? 1 : -1) * vol;
  }
  return hv;
}

describe('a run trained on three objectives', () => {
  useDatabase('sqlite');
  beforeAll(async () => {
    await initBackend('wasm');
    const env = getEnv('calc', { seed: 0 });
    const res = await warmStart(env, { seed: 0, config: POLICY, steps: 400, batchSize: 16 });
    await saveCheckpoint({
      name: warmStartCheckpointName(env, 0, warmStartConfig(env, POLICY)),
      step: res.steps,
      weights: await serializeWeights(res.policy),
      meta: { kind: 'warmstart', note: 'test warm start' },
    });
    disposePolicy(res.policy);
  });
  const started: RunLogger[] = [];
  afterAll(() => started.forEach((l) => l.release()));

  it('trains 5 steps and logs vectors, fronts and hypervolumes over accuracy, tool calls and tokens', async () => {
    const config = parseTrainConfig({
      env: 'calc',
      algorithm: 'paretopo',
      objectives: ['accuracy', 'tool_calls', 'tokens'],
      steps: 5,
      promptsPerStep: 4,
      groupSize: 4,
      learningRate: 3e-3,
      warmupSteps: 0,
      evalEvery: 1,
      evalSize: 32,
      validationSize: 16,
      trajectorySample: 4,
      checkpointEvery: 5,
      policy: POLICY,
    });
    const objectives = runObjectives(config);
    expect(objectives.map((o) => o.name)).toEqual(['accuracy', 'tool_calls', 'tokens']);
    const logger = await RunLogger.start({
      name: 'three objectives',
      environment: config.env,
      algorithm: config.algorithm,
      config,
      seed: 0,
      source: 'builtin',
      objectives,
    });
    started.push(logger);
    expect(await runTraining({ config, seed: 0, logger })).toEqual({ status: 'finished' });

    const metrics = await listMetrics(logger.runId, { after: -1, limit: 100 });
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5]);
    for (const m of metrics) {
      expect(Object.keys(m.objectiveMeans ?? {})).toEqual(['accuracy', 'tool_calls', 'tokens']);
      // ParetoPO's stage-1 weights: one per run objective, all three trained on (none forced to 0).
      if (m.weights) expect(m.weights.filter((w) => w > 0)).toHaveLength(3);
    }
    const { trajectories } = await listTrajectories(logger.runId, { limit: 1000 });
    expect(trajectories.length).toBeGreaterThan(0);
    for (const t of trajectories) expect(t.objectives).toHaveLength(3);

    const tests = (await listEvalPoints(logger.runId)).filter((p) => p.split === 'test');
    expect(tests.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5]);
    for (const p of tests) expect(p.objectives).toHaveLength(3);
    const fronts = await listFrontiers(logger.runId);
    expect(fronts.map((f) => f.step)).toEqual([0, 1, 2, 3, 4, 5]);
    // Precondition of a test that can fail: the evaluations differ and add volume.
    expect(new Set(tests.map((p) => p.objectives.join())).size).toBeGreaterThan(1);
    expect(fronts[fronts.length - 1].hypervolume).toBeGreaterThan(0);
    for (const f of fronts) {
      const upTo = tests.filter((p) => p.step <= f.step).map((p) => p.objectives);
      const sortKey = (v: readonly number[]) => v.join(',');
      expect(f.points.map(sortKey).sort()).toEqual(naiveFront(upTo, objectives).map(sortKey).sort());
      expect(f.hypervolume).toBeCloseTo(naiveHypervolume(upTo, objectives), 10);
      // The step record's run hypervolume is the same number.
      const m = metrics.find((x) => x.step === f.step);
      if (m) expect(m.hypervolume).toBeCloseTo(f.hypervolume, 12);
    }
  }, 240_000);
});
