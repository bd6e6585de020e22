import { describe, expect, it } from 'vitest';
import { checkpointContribution, hvMetaFactor } from './hv-meta';
import { createEstimator } from './registry';

const OBJ2 = [
  { name: 'accuracy', direction: 'maximize' as const },
  { name: 'tool_calls', direction: 'minimize' as const },
];
const scales = { tool_calls: { kind: 'minmax', lo: 0, hi: 2 } };

describe('hv-meta (Lu et al. 2025 rule)', () => {
  it('first validation = reference (m = 1); then m = 0.5 + 1.5·tanh(ΔHV) per checkpoint; only contributing points join the buffer', () => {
    const est = createEstimator('hv-meta', { scales }, OBJ2);
    const m = () => est.state() as { metaReward: number; bufferSize: number; lastContribution: number };
    est.observeEvaluation([0.5, 1], 0); // goodness (0.5, 0.5): the reference
    expect(m()).toMatchObject({ metaReward: 1, bufferSize: 1 });
    est.observeEvaluation([0.7, 1], 5); // (0.7, 0.5): ties the reference on calls -> no volume
    expect(m()).toMatchObject({ metaReward: 0.5, bufferSize: 1, lastContribution: 0 });
    est.observeEvaluation([0.7, 0.5], 10); // (0.7, 0.75): box 0.2 × 0.25
    expect(m().lastContribution).toBeCloseTo(0.05, 12);
    expect(m().metaReward).toBeCloseTo(0.5 + 1.5 * Math.tanh(0.05), 12);
    expect(m().bufferSize).toBe(2);
    est.observeEvaluation([0.6, 0.5], 15); // dominated by the buffer -> 0, not added
    expect(m()).toMatchObject({ metaReward: 0.5, bufferSize: 2 });
    est.observeEvaluation([0.8, 1], 20); // (0.8, 0.5): on the reference's calls level -> 0
    expect(m().metaReward).toBe(0.5);
  });

  it('multiplies every reward of the batch by m (which then cancels in the group normalization)', () => {
    const group = [
      { objectives: [1, 2], numTokens: 2 },
      { objectives: [0, 0], numTokens: 2 },
      { objectives: [1, 0], numTokens: 2 },
    ];
    const meta = createEstimator('hv-meta', { scales }, OBJ2);
    const stat = createEstimator('static', { scales }, OBJ2);
    meta.observeEvaluation([0.5, 1], 0);
    meta.observeEvaluation([0.7, 0.5], 1);
    const mr = hvMetaFactor(0.05, 1);
    const [a] = meta.computeAdvantages([group], 2).groups;
    const [b] = stat.computeAdvantages([group], 2).groups;
    a.forEach((t, i) => {
      expect(t.reward).toBeCloseTo(b[i].reward * mr, 12);
      expect(t.advantage).toBeCloseTo(b[i].advantage, 5);
    });
  });

  it('checkpoint contribution matches a brute-force union of boxes (2-D)', () => {
    const buffer = [
      [0.2, 0.3],
      [0.5, 0.6],
      [0.8, 0.4],
    ];
    const p = [0.6, 0.7];
    // brute force on a grid of the region dominated w.r.t. the reference (maximization)
    const covered = (pts: number[][], x: number, y: number) => pts.some((q) => q[0] >= x && q[1] >= y);
    let before = 0,
      after = 0;
    const N = 400;
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const x = 0.2 + ((i + 0.5) / N) * 0.8,
          y = 0.3 + ((j + 0.5) / N) * 0.7;
        const cell = (0.8 / N) * (0.7 / N);
        if (covered(buffer.slice(1), x, y)) before += cell;
        if (covered([...buffer.slice(1), p], x, y)) after += cell;
      }
    expect(checkpointContribution(buffer, p)).toBeCloseTo(after - before, 2); // grid error ~1e-3
    expect(checkpointContribution(buffer, p)).toBeCloseTo(0.1 * 0.4 + 0.1 * 0.1 + 0.1 * 0.1, 12); // by hand: three boxes
  });
});
