/**
 * ParetoPO stage controller: when to leave stage 1 (dynamic scalarization)
 * for stage 2 (Pareto-rank advantages). Stage 2 is final once reached.
 *
 *   'stall'     switch after `stallPatience` consecutive evaluations whose
 *               hypervolume improves on the best so far by a relative amount
 *               ≤ `stallTolerance` ((hv − best)/best; from best = 0 any hv > 0
 *               counts as progress), or at `switchStep` if that is set and
 *               comes first;
 *   'step'      switch at the first training step ≥ `switchStep`;
 *   'never'     stage 1 only (dynamic scalarization ablation);
 *   'immediate' stage 2 only (Pareto-rank ablation).
 *
 * Pure functions over a small JSON-friendly state. O(1) per call.
 */
export type SwitchMode = 'stall' | 'step' | 'never' | 'immediate';

export interface StageOptions {
  switch: SwitchMode;
  switchStep: number | null;
  stallPatience: number;
  stallTolerance: number;
}

export interface StageState {
  stage: 1 | 2;
  bestHypervolume: number;
  stallCount: number;
  switchedAtStep: number | null;
}

export function initialStage(o: StageOptions): StageState {
  return {
    stage: o.switch === 'immediate' ? 2 : 1,
    bestHypervolume: 0,
    stallCount: 0,
    switchedAtStep: o.switch === 'immediate' ? 0 : null,
  };
}

/** Stage in force at training step `step` (a step-triggered switch happens here). */
export function stageAtStep(s: StageState, step: number, o: StageOptions): StageState {
  if (s.stage === 2 || o.switchStep === null) return s;
  if ((o.switch === 'step' || o.switch === 'stall') && step >= o.switchStep) {
    return { ...s, stage: 2, switchedAtStep: step };
  }
  return s;
}

/** Records the archive hypervolume after an evaluation at `step`. */
export function observeHypervolume(s: StageState, hypervolume: number, step: number, o: StageOptions): StageState {
  const best = s.bestHypervolume;
  const improvement = hypervolume - best;
  const relative = best > 0 ? improvement / best : improvement > 0 ? Infinity : 0;
  const stallCount = relative > o.stallTolerance ? 0 : s.stallCount + 1;
  const next: StageState = { ...s, bestHypervolume: Math.max(best, hypervolume), stallCount };
  if (next.stage === 1 && o.switch === 'stall' && stallCount >= o.stallPatience) {
    return { ...next, stage: 2, switchedAtStep: step };
  }
  return next;
}
