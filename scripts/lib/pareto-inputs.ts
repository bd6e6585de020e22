/**
 * bench:pareto's seeded inputs (also scripts/bench-pareto-engines.ts): random
 * in [0,1]^d, front = positive orthant of the unit sphere, linear = simplex.
 */
import { mulberry } from '../../lib/pareto/test-helpers';

export type Shape = 'random' | 'front' | 'linear';

export function generate(shape: Shape, n: number, d: number, seed: number): Float64Array {
  const rnd = mulberry(seed);
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    if (shape === 'random') {
      for (let j = 0; j < d; j++) out[o + j] = rnd();
    } else if (shape === 'front') {
      let norm = 0;
      for (let j = 0; j < d; j++) {
        // |gaussian| by Box-Muller: uniform direction on the positive orthant
        const g = Math.abs(Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()));
        out[o + j] = g;
        norm += g * g;
      }
      norm = Math.sqrt(norm) || 1;
      for (let j = 0; j < d; j++) out[o + j] /= norm;
    } else {
      let sum = 0;
      for (let j = 0; j < d; j++) {
        const e = -Math.log(1 - rnd());
        out[o + j] = e;
        sum += e;
      }
      for (let j = 0; j < d; j++) out[o + j] /= sum;
    }
  }
  return out;
}
