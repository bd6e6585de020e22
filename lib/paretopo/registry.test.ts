import { describe, expect, it } from 'vitest';
import { ALGORITHMS, ALGORITHM_NAMES, createEstimator, describeOptions, parseOptions } from './index';

const OBJ = [
  { name: 'accuracy', direction: 'maximize' },
  { name: 'tool_calls', direction: 'minimize' },
] as const;

describe('algorithm registry', () => {
  it('lists every algorithm with a description and documented options', () => {
    expect(ALGORITHM_NAMES).toEqual(['paretopo', 'grpo', 'static', 'otc', 'mo-grpo', 'hv-meta', 'hv-contrib']);
    for (const name of ALGORITHM_NAMES) {
      expect(ALGORITHMS[name].description.length).toBeGreaterThan(10);
      for (const o of describeOptions(name)) {
        expect(o.description, `${name}.${o.name}`).not.toBe('');
        expect(o.description.includes('\n'), `${name}.${o.name} is one line`).toBe(false);
      }
    }
  });

  it('has the documented defaults', () => {
    const defaults = (name: (typeof ALGORITHM_NAMES)[number]) => Object.fromEntries(describeOptions(name).map((o) => [o.name, o.default]));
    expect(defaults('grpo')).toEqual({ accuracyObjective: 'accuracy', eps: 1e-6 });
    expect(defaults('static')).toEqual({ weights: {}, scales: {}, eps: 1e-6 });
    expect(defaults('otc')).toEqual({
      accuracyObjective: 'accuracy',
      toolCallsObjective: 'tool_calls',
      correctThreshold: 1,
      smoothing: 1,
      eps: 1e-6,
    });
    expect(defaults('mo-grpo')).toEqual({ weights: {}, renormalize: false, eps: 1e-6 });
    expect(defaults('hv-meta')).toEqual({ weights: {}, scales: {}, hvScale: 1, eps: 1e-6 });
    expect(defaults('hv-contrib')).toEqual({ weights: {}, scales: {}, hvScale: 1, eps: 1e-6 });
    expect(defaults('paretopo')).toEqual({
      accuracyObjective: 'accuracy',
      correctThreshold: 1,
      gateEfficiencyOnCorrectness: true,
      scales: {},
      initialWeights: {},
      learningRate: 1,
      gainTransform: 'log-ratio',
      gainStep: 0.05,
      minWeight: 0.01,
      switch: 'stall',
      switchStep: null,
      stallPatience: 3,
      stallTolerance: 0.01,
      crowdingTieBreak: 0.5,
      credit: 'action',
      zeroCallCredit: 'spread',
      eps: 1e-6,
    });
  });

  it('rejects an unknown algorithm, listing the valid ones', () => {
    expect(() => createEstimator('ppo', {}, OBJ)).toThrow(
      'unknown algorithm "ppo"; valid algorithms: paretopo, grpo, static, otc, mo-grpo, hv-meta, hv-contrib',
    );
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['paretopo', { learningRate: -1 }, /invalid option "learningRate"/],
    ['paretopo', { switch: 'sometimes' }, /invalid option "switch"/],
    ['paretopo', { switch: 'step' }, /invalid option "switchStep".*needs a switchStep/],
    ['paretopo', { crowdingTieBreak: 1 }, /invalid option "crowdingTieBreak"/],
    ['paretopo', { minWeight: 0.6 }, /invalid option "minWeight"/],
    ['paretopo', { initialWeights: { accuracy: 0 } }, /invalid option "initialWeights": weights must not all be zero/],
    ['paretopo', { scales: { tool_calls: { kind: 'minmax', lo: 3, hi: 1 } } }, /invalid option "scales.tool_calls.hi"/],
    ['paretopo', { scales: { latency: { kind: 'reciprocal' } } }, /invalid option "scales.latency"/],
    ['paretopo', { accuracyObjective: 'exact_match' }, /invalid option "accuracyObjective": "exact_match" is not one of the objectives/],
    ['static', { weights: { acc: 1 } }, /invalid option "weights.acc"/],
    ['static', { weights: { accuracy: -1 } }, /invalid option "weights.accuracy"/],
    ['otc', { toolCallsObjective: 'calls' }, /invalid option "toolCallsObjective"/],
    ['otc', { smoothing: 0 }, /invalid option "smoothing"/],
    ['grpo', { eps: 0 }, /invalid option "eps"/],
    ['grpo', { learningRate: 1 }, /unknown option "learningRate" for algorithm "grpo"/],
  ])('%s with %j names the bad option', (algorithm, options, message) => {
    expect(() => createEstimator(algorithm, options, OBJ)).toThrow(message);
  });

  it('validates objectives and inputs, naming what is wrong', () => {
    expect(() => createEstimator('grpo', {}, [OBJ[0]])).toThrow(/at least two objectives/);
    expect(() => createEstimator('grpo', {}, [OBJ[0], { name: 'x', direction: 'up' }])).toThrow(/objectives\[1\]\.direction/);
    expect(() => createEstimator('grpo', {}, [OBJ[0], OBJ[0]])).toThrow(/unique/);
    const est = createEstimator('paretopo', {}, OBJ);
    expect(() => est.computeAdvantages([[{ objectives: [1], numTokens: 1 }]], 0)).toThrow(/groups\[0\]\[0\]\.objectives must be an array of 2/);
    expect(() => est.computeAdvantages([[{ objectives: [1, NaN], numTokens: 1 }]], 0)).toThrow(/objectives\[1\] \(tool_calls\) must be a finite number/);
    expect(() => est.computeAdvantages([[{ objectives: [1, 0], numTokens: 2, toolCallMask: [1] }]], 0)).toThrow(/toolCallMask has length 1/);
    expect(() => est.observeEvaluation([0.5, Infinity], 0)).toThrow(/tool_calls/);
  });

  it('fills defaults and keeps given values', () => {
    const o = parseOptions('paretopo', { stallPatience: 5 });
    expect(o.stallPatience).toBe(5);
    expect(o.stallTolerance).toBe(0.01);
    expect(parseOptions('grpo', undefined)).toEqual({ accuracyObjective: 'accuracy', eps: 1e-6 });
  });
});
