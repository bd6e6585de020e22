/**
 * The server's hypervolume of a run: from its logged evaluation points and its
 * objective definitions (directions and references), never from a value a
 * client sent. One function for every run, built-in or external, used by the
 * runs list, the run page and the compare page.
 *
 * - Points of one split are measured: "test" when the run has any, otherwise
 *   the split of its first point (a run that only logs "eval" still gets one);
 *   'reference-*' points (marks such as the base policy) are never measured.
 *   Points whose vector does not have one finite value per objective are
 *   skipped.
 * - `atStep[k]`: hypervolume of the points evaluated at `steps[k]` (the policy
 *   at that step); `archive[k]`: of every point evaluated up to `steps[k]`
 *   (the run's Pareto archive). `final` and `latest` are their last values.
 * - Units: the product of the objectives' units (no normalization; runs with
 *   the same objective definitions are comparable, others are not).
 * - Directions go to lib/pareto as `maximize` flags; nothing here negates.
 *
 * Cost: with the series, one non-dominated filter and one hypervolume per
 * evaluated step on the archive's front (O(S · n log n) for d ≤ 3); without,
 * two hypervolumes. No points: every value null.
 */
import { hypervolume, nonDominated } from '../pareto';
import type { ObjectiveDef } from '../contract/run-log';
import type { EvalHypervolume } from '../contract/eval-hypervolume';

export type { EvalHypervolume };

export interface EvalPointLike {
  step: number;
  split?: string | null;
  objectives: readonly number[];
}

export function measuredSplit(points: readonly EvalPointLike[]): string | null {
  // 'reference-*' points (the base policy, the oracle) are marks on the plane, never the run's own.
  const own = points.filter((p) => !(p.split ?? '').startsWith('reference-'));
  if (own.length === 0) return null;
  return own.some((p) => (p.split ?? 'test') === 'test') ? 'test' : (own[0].split ?? 'test');
}

export interface EvalHypervolumeOptions {
  /** Per-step series (`steps`, `atStep`, `archive`); false: only `final`, `latest` and `finalMeans`, one hypervolume each (the runs list). Default true. */
  series?: boolean;
}

export function evalHypervolume(points: readonly EvalPointLike[], objectives: readonly ObjectiveDef[], options: EvalHypervolumeOptions = {}): EvalHypervolume {
  const d = objectives.length;
  const split = measuredSplit(points);
  const usable = points.filter((p) => (p.split ?? 'test') === split && p.objectives.length === d && p.objectives.every(Number.isFinite));
  const none: EvalHypervolume = { split: usable.length ? split : null, steps: [], atStep: [], archive: [], final: null, latest: null, finalMeans: null };
  if (usable.length === 0) return { ...none, split: null };

  const ref = objectives.map((o) => o.reference);
  const opts = { maximize: objectives.map((o) => o.direction === 'maximize') };
  const byStep = new Map<number, number[][]>();
  for (const p of usable) {
    const rows = byStep.get(p.step);
    if (rows) rows.push([...p.objectives]);
    else byStep.set(p.step, [[...p.objectives]]);
  }
  const steps = [...byStep.keys()].sort((a, b) => a - b);
  const last = byStep.get(steps[steps.length - 1])!;
  const finalMeans: Record<string, number> = {};
  objectives.forEach((o, j) => {
    finalMeans[o.name] = last.reduce((a, r) => a + r[j], 0) / last.length;
  });
  if (options.series === false) {
    const final = hypervolume(last, ref, opts);
    const latest = hypervolume(
      usable.map((p) => p.objectives),
      ref,
      opts,
    );
    return { split, steps: [], atStep: [], archive: [], final, latest, finalMeans };
  }
  const atStep: number[] = [];
  const archive: number[] = [];
  let front: number[][] = [];
  for (const s of steps) {
    const rows = byStep.get(s)!;
    atStep.push(hypervolume(rows, ref, opts));
    const merged = front.concat(rows);
    front = Array.from(nonDominated(merged, opts), (i) => merged[i]);
    archive.push(hypervolume(front, ref, opts));
  }
  return { split, steps, atStep, archive, final: atStep[atStep.length - 1], latest: archive[archive.length - 1], finalMeans };
}
