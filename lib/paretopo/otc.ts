/**
 * `otc` — OTC-GRPO optimal-tool-call reward (Wang et al. 2025, "Acting Less
 * is Reasoning More! Teaching Model to Act Efficiently", arXiv 2504.14870).
 * Our reconstruction of the GRPO variant:
 *
 *   n = fewest tool calls among the *correct* members of the group
 *   m = this trajectory's tool calls
 *   f(m, n) = m                  if n = 0
 *           = 2nm / (m + n)      otherwise
 *   r_tool  = 1                          if m = n = 0
 *           = cos(m·π / (2m + c))        if n = 0, m > 0   (c = `smoothing`)
 *           = sin(f(m, n)·π / (2n))      if n > 0          (= 1 exactly at m = n, → 0 as m → ∞)
 *   reward  = r_tool if correct, else 0  (efficiency gated on correctness)
 *
 * then group-normalized and put on every generated token. A group with no
 * correct member has all rewards 0, hence zero advantage. The paper's overall
 * scale α is omitted: group normalization removes it.
 *
 * Complexity O(G) per group.
 */
import { z } from 'zod';
import { statelessEstimator, type AdvantageEstimator } from './estimator';
import { isCorrect } from './correctness-gate';
import { objectiveIndex, type Objective } from './objectives';
import { accuracyObjectiveOption, correctThresholdOption, epsOption } from './shared-options';

export const OtcOptionsSchema = z.strictObject({
  accuracyObjective: accuracyObjectiveOption,
  toolCallsObjective: z.string().min(1).default('tool_calls').describe('Name of the tool-call count objective.'),
  correctThreshold: correctThresholdOption,
  smoothing: z.number().positive().default(1).describe('OTC smoothing constant c in cos(m·π/(2m + c)), used when the optimum is zero calls.'),
  eps: epsOption,
});
export type OtcOptions = z.infer<typeof OtcOptionsSchema>;

/** OTC tool reward for m calls when the group's optimal (fewest correct) count is n. */
export function otcToolReward(m: number, n: number, smoothing: number): number {
  const mm = m > 0 ? m : 0;
  // Written as m·π/(2m + c) = π/(2 + c/m) and f·π/(2n) = π·m/(m + n) = π/(1 + n/m)
  // so that huge counts cannot overflow.
  if (n <= 0) return mm === 0 ? 1 : Math.cos(Math.PI / (2 + smoothing / mm));
  return mm === 0 ? 0 : Math.sin(Math.PI / (1 + n / mm));
}

export function createOtc(objectives: readonly Objective[], options: OtcOptions): AdvantageEstimator {
  const acc = objectiveIndex(objectives, options.accuracyObjective, 'accuracyObjective');
  const calls = objectiveIndex(objectives, options.toolCallsObjective, 'toolCallsObjective');
  return statelessEstimator('otc', objectives, options.eps, (rows) => {
    const correct = rows.map((r) => isCorrect(r[acc], options.correctThreshold));
    let n = Infinity;
    rows.forEach((r, i) => {
      if (correct[i] && r[calls] < n) n = r[calls];
    });
    const rewards = Float64Array.from(rows, (r, i) => (correct[i] ? otcToolReward(r[calls], Math.max(n, 0), options.smoothing) : 0));
    return { rewards };
  });
}
