/**
 * Turning per-trajectory advantages into per-generated-token advantages.
 *
 * `broadcastCredit`: the same advantage on every generated token (GRPO and
 * every scalarizing estimator).
 *
 * `actionLevelCredit` (ParetoPO stage 2): the trajectory advantage A is split
 * into an accuracy part A_acc and an efficiency part A_eff = A − A_acc.
 *   - every generated token gets A_acc;
 *   - every tool-call action token additionally gets A_eff, i.e. carries the
 *     full A — the calls are judged on accuracy and cost together;
 *   - a trajectory with no tool-call tokens has no action to carry A_eff:
 *     'spread' (default) puts the full A on all its tokens (so answering
 *     directly is credited for its efficiency), 'accuracy-only' puts A_acc
 *     on all its tokens (its efficiency part is dropped).
 * Tool-output tokens are not generated tokens and never appear here.
 *
 * Complexity O(numTokens). numTokens = 0 gives an empty array.
 */
export type ZeroCallCredit = 'spread' | 'accuracy-only';

export function broadcastCredit(advantage: number, numTokens: number): Float32Array {
  return new Float32Array(numTokens).fill(advantage);
}

export function hasToolTokens(mask: ArrayLike<number | boolean> | undefined): boolean {
  if (!mask) return false;
  for (let t = 0; t < mask.length; t++) if (mask[t]) return true;
  return false;
}

export function actionLevelCredit(
  accuracyAdvantage: number,
  advantage: number,
  numTokens: number,
  toolCallMask: ArrayLike<number | boolean> | undefined,
  zeroCallCredit: ZeroCallCredit,
): Float32Array {
  if (!hasToolTokens(toolCallMask)) {
    return broadcastCredit(zeroCallCredit === 'spread' ? advantage : accuracyAdvantage, numTokens);
  }
  const out = new Float32Array(numTokens);
  for (let t = 0; t < numTokens; t++) out[t] = toolCallMask![t] ? advantage : accuracyAdvantage;
  return out;
}
