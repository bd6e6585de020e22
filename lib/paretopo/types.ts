/**
 * Input and output shapes shared by every advantage estimator, and the input
 * validation done once at the entry (errors name the group, trajectory and
 * field). Inputs hold typed arrays, so they are TypeScript types rather than
 * zod schemas; options and objectives are zod schemas (see options).
 */
import type { Objective } from './objectives';

/** One rollout of a prompt, as the estimator sees it. */
/** What an estimator sees of a rollout (lib/agent's Trajectory is the rollout itself). */
export interface EstimatorTrajectory {
  /** Raw objective values, in the order of the estimator's objectives. */
  objectives: readonly number[];
  /** Number of generated (policy) tokens; tool-output tokens excluded. */
  numTokens: number;
  /** Length numTokens; truthy where the generated token is part of a tool-call action. Absent = no tool calls. */
  toolCallMask?: ArrayLike<number | boolean>;
  /** Id of the prompt the rollout answers (the trainer sets it; estimators do not use it): lets a test prove only training prompts reach the estimator. */
  promptId?: string;
}

/** The G rollouts of one prompt. */
export type Group = readonly EstimatorTrajectory[];

/** What an estimator returns for one trajectory. */
export interface TrajectoryAdvantage {
  /** Per-generated-token advantage, length numTokens. */
  tokenAdvantages: Float32Array;
  /** The trajectory's scalar advantage (group-normalized). */
  advantage: number;
  /** The scalar the estimator group-normalized: scalarized reward, or the stage-2 rank score. */
  reward: number;
  /** Pareto rank within the group (1 = first front) on the objectives as this estimator judges them (gated where it gates). */
  paretoRank: number;
}

export interface AdvantageBatch {
  /** Same nesting as the input groups. */
  groups: TrajectoryAdvantage[][];
  /** ParetoPO stage used (1 or 2); null for the baselines. */
  stage: 1 | 2 | null;
  /** Scalarization weights used (by objective order), null where none apply. */
  weights: number[] | null;
}

export function validateGroups(groups: readonly Group[], objectives: readonly Objective[]): void {
  if (!Array.isArray(groups)) throw new Error('groups must be an array of groups');
  const d = objectives.length;
  groups.forEach((group, g) => {
    if (!Array.isArray(group)) throw new Error(`groups[${g}] must be an array of trajectories`);
    group.forEach((t, i) => {
      const where = `groups[${g}][${i}]`;
      if (!t || !Array.isArray(t.objectives) || t.objectives.length !== d) {
        throw new Error(`${where}.objectives must be an array of ${d} numbers (${objectives.map((o) => o.name).join(', ')})`);
      }
      for (let k = 0; k < d; k++) {
        const v: unknown = t.objectives[k];
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new Error(`${where}.objectives[${k}] (${objectives[k].name}) must be a finite number, got ${v}`);
        }
      }
      if (!Number.isInteger(t.numTokens) || t.numTokens < 0) {
        throw new Error(`${where}.numTokens must be a non-negative integer, got ${t.numTokens}`);
      }
      if (t.toolCallMask !== undefined && t.toolCallMask.length !== t.numTokens) {
        throw new Error(`${where}.toolCallMask has length ${t.toolCallMask.length}, expected numTokens = ${t.numTokens}`);
      }
    });
  });
}

export function validatePoint(point: readonly number[], objectives: readonly Objective[]): void {
  if (!Array.isArray(point) || point.length !== objectives.length) {
    throw new Error(`evaluation point must be an array of ${objectives.length} numbers (${objectives.map((o) => o.name).join(', ')})`);
  }
  point.forEach((v, k) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new Error(`evaluation point[${k}] (${objectives[k].name}) must be a finite number, got ${v}`);
    }
  });
}
