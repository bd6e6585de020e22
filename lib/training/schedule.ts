/** Pure learning-rate schedule: linear warmup, then constant or cosine decay to 10% of peak. */
import type { TrainConfig } from './config';

export function learningRate(step: number, config: Pick<TrainConfig, 'learningRate' | 'lrSchedule' | 'warmupSteps' | 'steps'>): number {
  const peak = config.learningRate;
  // `step` counts from 1 (the first update); warmup covers steps 1..warmupSteps.
  if (step <= config.warmupSteps) return (peak * step) / (config.warmupSteps + 1);
  if (config.lrSchedule === 'constant') return peak;
  const span = Math.max(1, config.steps - config.warmupSteps);
  const p = Math.min(1, (step - config.warmupSteps) / span);
  return peak * (0.1 + 0.45 * (1 + Math.cos(Math.PI * p)));
}
