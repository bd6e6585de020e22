/**
 * The paper table's hypervolume (reproduction table, CLI): the 2-D
 * hypervolume of (accuracy ↑, tool calls per question ↓) points against the
 * reference (accuracy 0, tool calls R_env), divided by the reference box
 * 1 × R_env so it lies in [0, 1]. R_env is documented in config.ts
 * (TOOL_CALL_REFERENCE). Points with tool calls ≥ R add nothing. Directions go
 * to lib/pareto as `{ maximize }`; a training run's own hypervolume over its
 * judged objectives is the RunArchive's (run-archive.ts), which for the
 * default objectives is this same number.
 */
import { hypervolume } from '../pareto';
import { TOOL_CALL_REFERENCE, type TrainConfig } from './config';

export function runHypervolume(points: readonly { accuracy: number; toolCalls: number }[], env: TrainConfig['env']): number {
  if (points.length === 0) return 0;
  const R = TOOL_CALL_REFERENCE[env];
  return (
    hypervolume(
      points.map((p) => [p.accuracy, p.toolCalls]),
      [0, R],
      { maximize: [true, false] },
    ) / R
  );
}
