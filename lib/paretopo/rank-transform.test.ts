import { describe, expect, it } from 'vitest';
import { gateEfficiency } from './correctness-gate';
import { rankTransform } from './rank-transform';

describe('rankTransform', () => {
  it('replaces values by average ranks per column', () => {
    // column 0: 5, 1, 5, 3 -> ranks 3.5, 1, 3.5, 2; column 1: 0, 0, 0, 0 -> all 2.5
    const r = rankTransform({ data: Float64Array.from([5, 0, 1, 0, 5, 0, 3, 0]), dim: 2 });
    expect(Array.from(r.data)).toEqual([3.5, 2.5, 1, 2.5, 3.5, 2.5, 2, 2.5]);
  });
});

describe('gateEfficiency', () => {
  it("sets an incorrect trajectory's non-accuracy columns to the group's worst (column max in minimization form)", () => {
    // rows (−acc, calls, tokens): correct (−1, 2, 30), wrong (0, 0, 10), wrong (0, 5, 20)
    const m = { data: Float64Array.from([-1, 2, 30, 0, 0, 10, 0, 5, 20]), dim: 3 };
    const g = gateEfficiency(m, [true, false, false], 0);
    expect(Array.from(g.data)).toEqual([-1, 2, 30, 0, 5, 30, 0, 5, 30]);
    expect(m.data[4]).toBe(0); // input untouched
  });
});
