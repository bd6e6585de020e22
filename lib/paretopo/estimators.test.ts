/**
 * Every estimator against small cases worked out by hand. Group normalization
 * is A = (r − mean)/(std + eps) with population std; eps = 1e-6 only moves the
 * 6th decimal, so results are compared to 4 decimals.
 */
import { describe, expect, it } from 'vitest';
import { createEstimator, type AlgorithmName, type Group } from './index';

const OBJ2 = [
  { name: 'accuracy', direction: 'maximize' },
  { name: 'tool_calls', direction: 'minimize' },
] as const;
const OBJ3 = [...OBJ2, { name: 'tokens', direction: 'minimize' }] as const;

// Group A, objectives (accuracy, tool_calls):
//   T0 (1, 0) correct, no calls      T1 (1, 2) correct, 2 calls
//   T2 (0, 0) wrong, no calls        T3 (0, 3) wrong, 3 calls
const groupA: Group = [
  { objectives: [1, 0], numTokens: 3 },
  { objectives: [1, 2], numTokens: 4, toolCallMask: Uint8Array.from([0, 1, 1, 0]) },
  { objectives: [0, 0], numTokens: 2 },
  { objectives: [0, 3], numTokens: 2, toolCallMask: [true, false] },
];

interface Case {
  name: string;
  algorithm: AlgorithmName;
  options?: Record<string, unknown>;
  objectives?: readonly { name: string; direction: 'maximize' | 'minimize' }[];
  group: Group;
  rewards?: number[];
  advantages: number[];
  ranks?: number[];
}

const cases: Case[] = [
  {
    // r = accuracy = [1,1,0,0]; mean 0.5, std 0.5 -> ±1.
    name: 'grpo: accuracy only',
    algorithm: 'grpo',
    group: groupA,
    rewards: [1, 1, 0, 0],
    advantages: [1, 1, -1, -1],
    ranks: [1, 2, 2, 3], // raw fronts: T0 dominates T1, T2; T1 and T2 trade off; T3 is dominated by T1 and T2
  },
  {
    // goodness: acc identity, calls 1/(1+c): T0 (1,1), T1 (1,1/3), T2 (0,1), T3 (0,1/4)
    // r = ½acc + ½g_calls = [1, 2/3, 1/2, 1/8]; mean 0.572917,
    // deviations .427083 .093750 −.072917 −.447917, var .099284, std .315093
    // -> A = [1.355414, 0.297530, −0.231412, −1.421532]
    name: 'static: equal weights, default scales',
    algorithm: 'static',
    group: groupA,
    rewards: [1, 2 / 3, 0.5, 0.125],
    advantages: [1.355414, 0.29753, -0.231412, -1.421532],
  },
  {
    // weights {accuracy: 1}: r = accuracy, same as grpo.
    name: 'static: accuracy weight only',
    algorithm: 'static',
    options: { weights: { accuracy: 1 } },
    group: groupA,
    advantages: [1, 1, -1, -1],
  },
  {
    // correct: T0 (0 calls), T1 (2 calls) -> n = 0.
    // T0: m = n = 0 -> 1; T1: cos(2π/(2·2 + 1)) = cos(0.4π) = 0.309017; wrong -> 0.
    // r = [1, .309017, 0, 0]: mean .327254, std .408383 -> [1.647332, −0.044657, −0.801337, −0.801337]
    name: 'otc: optimum at zero calls (cos branch)',
    algorithm: 'otc',
    group: groupA,
    rewards: [1, Math.cos(0.4 * Math.PI), 0, 0],
    advantages: [1.647332, -0.044657, -0.801337, -0.801337],
  },
  {
    // correct: T0 (1 call), T1 (3 calls) -> n = 1. T0: f = 2·1·1/2 = 1, sin(π/2) = 1;
    // T1: f = 2·1·3/4 = 1.5, sin(1.5π/2) = sin(3π/4) = .707107; T2 wrong -> 0.
    // r = [1, .707107, 0]: mean .569036, std .419760 -> [1.026690, 0.328928, −1.355618]
    name: 'otc: optimum at one call (sin branch)',
    algorithm: 'otc',
    group: [
      { objectives: [1, 1], numTokens: 1 },
      { objectives: [1, 3], numTokens: 1 },
      { objectives: [0, 0], numTokens: 1 },
    ],
    rewards: [1, Math.SQRT1_2, 0],
    advantages: [1.02669, 0.328928, -1.355618],
  },
  {
    // z_acc = [1,1,−1,−1]; −calls = [0,−2,0,−3]: mean −1.25, std 1.299038
    //   -> z_calls = [.962250, −.577350, .962250, −1.347151]
    // A = ½(z_acc + z_calls) = [.981124, .211324, −.018874, −1.173574]
    name: 'mo-grpo: per-objective standardization, equal weights',
    algorithm: 'mo-grpo',
    group: groupA,
    advantages: [0.981124, 0.211324, -0.018874, -1.173574],
  },
  {
    // cost = 1 − goodness: T0 (0,0), T1 (0,2/3), T2 (1,0), T3 (1,3/4); reference (1,1).
    // T0's box is the whole unit square: HV(group) = 1, HV(group∖T0) = 1·(1−2/3) = 1/3,
    // so ΔHV(T0) = 2/3; the others are dominated by T0: ΔHV = 0.
    // factor: T0 0.5 + 1.5·tanh(2/3) = 1.374174, others 0.5.
    // R = [1.374174, 1/3, 1/4, 1/16]: mean .505002, std .511314 -> [1.699879, −.335740, −.498719, −.865421]
    name: 'hv-contrib: group hypervolume contributions',
    algorithm: 'hv-contrib',
    group: groupA,
    rewards: [1.3741744, 1 / 3, 0.25, 0.0625],
    advantages: [1.699879, -0.33574, -0.498719, -0.865421],
  },
  {
    // Stage 1, equal weights, gating on: wrong T2, T3 get the group's worst calls goodness 1/4.
    // g = T0 (1,1), T1 (1,1/3), T2 (0,1/4), T3 (0,1/4); r = [1, 2/3, 1/8, 1/8]
    // mean .479167, std .373260 -> [1.395360, .502330, −.948845, −.948845]
    name: 'paretopo stage 1: gated scalarization',
    algorithm: 'paretopo',
    group: groupA,
    rewards: [1, 2 / 3, 0.125, 0.125],
    advantages: [1.39536, 0.50233, -0.948845, -0.948845],
    ranks: [1, 2, 3, 3],
  },
  {
    // Stage 2: minimization form T0 (−1,0) T1 (−1,2) T2 (0,0) T3 (0,3); gating sets the wrong
    // T2, T3 calls to the group worst 3: T2 (0,3), T3 (0,3).
    // Fronts: {T0}, {T1}, {T2,T3} (identical) -> F = 3; single-point fronts, τ = 0.
    // score = F − rank = [2, 1, 0, 0]: mean .75, std .829156 -> [1.507555, .301511, −.904533, −.904533]
    name: 'paretopo stage 2: gated Pareto ranks',
    algorithm: 'paretopo',
    options: { switch: 'immediate' },
    group: groupA,
    rewards: [2, 1, 0, 0],
    advantages: [1.507555, 0.301511, -0.904533, -0.904533],
    ranks: [1, 2, 3, 3],
  },
  {
    // Stage 2, all correct, (accuracy, calls, tokens):
    // T0 (1,0,50) T1 (1,1,30) T2 (1,2,10) T3 (1,3,40). T3 is dominated by T1; the rest trade off.
    // ranks [1,1,1,2], F = 2. Crowding on per-objective ranks: calls -> 1,2,3,4; tokens -> 4,2,1,3;
    // accuracy constant (left out). Front 1: T0 (1,4), T1 (2,2), T2 (3,1): T0, T2 boundary (∞),
    // T1 finite -> τ = [1/3, 0, 1/3]; T3 alone in front 2 -> τ = 0.
    // score = (F − rank) + ½τ = [7/6, 1, 7/6, 0]: mean .833333, std .485913
    // -> [.685993, .342996, .685993, −1.714982]
    name: 'paretopo stage 2: crowding tie-break within a front',
    algorithm: 'paretopo',
    options: { switch: 'immediate' },
    objectives: OBJ3,
    group: [
      { objectives: [1, 0, 50], numTokens: 1 },
      { objectives: [1, 1, 30], numTokens: 1 },
      { objectives: [1, 2, 10], numTokens: 1 },
      { objectives: [1, 3, 40], numTokens: 1 },
    ],
    rewards: [7 / 6, 1, 7 / 6, 0],
    advantages: [0.685993, 0.342996, 0.685993, -1.714982],
    ranks: [1, 1, 1, 2],
  },
];

describe('estimators on hand-computed cases', () => {
  it.each(cases)('$name', (c) => {
    const est = createEstimator(c.algorithm, c.options ?? {}, c.objectives ?? OBJ2);
    const [out] = est.computeAdvantages([c.group], 0).groups;
    out.forEach((t, i) => {
      expect(t.advantage).toBeCloseTo(c.advantages[i], 4);
      if (c.rewards) expect(t.reward).toBeCloseTo(c.rewards[i], 6);
      if (c.ranks) expect(t.paretoRank).toBe(c.ranks[i]);
      expect(t.tokenAdvantages.length).toBe(c.group[i].numTokens);
    });
  });

  it('scalar baselines put the advantage on every generated token', () => {
    for (const algorithm of ['grpo', 'static', 'otc', 'mo-grpo', 'hv-meta', 'hv-contrib'] as const) {
      const [out] = createEstimator(algorithm, {}, OBJ2).computeAdvantages([groupA], 0).groups;
      out.forEach((t) => t.tokenAdvantages.forEach((a) => expect(a).toBeCloseTo(t.advantage, 5)));
    }
  });

  it('paretopo stage 2 credits accuracy on every token and efficiency on tool-call tokens', () => {
    // From the stage-2 case: A = [1.507555, .301511, −.904533, −.904533]; A_acc = [1,1,−1,−1].
    // T0, T2: no tool calls -> 'spread': full A on all tokens.
    // T1 mask [0,1,1,0] -> [A_acc, A, A, A_acc]; T3 mask [1,0] -> [A, A_acc].
    const est = createEstimator('paretopo', { switch: 'immediate' }, OBJ2);
    const [out] = est.computeAdvantages([groupA], 0).groups;
    const tok = out.map((t) => Array.from(t.tokenAdvantages));
    const close = (xs: number[], ys: number[]) => xs.forEach((x, i) => expect(x).toBeCloseTo(ys[i], 4));
    close(tok[0], [1.507555, 1.507555, 1.507555]);
    close(tok[1], [1, 0.301511, 0.301511, 1]);
    close(tok[2], [-0.904533, -0.904533]);
    close(tok[3], [-0.904533, -1]);
    const drop = createEstimator('paretopo', { switch: 'immediate', zeroCallCredit: 'accuracy-only' }, OBJ2);
    const [o2] = drop.computeAdvantages([groupA], 0).groups;
    close(Array.from(o2[0].tokenAdvantages), [1, 1, 1]);
    close(Array.from(o2[2].tokenAdvantages), [-1, -1]);
  });

  it('without gating, a wrong zero-call answer sits on the first front', () => {
    // Ungated: T2 (0,0) is dominated by T0 (1,0) — but in a group without T0 it is non-dominated.
    const group: Group = [
      { objectives: [1, 2], numTokens: 1 },
      { objectives: [0, 0], numTokens: 1 },
    ];
    const off = createEstimator('paretopo', { switch: 'immediate', gateEfficiencyOnCorrectness: false }, OBJ2);
    const on = createEstimator('paretopo', { switch: 'immediate' }, OBJ2);
    const [a] = off.computeAdvantages([group], 0).groups;
    const [b] = on.computeAdvantages([group], 0).groups;
    expect(a.map((t) => t.paretoRank)).toEqual([1, 1]);
    expect(a[0].advantage).toBe(0);
    expect(b.map((t) => t.paretoRank)).toEqual([1, 2]);
    expect(b[0].advantage).toBeGreaterThan(0);
    expect(b[1].advantage).toBeLessThan(0);
  });

  it('degenerate groups get zero advantage from every estimator', () => {
    const tied: Group = [0, 1, 2].map(() => ({ objectives: [1, 2], numTokens: 2, toolCallMask: [1, 0] }));
    const single: Group = [{ objectives: [0, 5], numTokens: 3 }];
    for (const algorithm of ['grpo', 'static', 'otc', 'mo-grpo', 'hv-meta', 'hv-contrib', 'paretopo'] as const) {
      for (const options of algorithm === 'paretopo' ? [{}, { switch: 'immediate' }] : [{}]) {
        const est = createEstimator(algorithm, options, OBJ2);
        for (const t of est.computeAdvantages([tied, single, []], 0).groups.flat()) {
          expect(t.advantage).toBe(0);
          expect(Array.from(t.tokenAdvantages).every((x) => x === 0)).toBe(true);
        }
      }
    }
  });
});

describe('paretopo stage switching through the estimator', () => {
  it("switches on hypervolume stall (default 'stall', K = 3, ε = 1%) and reports stage and weights per batch", () => {
    const est = createEstimator('paretopo', {}, OBJ2);
    expect(est.computeAdvantages([groupA], 0)).toMatchObject({ stage: 1, weights: [0.5, 0.5] });
    est.observeEvaluation([0.5, 2], 0); // the shared step-0 point: not the run's own progress
    expect(est.state()).toMatchObject({ stallCount: 0, ownHypervolume: 0 });
    est.observeEvaluation([0.5, 2], 10); // own progress from 0
    est.observeEvaluation([0.5, 2], 20); // stall 1
    est.observeEvaluation([0.5, 2], 30); // stall 2
    expect(est.computeAdvantages([groupA], 31).stage).toBe(1);
    est.observeEvaluation([0.5, 2], 40); // stall 3 -> stage 2
    const batch = est.computeAdvantages([groupA], 41);
    expect(batch.stage).toBe(2);
    expect(batch.groups[0].map((t) => t.reward)).toEqual([2, 1, 0, 0]);
    expect(est.state()).toMatchObject({ stage: 2, switchedAtStep: 40, archiveSize: 1 });
    expect(est.state().hypervolumeHistory).toHaveLength(5);
  });

  it("measures stall on the run's own evaluations: never beating the step-0 point is not a stall while the run improves", () => {
    const est = createEstimator('paretopo', { stallPatience: 2 }, OBJ2);
    est.observeEvaluation([0.9, 0.5], 0); // a strong warm start
    // the run first drops, then improves on itself every time, never reaching the warm start's hypervolume
    for (const [step, acc] of [
      [5, 0.5],
      [10, 0.6],
      [15, 0.7],
      [20, 0.8],
    ] as const) {
      est.observeEvaluation([acc, 1], step);
      expect(est.state().stage, `step ${step}`).toBe(1);
    }
    est.observeEvaluation([0.8, 1], 25); // stall 1
    est.observeEvaluation([0.8, 1], 30); // stall 2 -> stage 2
    expect(est.state()).toMatchObject({ stage: 2, switchedAtStep: 30 });
  });

  it("switches at switchStep with switch: 'step'", () => {
    const est = createEstimator('paretopo', { switch: 'step', switchStep: 5 }, OBJ2);
    expect(est.computeAdvantages([groupA], 4).stage).toBe(1);
    expect(est.computeAdvantages([groupA], 5).stage).toBe(2);
    expect(est.computeAdvantages([groupA], 6).stage).toBe(2);
  });

  it('uses the updated weights in stage 1', () => {
    // After an evaluation at (accuracy 0.9, 0 calls) all gain lies along accuracy:
    // w = (0.726437, 0.273563) (see paretopo.test). Group: T0 (1, 3 calls), T1 (0, 0 calls), gating off.
    // g: T0 (1, 1/4), T1 (0, 1); r0 = .726437 + .273563/4 = .794828, r1 = .273563.
    const est = createEstimator('paretopo', { gateEfficiencyOnCorrectness: false, gainTransform: 'share' }, OBJ2);
    est.observeEvaluation([0.9, 0], 1);
    const [out] = est.computeAdvantages(
      [
        [
          { objectives: [1, 3], numTokens: 1 },
          { objectives: [0, 0], numTokens: 1 },
        ],
      ],
      2,
    ).groups;
    expect(out[0].reward).toBeCloseTo(0.794828, 5);
    expect(out[1].reward).toBeCloseTo(0.273563, 5);
  });
});
