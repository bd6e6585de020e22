/**
 * The advantage-estimator contract every algorithm implements, and the
 * stateless driver the baselines share: per group, compute one scalar reward
 * per trajectory, group-normalize it, and put it on every generated token.
 *
 * Every estimator, stateful or not, has the same methods so the trainer can
 * treat them alike (observeEvaluation is a validated no-op for baselines).
 */
import { minimizationForm, paretoRanks } from '../pareto';
import { groupNormalize } from './group-normalize';
import type { Objective } from './objectives';
import { broadcastCredit } from './token-credit';
import { validateGroups, validatePoint, type AdvantageBatch, type Group, type TrajectoryAdvantage } from './types';

/** JSON-serializable snapshot of an estimator's state. */
export interface EstimatorSnapshot {
  version: 1;
  algorithm: string;
  objectives: string[];
  state: unknown;
}

export interface AdvantageEstimator {
  readonly algorithm: string;
  readonly objectives: readonly Objective[];
  /**
   * True when the estimator adapts to observeEvaluation (ParetoPO): the
   * trainer then runs validation evaluations for it. Absent = false.
   */
  readonly adaptive?: boolean;
  /** Per-token advantages for each group of rollouts at training step `step`. */
  computeAdvantages(groups: readonly Group[], step: number): AdvantageBatch;
  /**
   * Records an evaluation point (raw objective values, e.g. mean accuracy,
   * mean tool calls) at `step`. The trainer passes validation-split points
   * only: nothing adaptive may see the test split.
   */
  observeEvaluation(point: readonly number[], step: number): void;
  /** Current state for logging (JSON-friendly). */
  state(): Record<string, unknown>;
  /** JSON-serializable snapshot; `restore` of it on an estimator created with the same options continues identically. */
  serialize(): EstimatorSnapshot;
  restore(snapshot: EstimatorSnapshot): void;
}

export function checkSnapshot(snapshot: EstimatorSnapshot, algorithm: string, objectives: readonly Objective[]): void {
  if (!snapshot || snapshot.version !== 1) throw new Error('unsupported estimator snapshot version');
  if (snapshot.algorithm !== algorithm) {
    throw new Error(`snapshot is of algorithm "${snapshot.algorithm}", this estimator is "${algorithm}"`);
  }
  const names = objectives.map((o) => o.name);
  if (JSON.stringify(snapshot.objectives) !== JSON.stringify(names)) {
    throw new Error(`snapshot objectives [${snapshot.objectives}] differ from this estimator's [${names}]`);
  }
}

/** Per-group scalar rewards; `advantages` if the algorithm normalizes in its own way. */
export interface GroupRewards {
  rewards: Float64Array;
  advantages?: Float64Array;
}

export function statelessEstimator(
  algorithm: string,
  objectives: readonly Objective[],
  eps: number,
  rewardsOf: (rows: readonly (readonly number[])[]) => GroupRewards,
): AdvantageEstimator {
  return {
    algorithm,
    objectives,
    computeAdvantages(groups) {
      validateGroups(groups, objectives);
      return {
        stage: null,
        weights: null,
        groups: groups.map((group) => {
          const rows = group.map((t) => t.objectives);
          const { rewards, advantages = groupNormalize(rewards, eps) } = rewardsOf(rows);
          const ranks = rows.length ? paretoRanks(minimizationForm(rows, objectives)) : new Int32Array(0);
          return group.map((t, i): TrajectoryAdvantage => ({
            tokenAdvantages: broadcastCredit(advantages[i], t.numTokens),
            advantage: advantages[i],
            reward: rewards[i],
            paretoRank: ranks[i],
          }));
        }),
      };
    },
    observeEvaluation(point) {
      validatePoint(point, objectives);
    },
    state: () => ({ algorithm }),
    serialize: () => ({ version: 1, algorithm, objectives: objectives.map((o) => o.name), state: null }),
    restore(snapshot) {
      checkSnapshot(snapshot, algorithm, objectives);
    },
  };
}
