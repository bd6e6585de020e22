/**
 * ParetoPO stage-2 score of each trajectory in one group (before
 * standardization):
 *
 *   score_i = (F − rank_i) + λ · τ_i
 *
 * rank_i  non-dominated sorting rank (1 = first front), F = number of fronts;
 * τ_i     crowding tie-break in [0, 1): the fraction of the members of i's front
 *         whose crowding distance is strictly smaller than i's. Crowding is
 *         computed by lib/pareto on the per-objective *rank transform* of the
 *         group (so it is invariant to rescaling), over the distinct points of
 *         the front (so identical trajectories get identical scores), leaving
 *         out objectives constant over the front;
 * λ       `crowdingTieBreak` ∈ [0, 1).
 *
 * Because λ·τ < 1 ≤ the gap between fronts, a trajectory that dominates
 * another always scores strictly higher. Everything depends only on the
 * order of values within each objective, so the score is unchanged by any
 * strictly increasing rescaling of any objective.
 *
 * Input is a minimization-form matrix (already gated if gating is on).
 * Complexity: that of lib/pareto's paretoRanks plus O(d·G log G) per front.
 * Empty input gives empty arrays; G = 1 gives rank 1, score 0.
 */
import { crowdingDistance, paretoRanks } from '../pareto';
import type { FlatPoints as Matrix } from '../pareto';
import { rankTransform } from './rank-transform';

export interface ParetoRankScores {
  ranks: Int32Array;
  scores: Float64Array;
}

export function paretoRankScores(m: Matrix, crowdingTieBreak: number): ParetoRankScores {
  const { dim } = m;
  const n = dim === 0 ? 0 : m.data.length / dim;
  const ranks = new Int32Array(n);
  const scores = new Float64Array(n);
  if (n === 0) return { ranks, scores };
  ranks.set(paretoRanks(m));
  let fronts = 0;
  for (let i = 0; i < n; i++) if (ranks[i] > fronts) fronts = ranks[i];
  const tau = crowdingFractions(rankTransform(m), ranks, fronts);
  for (let i = 0; i < n; i++) scores[i] = fronts - ranks[i] + crowdingTieBreak * tau[i];
  return { ranks, scores };
}

function crowdingFractions(r: Matrix, ranks: Int32Array, fronts: number): Float64Array {
  const { data, dim } = r;
  const n = ranks.length;
  const tau = new Float64Array(n);
  for (let f = 1; f <= fronts; f++) {
    const members: number[] = [];
    for (let i = 0; i < n; i++) if (ranks[i] === f) members.push(i);
    // Distinct points of this front, and which distinct point each member is.
    const keyToUnique = new Map<string, number>();
    const uniqueRows: number[][] = [];
    const memberUnique = members.map((i) => {
      const row = Array.from(data.subarray(i * dim, (i + 1) * dim));
      const key = row.join(',');
      let u = keyToUnique.get(key);
      if (u === undefined) {
        u = uniqueRows.length;
        keyToUnique.set(key, u);
        uniqueRows.push(row);
      }
      return u;
    });
    // Columns constant over the front carry no spread; leaving them out keeps
    // the boundary choice on them from depending on the order of the input.
    const varying: number[] = [];
    for (let k = 0; k < dim; k++) if (uniqueRows.some((row) => row[k] !== uniqueRows[0][k])) varying.push(k);
    const crowd =
      varying.length === 0 ? new Float64Array(uniqueRows.length).fill(Infinity) : crowdingDistance(uniqueRows.map((row) => varying.map((k) => row[k])));
    for (let a = 0; a < members.length; a++) {
      const c = crowd[memberUnique[a]];
      let smaller = 0;
      for (let b = 0; b < members.length; b++) if (crowd[memberUnique[b]] < c) smaller++;
      tau[members[a]] = smaller / members.length;
    }
  }
  return tau;
}
