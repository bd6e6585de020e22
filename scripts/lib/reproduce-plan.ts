/**
 * What `npm run reproduce` trains: every algorithm of lib/paretopo on both
 * tasks over several seeds, as overrides of the default TrainConfig.
 * Static scalarization is run at three accuracy weights so that the "front
 * of static policies" can be compared with ParetoPO's.
 */
import type { TrainConfigInput } from '../../lib/training';

export interface Method {
  /** Label in the table (unique). */
  label: string;
  algorithm: TrainConfigInput['algorithm'];
  algorithmOptions?: Record<string, unknown>;
  /** Part of the static front. */
  static?: boolean;
  /** Only with --methods (not in the default table). */
  ablation?: boolean;
}

export const METHODS: Method[] = [
  { label: 'grpo', algorithm: 'grpo' },
  { label: 'static-acc0.8', algorithm: 'static', algorithmOptions: { weights: { accuracy: 0.8, tool_calls: 0.2 } }, static: true },
  { label: 'static-acc0.5', algorithm: 'static', algorithmOptions: { weights: { accuracy: 0.5, tool_calls: 0.5 } }, static: true },
  { label: 'static-acc0.2', algorithm: 'static', algorithmOptions: { weights: { accuracy: 0.2, tool_calls: 0.8 } }, static: true },
  { label: 'otc', algorithm: 'otc' },
  { label: 'mo-grpo', algorithm: 'mo-grpo' },
  { label: 'hv-meta', algorithm: 'hv-meta' },
  { label: 'hv-contrib', algorithm: 'hv-contrib', ablation: true },
  { label: 'paretopo', algorithm: 'paretopo' },
  // Ablations of ParetoPO's two stages (npm run reproduce -- --methods paretopo,paretopo-stage1-only,paretopo-stage2-only).
  { label: 'paretopo-stage1-only', algorithm: 'paretopo', algorithmOptions: { switch: 'never' }, ablation: true },
  { label: 'paretopo-stage2-only', algorithm: 'paretopo', algorithmOptions: { switch: 'immediate' }, ablation: true },
  // ParetoPO with the estimator's own reciprocal scale 1/(1+calls) instead of the run hypervolume's linear scale.
  { label: 'paretopo-reciprocal', algorithm: 'paretopo', algorithmOptions: { scales: {} }, ablation: true },
  // Stage-2 action-level credit replaced by the trajectory advantage on every token.
  { label: 'paretopo-broadcast-credit', algorithm: 'paretopo', algorithmOptions: { credit: 'broadcast' }, ablation: true },
  // The first weight rule (gain shares), for the weight-update change.
  { label: 'paretopo-share-weights', algorithm: 'paretopo', algorithmOptions: { gainTransform: 'share' }, ablation: true },
];

export interface Budget {
  seeds: number;
  /** Overrides shared by every run. */
  config: Partial<TrainConfigInput>;
}

/**
 * Quick: the main methods, 3 seeds × 40 steps — about 40 minutes on 2 otherwise idle cores with 2 jobs
 * (warm starts cached; ~1 s a step per job plus evaluations). Full: every method and ablation, 5 seeds, 200 steps.
 */
export const BUDGETS: Record<'quick' | 'full', Budget> = {
  quick: { seeds: 3, config: { steps: 40, evalEvery: 10, evalSize: 256, trajectorySample: 8, checkpointEvery: 40 } },
  full: { seeds: 5, config: { steps: 200, evalEvery: 20, evalSize: 512, trajectorySample: 8, checkpointEvery: 50 } },
};
