/**
 * Hypervolume gain still available along each objective, for the ParetoPO
 * stage 1 weight update:
 *
 *   gain_k = max over front points p of HVgain(p − δ·e_k)
 *
 * i.e. how much the archive's hypervolume would grow if its best-placed point
 * improved by a step δ along objective k alone. Works in the normalized cost
 * space c = 1 − goodness ∈ [0,1]^d (minimized, reference point (1, …, 1)); the
 * improved coordinate is clamped at the ideal 0. A point with cost 1 on some
 * other objective adds no volume, so e.g. while accuracy is 0 all gain lies
 * along accuracy.
 *
 * Complexity: |front|·d calls of hypervolumeGainIfAdded. An empty archive
 * gives all-zero gains.
 */
import type { ParetoArchive } from '../pareto';

export function axisGains(archive: ParetoArchive, dim: number, step: number): number[] {
  const gains = new Array<number>(dim).fill(0);
  for (const p of archive.front()) {
    for (let k = 0; k < dim; k++) {
      const q = p.slice();
      q[k] = Math.max(0, q[k] - step);
      const g = archive.hypervolumeGainIfAdded(q);
      if (g > gains[k]) gains[k] = g;
    }
  }
  return gains;
}
