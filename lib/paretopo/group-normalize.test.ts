import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupNormalize } from './group-normalize';

describe('groupNormalize', () => {
  it.each([
    // [rewards, expected]: mean, population std worked by hand, eps = 0-ish (1e-6 ignored at 1e-5 precision)
    // [1,0,0,1]: mean 0.5, std 0.5 -> ±1
    [
      [1, 0, 0, 1],
      [1, -1, -1, 1],
    ],
    // [1,0,0]: mean 1/3, var = (4/9 + 1/9 + 1/9)/3 = 2/9, std = 0.471405 -> 1.414214, -0.707107
    [
      [1, 0, 0],
      [1.414214, -0.707107, -0.707107],
    ],
    // [2,4,6]: mean 4, std sqrt(8/3) = 1.632993 -> ±1.224745, 0
    [
      [2, 4, 6],
      [-1.224745, 0, 1.224745],
    ],
  ])('%j -> %j', (r, expected) => {
    const a = groupNormalize(r);
    expected.forEach((e, i) => expect(a[i]).toBeCloseTo(e, 5));
  });

  it('gives exactly zero for all-equal groups, G = 1 and empty groups', () => {
    expect(Array.from(groupNormalize([0.1, 0.1, 0.1]))).toEqual([0, 0, 0]);
    expect(Array.from(groupNormalize([7]))).toEqual([0]);
    expect(groupNormalize([]).length).toBe(0);
  });

  it('stays zero-mean when the rewards agree in their leading digits (regression: fast-check found 1e-6 off)', () => {
    // Rewards a part in 1e10 apart at the top of the double range: a plain mean is off by one unit in
    // the rewards' last place, which is 1e-6 of their spread.
    for (const r of [
      [-1.797693134662944e308, -1.7976931348619048e308],
      [1.797693134662944e308, 1.7976931348619048e308, 1.7976931347e308],
      [1 + 2 ** -40, 1, 1 + 2 ** -41],
      [1e200 + 1e190, 1e200, 1e200 - 1e190, 1e200],
    ]) {
      const a = groupNormalize(r);
      const mean = a.reduce((x, y) => x + y, 0) / a.length;
      expect(Math.abs(mean)).toBeLessThan(1e-12);
      for (let i = 0; i < r.length; i++) for (let j = 0; j < r.length; j++) if (r[i] < r[j]) expect(a[i]).toBeLessThan(a[j]);
    }
  });

  it('matches the formula computed in exact rational arithmetic', () => {
    // Twin: BigInt fractions (every double is a dyadic rational), eps = 0, compared after one rounding of std.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 2, maxLength: 12 }), fc.integer({ min: -60, max: 60 }), (ints, e) => {
        const r = ints.map((k) => k * 2 ** e);
        if (Math.min(...r) === Math.max(...r)) return;
        const a = groupNormalize(r, 0);
        const n = BigInt(r.length);
        const num = ints.map((k) => BigInt(k));
        const total = num.reduce((x, y) => x + y, 0n);
        // Deviations times n (integers): n·k_i − Σk; variance times n³: Σ (n·k_i − Σk)².
        const dev = num.map((k) => n * k - total);
        const ss = dev.reduce((x, y) => x + y * y, 0n);
        const std = Math.sqrt(Number(ss) / Number(n)); // std of dev (i.e. n · std of k)
        dev.forEach((d, i) => expect(a[i]).toBeCloseTo(Number(d) / std, 12));
      }),
      { numRuns: 300 },
    );
  });

  it('is finite, zero-mean and order-preserving (strictly for resolvable gaps) on any finite input, extremes included', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 16 }), (r) => {
        const a = groupNormalize(r);
        for (let i = 0; i < r.length; i++) {
          expect(Number.isFinite(a[i])).toBe(true);
          for (let j = 0; j < r.length; j++) {
            if (r[i] < r[j]) expect(a[i]).toBeLessThanOrEqual(a[j]);
            // Strictly, whenever the gap is not lost to underflow.
            if (r[j] - r[i] > 1e-12 * Math.max(1, ...r.map(Math.abs))) expect(a[i]).toBeLessThan(a[j]);
          }
        }
        const mean = a.reduce((x, y) => x + y, 0) / a.length;
        expect(Math.abs(mean)).toBeLessThan(1e-12);
      }),
      { numRuns: 500 },
    );
  });
});
