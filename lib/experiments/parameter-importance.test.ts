import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { averageRanks, knobImportance, rankEta2, spearman } from './parameter-importance';
import { averageRanksNaive, rankEta2Naive, spearmanNaive } from './parameter-importance-naive';
import { configKnobs } from './config-knobs';

const small = fc.integer({ min: 0, max: 6 }); // many ties

describe('rank statistics against their brute-force twins', () => {
  it('average ranks', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(small, fc.double({ min: -5, max: 5, noNaN: true })), { maxLength: 40 }), (xs) => {
        expect(averageRanks(xs)).toEqual(averageRanksNaive(xs));
      }),
    );
  });

  it("Spearman's rho, ties included", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(small, fc.oneof(small, fc.double({ min: 0, max: 1, noNaN: true }))), { minLength: 0, maxLength: 30 }), (pairs) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const a = spearman(x, y);
        const b = spearmanNaive(x, y);
        if (a === null || b === null) expect(a).toBe(b);
        else expect(a).toBeCloseTo(b, 9);
      }),
      { numRuns: 400 },
    );
  });

  it('eta squared of ranks by group', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), small), { maxLength: 30 }), (pairs) => {
        const g = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const a = rankEta2(g, y).eta2;
        const b = rankEta2Naive(g, y);
        if (a === null || b === null) expect(a).toBe(b);
        else expect(a).toBeCloseTo(b, 9);
      }),
      { numRuns: 400 },
    );
  });

  it('known values: a perfect monotone knob scores 1, a reversed one has rho -1, a knob splitting by group scores 1', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 25, 100])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(rankEta2(['a', 'a', 'b', 'b'], [1, 2, 3, 4])).toEqual({ eta2: 0.8, best: 'b' });
    expect(rankEta2(['a', 'b', 'a', 'b'], [1, 1, 1, 1]).eta2).toBeNull();
    expect(rankEta2(['a', 'b', 'c'], [1, 2, 3])).toEqual({ eta2: null, best: 'c' }); // one run per value: no evidence
  });
});

describe('knobImportance', () => {
  it('ranks the knob that drives hypervolume first, ignores runs without one, and needs three runs', () => {
    const hv = [0.1, 0.4, 0.9, null, 0.95];
    const knobs = [
      { key: 'learningRate', kind: 'numeric' as const, values: [1e-4, 2e-4, 4e-4, 8e-4, 5e-4] },
      { key: 'algorithm', kind: 'categorical' as const, values: ['grpo', 'paretopo', 'grpo', 'paretopo', 'paretopo'] },
      { key: 'groupSize', kind: 'numeric' as const, values: [8, null, 8, 16, null] },
    ];
    const r = knobImportance(knobs, hv);
    expect(r[0]).toMatchObject({ key: 'learningRate', method: 'spearman-rho2', n: 4, score: 1, rho: 1 });
    expect(r.find((k) => k.key === 'algorithm')).toMatchObject({ method: 'rank-eta2', n: 4, best: 'paretopo' });
    expect(r.find((k) => k.key === 'groupSize')).toMatchObject({ score: null, n: 2 });
    expect(r[r.length - 1].key).toBe('groupSize');
  });
});

describe('configKnobs', () => {
  it('flattens configs, keeps knobs that vary, types them, leaves seeds out', () => {
    const runs = [
      { algorithm: 'paretopo', config: { learningRate: 2e-4, groupSize: 8, seed: 1, evalSize: 64, algorithmOptions: { eta: 0.5 } } },
      { algorithm: 'static', config: { learningRate: 4e-4, groupSize: 8, seed: 2, evalSize: 64, algorithmOptions: { weights: { accuracy: 1 } } } },
      { algorithm: 'grpo', config: { learningRate: 1e-4, groupSize: 16, seed: 3, evalSize: 64, lrSchedule: 'cosine' } },
    ];
    const k = configKnobs(runs);
    expect(k.map((x) => x.key)).toEqual(['algorithm', 'algorithmOptions.eta', 'algorithmOptions.weights.accuracy', 'groupSize', 'learningRate', 'lrSchedule']);
    expect(k.find((x) => x.key === 'learningRate')).toEqual({ key: 'learningRate', kind: 'numeric', values: [2e-4, 4e-4, 1e-4] });
    expect(k.find((x) => x.key === 'algorithm')).toEqual({ key: 'algorithm', kind: 'categorical', values: ['paretopo', 'static', 'grpo'] });
    expect(k.find((x) => x.key === 'lrSchedule')?.values).toEqual([null, null, 'cosine']);
  });
});
