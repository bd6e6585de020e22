/**
 * Statistics paired by seed (methods of one seed share the warm start, the
 * prompts and the test subset): for a method A and a baseline B, the
 * per-seed differences d_s = A_s − B_s on the seeds both have, their mean, a
 * 95% percentile-bootstrap interval of the mean, and wins out of seeds.
 *
 * The bootstrap resamples the n differences with replacement. For n^n ≤
 * EXACT_LIMIT resamples (n ≤ 6) the bootstrap distribution is enumerated
 * exactly (every ordered resample once), so the interval has no Monte Carlo
 * error; above that, `resamples` seeded draws. Quantiles: linear
 * interpolation between order statistics (type 7).
 *
 * Pure; O(n^n · n) exact, O(resamples · n) otherwise.
 */
import { Rng } from '../rng';

export const EXACT_LIMIT = 50_000;

export interface PairedComparison {
  /** Seeds both methods have, ascending. */
  seeds: number[];
  /** A − B per seed, in `seeds` order. */
  differences: number[];
  mean: number;
  /** 95% bootstrap interval of the mean difference (NaN for fewer than 2 seeds). */
  lo: number;
  hi: number;
  /** Seeds where A > B, where A = B. */
  wins: number;
  ties: number;
  /** 'exact' enumeration or 'monte-carlo' resampling. */
  bootstrap: 'exact' | 'monte-carlo';
}

/** Type-7 quantile of an ascending array. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Means of every ordered resample of xs (n^n of them). */
export function exactBootstrapMeans(xs: readonly number[]): number[] {
  const n = xs.length;
  const total = n ** n;
  const out = new Array<number>(total);
  const idx = new Array<number>(n).fill(0);
  for (let r = 0; r < total; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[idx[i]];
    out[r] = s / n;
    for (let i = 0; i < n; i++) {
      if (++idx[i] < n) break;
      idx[i] = 0;
    }
  }
  return out;
}

export function monteCarloBootstrapMeans(xs: readonly number[], resamples: number, seed: number): number[] {
  const rng = new Rng(seed).fork('bootstrap');
  const n = xs.length;
  const out = new Array<number>(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += xs[Math.floor(rng.next() * n)];
    out[r] = s / n;
  }
  return out;
}

export interface BootstrapOptions {
  /** Interval level. Default 0.95. */
  level?: number;
  /** Monte Carlo resamples when n^n > EXACT_LIMIT. Default 20 000. */
  resamples?: number;
  /** Seed of the Monte Carlo resampling. Default 0. */
  seed?: number;
}

export function bootstrapInterval(xs: readonly number[], opts: BootstrapOptions = {}): { lo: number; hi: number; bootstrap: 'exact' | 'monte-carlo' } {
  const level = opts.level ?? 0.95;
  const exact = xs.length ** xs.length <= EXACT_LIMIT;
  if (xs.length < 2) return { lo: NaN, hi: NaN, bootstrap: 'exact' };
  const means = exact ? exactBootstrapMeans(xs) : monteCarloBootstrapMeans(xs, opts.resamples ?? 20_000, opts.seed ?? 0);
  means.sort((a, b) => a - b);
  const a = (1 - level) / 2;
  return { lo: quantile(means, a), hi: quantile(means, 1 - a), bootstrap: exact ? 'exact' : 'monte-carlo' };
}

/** A − B paired by seed. */
export function pairedComparison(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>, opts: BootstrapOptions = {}): PairedComparison {
  const seeds = [...a.keys()].filter((s) => b.has(s)).sort((x, y) => x - y);
  const differences = seeds.map((s) => a.get(s)! - b.get(s)!);
  const mean = differences.length ? differences.reduce((x, y) => x + y, 0) / differences.length : NaN;
  const { lo, hi, bootstrap } = bootstrapInterval(differences, opts);
  return {
    seeds,
    differences,
    mean,
    lo,
    hi,
    wins: differences.filter((d) => d > 0).length,
    ties: differences.filter((d) => d === 0).length,
    bootstrap,
  };
}
