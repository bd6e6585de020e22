import { describe, expect, it } from 'vitest';
import { bootstrapInterval, exactBootstrapMeans, monteCarloBootstrapMeans, pairedComparison, quantile } from './paired-stats';

/** Brute-force twin: every resample as an explicit list of indices (nested loops for n = 3). */
function bruteMeans3(xs: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) out.push((xs[i] + xs[j] + xs[k]) / 3);
  return out;
}

describe('paired bootstrap', () => {
  it('enumerates the exact bootstrap distribution (brute-force twin)', () => {
    const xs = [0.1, -0.3, 0.7];
    expect(exactBootstrapMeans(xs).sort((a, b) => a - b)).toEqual(
      bruteMeans3(xs)
        .sort((a, b) => a - b)
        .map((m) => expect.closeTo(m, 12)),
    );
  });

  it('type-7 quantiles', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([0, 10], 0.025)).toBeCloseTo(0.25);
  });

  it('an exact interval of two differences is the quantiles of {a, (a+b)/2, (a+b)/2, b}', () => {
    const r = bootstrapInterval([0, 1]);
    expect(r.bootstrap).toBe('exact');
    expect(r.lo).toBeCloseTo(quantile([0, 0.5, 0.5, 1], 0.025), 12);
    expect(r.hi).toBeCloseTo(quantile([0, 0.5, 0.5, 1], 0.975), 12);
  });

  it('Monte Carlo resampling agrees with the exact interval', () => {
    const xs = [0.05, 0.12, -0.02, 0.08, 0.2];
    const exact = bootstrapInterval(xs);
    const mc = monteCarloBootstrapMeans(xs, 40_000, 3).sort((a, b) => a - b);
    expect(quantile(mc, 0.025)).toBeCloseTo(exact.lo, 2);
    expect(quantile(mc, 0.975)).toBeCloseTo(exact.hi, 2);
  });

  it('pairs by seed, counts wins and ties, ignores unpaired seeds', () => {
    const a = new Map([
      [0, 0.5],
      [1, 0.6],
      [2, 0.4],
      [7, 0.9],
    ]);
    const b = new Map([
      [0, 0.4],
      [1, 0.6],
      [2, 0.5],
      [3, 0.1],
    ]);
    const c = pairedComparison(a, b);
    expect(c.seeds).toEqual([0, 1, 2]);
    expect(c.differences.map((d) => +d.toFixed(12))).toEqual([0.1, 0, -0.1]);
    expect(c.mean).toBeCloseTo(0, 12);
    expect(c.wins).toBe(1);
    expect(c.ties).toBe(1);
    expect(c.lo).toBeLessThan(0);
    expect(c.hi).toBeGreaterThan(0);
    expect(pairedComparison(new Map([[0, 1]]), new Map([[0, 0]])).lo).toBeNaN();
  });
});
