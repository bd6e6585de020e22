/**
 * `paretopo` — ParetoPO (arXiv 2606.16111), our reconstruction (see
 * ../shared/ARCHITECTURE.md). A stateful estimator:
 *
 * Stage 1, hypervolume-guided dynamic scalarization.
 *   g_i = goodness of trajectory i (objective-scale), gated if
 *   `gateEfficiencyOnCorrectness`: an incorrect trajectory's non-accuracy
 *   goodness is set to the group's worst for that objective.
 *   reward r_i = Σ_k w_k g_ik;  A_i = (r_i − mean)/(std + eps) on every token.
 *   The weights move only on evaluations (observeEvaluation — in training,
 *   greedy evaluations on the VALIDATION split, never the test split): the
 *   point is mapped to cost 1 − goodness and inserted into a ParetoArchive
 *   (reference (1, …, 1)); gains along each objective (axis-gains, step
 *   δ = `gainStep`) drive w ← softmax(log w + η·ĝ) with a `minWeight` floor
 *   (weight-update; ĝ per `gainTransform`, default log-ratio).
 *   Stall detection (stage-controller) watches the hypervolume of the run's
 *   OWN evaluations — every observation after the first (the step-0 point,
 *   the warm start every method of a seed shares, is left out) — so a run
 *   that improves on itself is not "stalled" just because it has not beaten
 *   the warm start yet.
 *
 * Stage 2, Pareto-rank advantages (from the switch; see stage-controller).
 *   On the raw objectives in minimization form, gated as above:
 *   score_i = (F − rank_i) + λ·τ_i (pareto-rank-score), A_i = standardized
 *   score. Accuracy part A_acc_i = standardized rank of the accuracy
 *   objective (average ranks for ties; equal to GRPO's advantage for 0/1
 *   accuracy). Tokens: A_acc on every generated token, A_i (= A_acc + A_eff)
 *   on tool-call tokens; trajectories without tool-call tokens get A_i on
 *   every token ('spread', default) or A_acc ('accuracy-only').
 *   Stage-2 advantages depend only on the order of values within each
 *   objective: any strictly increasing rescaling leaves them unchanged (for
 *   accuracy, provided `correctThreshold` is rescaled with it).
 *
 * `reward` in the output is r_i in stage 1 and score_i in stage 2;
 * `paretoRank` is the rank on the gated objectives in both stages.
 * Degenerate (all-tied) groups and G = 1 give zero advantage.
 */
import { z } from 'zod';
import { minimizationForm, ParetoArchive, paretoRanks, type FlatPoints as Matrix } from '../pareto';
import { axisGains } from './axis-gains';
import { gateEfficiency, isCorrect } from './correctness-gate';
import { checkSnapshot, type AdvantageEstimator, type EstimatorSnapshot } from './estimator';
import { groupNormalize } from './group-normalize';
import { goodness, goodnessMatrix, resolveScales, ScalesSchema } from './objective-scale';
import { objectiveIndex, type Objective } from './objectives';
import { paretoRankScores } from './pareto-rank-score';
import { rankTransform } from './rank-transform';
import { accuracyObjectiveOption, correctThresholdOption, epsOption, resolveWeights, weightsOption } from './shared-options';
import { initialStage, observeHypervolume, stageAtStep, type StageOptions, type StageState } from './stage-controller';
import { scalarize } from './static-scalarization';
import { actionLevelCredit, broadcastCredit } from './token-credit';
import { updateWeights } from './weight-update';
import { validateGroups, validatePoint, type Group, type TrajectoryAdvantage } from './types';

export const ParetoPoOptionsSchema = z
  .strictObject({
    accuracyObjective: accuracyObjectiveOption,
    correctThreshold: correctThresholdOption,
    gateEfficiencyOnCorrectness: z
      .boolean()
      .default(true)
      .describe("An incorrect trajectory's efficiency objectives are set to the group's worst value (both stages)."),
    scales: ScalesSchema,
    initialWeights: weightsOption.describe('Stage-1 starting weights per objective name; normalized to sum 1. Empty = equal.'),
    learningRate: z.number().nonnegative().default(1).describe('η in the stage-1 update w ← softmax(log w + η·ĝ).'),
    gainTransform: z
      .enum(['log-ratio', 'share'])
      .default('log-ratio')
      .describe(
        "ĝ from the axis gains: 'log-ratio' = log(g_k / geometric mean), clamped to ±3 (moves when one gain dominates); 'share' = g_k / Σ g (the first rule).",
      ),
    gainStep: z.number().positive().max(1).default(0.05).describe('δ: the normalized-cost step along one objective whose hypervolume gain defines ĝ_k.'),
    minWeight: z.number().nonnegative().default(0.01).describe('Floor mixed into every stage-1 weight after each update; needs objectives·minWeight < 1.'),
    switch: z
      .enum(['stall', 'step', 'never', 'immediate'])
      .default('stall')
      .describe('When to enter stage 2: on hypervolume stall, at switchStep, never, or from the start.'),
    switchStep: z
      .number()
      .int()
      .nonnegative()
      .nullable()
      .default(null)
      .describe("Training step at which stage 2 starts ('step'; with 'stall', a latest switch step)."),
    stallPatience: z.number().int().positive().default(3).describe('K: consecutive evaluations without hypervolume progress that count as a stall.'),
    stallTolerance: z.number().nonnegative().default(0.01).describe('ε: relative hypervolume improvement ≤ ε counts as no progress.'),
    crowdingTieBreak: z
      .number()
      .nonnegative()
      .lt(1)
      .default(0.5)
      .describe('λ ∈ [0,1): within a front, score bonus λ·(fraction of the front with smaller crowding).'),
    credit: z
      .enum(['action', 'broadcast'])
      .default('action')
      .describe(
        "Stage 2 token credit: 'action' = accuracy part on every token, full advantage on tool-call tokens; 'broadcast' = the full advantage on every token (ablation).",
      ),
    zeroCallCredit: z
      .enum(['spread', 'accuracy-only'])
      .default('spread')
      .describe("Stage 2, trajectories without tool-call tokens: full advantage on all tokens ('spread') or accuracy part only."),
    eps: epsOption,
  })
  .refine((o) => o.switch !== 'step' || o.switchStep !== null, {
    message: "switch: 'step' needs a switchStep",
    path: ['switchStep'],
  });
export type ParetoPoOptions = z.infer<typeof ParetoPoOptionsSchema>;

interface Evaluation {
  step: number;
  /** Normalized cost point inserted into the archive. */
  cost: number[];
  hypervolume: number;
}

interface ParetoPoState {
  weights: number[];
  /** Hypervolume of the run's own evaluations (all but the first), after each. */
  ownHypervolume?: number;
  stage: StageState;
  evaluations: Evaluation[];
  lastGains: number[];
}

export interface ParetoPoEstimator extends AdvantageEstimator {
  state(): {
    algorithm: 'paretopo';
    stage: 1 | 2;
    weights: number[];
    hypervolume: number;
    hypervolumeHistory: { step: number; hypervolume: number }[];
    /** Hypervolume of the run's own evaluations (the first one left out): what stall detection watches. */
    ownHypervolume: number;
    archiveSize: number;
    stallCount: number;
    switchedAtStep: number | null;
    lastGains: number[];
  };
}

export function createParetoPo(objectives: readonly Objective[], options: ParetoPoOptions): ParetoPoEstimator {
  const d = objectives.length;
  const acc = objectiveIndex(objectives, options.accuracyObjective, 'accuracyObjective');
  const scales = resolveScales(objectives, options.scales);
  const initialWeights = resolveWeights(objectives, options.initialWeights, 'initialWeights');
  if (d * options.minWeight >= 1) {
    throw new Error(`invalid option "minWeight": ${options.minWeight} × ${d} objectives must be < 1`);
  }
  const stageOptions: StageOptions = options;
  const ref = objectives.map(() => 1);

  let s: ParetoPoState;
  let archive: ParetoArchive;
  /** The run's own evaluations: every one but the first (the shared step-0 point). */
  let own: ParetoArchive;
  const reset = (next: ParetoPoState) => {
    s = next;
    archive = new ParetoArchive(ref);
    own = new ParetoArchive(ref);
    s.evaluations.forEach((e, i) => {
      archive.insert(e.cost);
      if (i > 0) own.insert(e.cost);
    });
  };
  reset({ weights: initialWeights, stage: initialStage(stageOptions), evaluations: [], lastGains: ref.map(() => 0) });

  const correctness = (group: Group) => group.map((t) => !options.gateEfficiencyOnCorrectness || isCorrect(t.objectives[acc], options.correctThreshold));
  const gate = (m: Matrix, correct: boolean[]) => (options.gateEfficiencyOnCorrectness ? gateEfficiency(m, correct, acc) : m);

  function stage1(group: Group): TrajectoryAdvantage[] {
    const rows = group.map((t) => t.objectives);
    const correct = correctness(group);
    const cost = gate({ data: goodnessMatrix(rows, objectives, scales).map((g) => 1 - g), dim: d }, correct);
    const rewards = scalarize(
      cost.data.map((c) => 1 - c),
      s.weights,
    );
    const adv = groupNormalize(rewards, options.eps);
    const ranks = paretoRanks(gate(minimizationForm(rows, objectives), correct));
    return group.map((t, i) => ({
      tokenAdvantages: broadcastCredit(adv[i], t.numTokens),
      advantage: adv[i],
      reward: rewards[i],
      paretoRank: ranks[i],
    }));
  }

  function stage2(group: Group): TrajectoryAdvantage[] {
    const rows = group.map((t) => t.objectives);
    const m = gate(minimizationForm(rows, objectives), correctness(group));
    const { ranks, scores } = paretoRankScores(m, options.crowdingTieBreak);
    const adv = groupNormalize(scores, options.eps);
    const accRank = rankTransform({ data: Float64Array.from(rows, (_, i) => m.data[i * d + acc]), dim: 1 }).data;
    // Rank 1 = best (lowest in minimization form); negate so better accuracy scores higher.
    const accAdv = groupNormalize(
      accRank.map((r) => -r),
      options.eps,
    );
    return group.map((t, i) => ({
      tokenAdvantages:
        options.credit === 'broadcast'
          ? broadcastCredit(adv[i], t.numTokens)
          : actionLevelCredit(accAdv[i], adv[i], t.numTokens, t.toolCallMask, options.zeroCallCredit),
      advantage: adv[i],
      reward: scores[i],
      paretoRank: ranks[i],
    }));
  }

  return {
    algorithm: 'paretopo',
    objectives,
    adaptive: true,
    computeAdvantages(groups, step) {
      validateGroups(groups, objectives);
      s = { ...s, stage: stageAtStep(s.stage, step, stageOptions) };
      const stage = s.stage.stage;
      return {
        stage,
        weights: s.weights.slice(),
        groups: groups.map((g) => (g.length === 0 ? [] : stage === 1 ? stage1(g) : stage2(g))),
      };
    },
    observeEvaluation(point, step) {
      validatePoint(point, objectives);
      const cost = point.map((x, k) => 1 - goodness(x, objectives[k], scales[k]));
      archive.insert(cost);
      const first = s.evaluations.length === 0;
      if (!first) own.insert(cost);
      const hypervolume = archive.hypervolume;
      const gains = axisGains(archive, d, options.gainStep);
      s = {
        weights: updateWeightsFrom(s.weights, gains),
        // the first observation (step 0, shared by every method of a seed) is not the run's own progress
        stage: first ? s.stage : observeHypervolume(s.stage, own.hypervolume, step, stageOptions),
        ownHypervolume: own.hypervolume,
        evaluations: [...s.evaluations, { step, cost, hypervolume }],
        lastGains: gains,
      };
    },
    state() {
      return {
        algorithm: 'paretopo' as const,
        stage: s.stage.stage,
        weights: s.weights.slice(),
        hypervolume: archive.hypervolume,
        hypervolumeHistory: s.evaluations.map((e) => ({ step: e.step, hypervolume: e.hypervolume })),
        ownHypervolume: own.hypervolume,
        archiveSize: archive.size,
        stallCount: s.stage.stallCount,
        switchedAtStep: s.stage.switchedAtStep,
        lastGains: s.lastGains.slice(),
      };
    },
    serialize(): EstimatorSnapshot {
      return {
        version: 1,
        algorithm: 'paretopo',
        objectives: objectives.map((o) => o.name),
        // as a JSON string: stored databases may round doubles in JSON to 16 digits (seen on resume); strings survive exactly
        state: JSON.stringify(s),
      };
    },
    restore(snapshot) {
      checkSnapshot(snapshot, 'paretopo', objectives);
      reset(parseState(snapshot.state, d));
    },
  };

  function updateWeightsFrom(w: number[], gains: number[]): number[] {
    return updateWeights(w, gains, options.learningRate, options.minWeight, options.gainTransform);
  }
}

const FiniteArray = (d: number) => z.array(z.number()).length(d);
function parseState(stored: unknown, d: number): ParetoPoState {
  const state = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
  const schema = z.object({
    weights: FiniteArray(d),
    ownHypervolume: z.number().optional(),
    stage: z.object({
      stage: z.union([z.literal(1), z.literal(2)]),
      bestHypervolume: z.number(),
      stallCount: z.number().int().nonnegative(),
      switchedAtStep: z.number().nullable(),
    }),
    evaluations: z.array(z.object({ step: z.number(), cost: FiniteArray(d), hypervolume: z.number() })),
    lastGains: FiniteArray(d),
  });
  const r = schema.safeParse(state);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`invalid paretopo snapshot at state.${issue.path.join('.')}: ${issue.message}`);
  }
  return r.data as ParetoPoState;
}
