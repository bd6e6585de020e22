/**
 * Gating efficiency on correctness: in an incorrect trajectory every
 * objective other than accuracy is replaced by the worst value that objective
 * takes anywhere in the group, so a wrong answer earns no efficiency credit —
 * a wrong zero-call answer cannot sit on the first front.
 *
 * Works on a minimization-form matrix (worst = column maximum), so it serves
 * both the raw Pareto view and the normalized cost view (1 − goodness).
 * Because "column maximum" commutes with any strictly increasing rescaling of
 * a column, gating keeps stage-2 advantages rescaling-invariant.
 *
 * A trajectory is correct when its raw accuracy ≥ `correctThreshold`.
 * Complexity O(G·d). Returns a new matrix; the input is not modified.
 */
import type { FlatPoints as Matrix } from '../pareto';

export function isCorrect(accuracy: number, correctThreshold: number): boolean {
  return accuracy >= correctThreshold;
}

export function gateEfficiency(m: Matrix, correct: ArrayLike<boolean>, accuracyIndex: number): Matrix {
  const { data, dim } = m;
  const n = correct.length;
  const out = Float64Array.from(data);
  for (let k = 0; k < dim; k++) {
    if (k === accuracyIndex) continue;
    let worst = -Infinity;
    for (let i = 0; i < n; i++) if (data[i * dim + k] > worst) worst = data[i * dim + k];
    for (let i = 0; i < n; i++) if (!correct[i]) out[i * dim + k] = worst;
  }
  return { data: out, dim };
}
