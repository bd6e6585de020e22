import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goodness, resolveScales, type Scale } from './objective-scale';
import type { Objective } from './objectives';

const acc: Objective = { name: 'accuracy', direction: 'maximize' };
const calls: Objective = { name: 'tool_calls', direction: 'minimize' };

describe('goodness', () => {
  it.each<[number, Objective, Scale, number]>([
    [1, acc, { kind: 'identity' }, 1],
    [0.25, acc, { kind: 'identity' }, 0.25],
    [1.5, acc, { kind: 'identity' }, 1], // clamped
    [0, calls, { kind: 'reciprocal' }, 1], // 1/(1+0)
    [3, calls, { kind: 'reciprocal' }, 0.25], // 1/(1+3)
    [3, acc, { kind: 'reciprocal' }, 0.75], // 1 − 1/(1+3)
    [2, calls, { kind: 'minmax', lo: 0, hi: 8 }, 0.75], // (8−2)/8
    [9, calls, { kind: 'minmax', lo: 0, hi: 8 }, 0], // clamped
    [6, acc, { kind: 'minmax', lo: 0, hi: 8 }, 0.75], // (6−0)/8
  ])('goodness(%d, %j, %j) = %d', (x, o, s, g) => {
    expect(goodness(x, o, s)).toBeCloseTo(g, 12);
  });

  it('defaults to identity for maximize and reciprocal for minimize, and names unknown scale keys', () => {
    expect(resolveScales([acc, calls], {})).toEqual([{ kind: 'identity' }, { kind: 'reciprocal' }]);
    expect(() => resolveScales([acc, calls], { tokens: { kind: 'reciprocal' } })).toThrow(/scales\.tokens/);
  });

  it('is always finite in [0,1] and monotone in the preferred direction', () => {
    const scale = fc.oneof(
      fc.constant<Scale>({ kind: 'identity' }),
      fc.constant<Scale>({ kind: 'reciprocal' }),
      fc
        .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }))
        .filter(([a, b]) => a < b)
        .map(([lo, hi]): Scale => ({ kind: 'minmax', lo, hi })),
    );
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
    fc.assert(
      fc.property(scale, finite, finite, fc.boolean(), (s, x, y, max) => {
        const o = max ? acc : calls;
        const gx = goodness(x, o, s);
        const gy = goodness(y, o, s);
        expect(gx).toBeGreaterThanOrEqual(0);
        expect(gx).toBeLessThanOrEqual(1);
        if (x < y) max ? expect(gx).toBeLessThanOrEqual(gy) : expect(gx).toBeGreaterThanOrEqual(gy);
      }),
      { numRuns: 500 },
    );
  });
});
