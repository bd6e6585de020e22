/**
 * The run hypervolume, one definition everywhere (run log, CLI, reproduction
 * table): the 2-D hypervolume of (accuracy ↑, tool calls per question ↓)
 * points against the reference (accuracy 0, tool calls R_env), divided by the
 * reference box 1 × R_env so it lies in [0, 1]. R_env is documented in
 * config.ts (TOOL_CALL_REFERENCE). Points with tool calls ≥ R add nothing.
 */
import { hypervolume } from '../pareto';
import { TOOL_CALL_REFERENCE, type TrainConfig } from './config';

export interface EvalPoint {
  accuracy: number;
  toolCalls: number;
  tokens: number;
}

export function runHypervolume(points: readonly Pick<EvalPoint, 'accuracy' | 'toolCalls'>[], env: TrainConfig['env']): number {
  if (points.length === 0) return 0;
  const R = TOOL_CALL_REFERENCE[env];
  // Minimization form: (−accuracy, calls) against (0, R).
  const rows = points.map((p) => [-p.accuracy, p.toolCalls]);
  return hypervolume(rows, [0, R]) / R;
}

/** Non-dominated subset of (accuracy ↑, tool calls ↓), sorted by tool calls. */
export function front2d<T extends Pick<EvalPoint, 'accuracy' | 'toolCalls'>>(points: readonly T[]): T[] {
  const sorted = [...points].sort((a, b) => a.toolCalls - b.toolCalls || b.accuracy - a.accuracy);
  const out: T[] = [];
  let best = -Infinity;
  for (const p of sorted) {
    if (p.accuracy > best) {
      out.push(p);
      best = p.accuracy;
    }
  }
  return out;
}
