import { describe, expect, it } from 'vitest';
import { weightsCard } from './weights-card';

const objectives = [
  { name: 'accuracy', direction: 'maximize' as const },
  { name: 'tool_calls', direction: 'minimize' as const },
  { name: 'tokens', direction: 'minimize' as const },
];

describe('weightsCard', () => {
  it('gives static its fixed weights (normalized) and its own text', () => {
    const c = weightsCard('static', { algorithmOptions: { weights: { accuracy: 3, tool_calls: 1 } } }, objectives);
    expect(c.fixed).toEqual([0.75, 0.25, 0]);
    expect(c.subtitle).toMatch(/Fixed linear scalarization/);
    expect(c.subtitle).not.toMatch(/Stage 1/);
    expect(weightsCard('static', {}, objectives).fixed?.map((w) => w.toFixed(3))).toEqual(['0.333', '0.333', '0.333']);
  });

  it('says which algorithms do not scalarize, and ParetoPO keeps its stage text', () => {
    expect(weightsCard('grpo', {}, objectives)).toMatchObject({ fixed: null, empty: 'No weights: grpo does not scalarize.' });
    expect(weightsCard('otc', {}, objectives).fixed).toBeNull();
    const p = weightsCard('paretopo', {}, objectives);
    expect(p.fixed).toBeNull();
    expect(p.subtitle).toMatch(/Stage 1/);
  });

  it('is neutral about an algorithm it does not know and about options it cannot read', () => {
    expect(weightsCard('my-ppo', {}, objectives).subtitle).toMatch(/my-ppo/);
    expect(weightsCard('static', { algorithmOptions: { weights: { nope: 1 } } }, objectives).fixed).toBeNull();
  });
});
