/** Deterministic run-log inputs shared by storage tests, HTTP tests, e2e and benchmarks. */
import type { CreateRunInput, TrajectoryRecord } from '../../lib/contract/run-log';

export const OBJECTIVES = [
  { name: 'accuracy', direction: 'maximize' as const, reference: 0 },
  { name: 'tool_calls', direction: 'minimize' as const, reference: 4 },
];

export function runInput(overrides: Partial<CreateRunInput> = {}): CreateRunInput {
  return {
    name: 'calc · paretopo · seed 1',
    environment: 'calc',
    algorithm: 'paretopo',
    config: { steps: 100, groupSize: 8 },
    seed: 1,
    objectives: OBJECTIVES,
    tags: ['test'],
    ...overrides,
  };
}

export function trajectory(step: number, i: number): TrajectoryRecord {
  return {
    step,
    group: Math.floor(i / 8),
    index: i % 8,
    split: 'train',
    prompt: `(${i} + 7) * 3 =`,
    tokens: [
      { kind: 'text', text: 'let me compute' },
      { kind: 'call', text: `calc(${i}+7)` },
      { kind: 'tool', text: String(i + 7) },
      { kind: 'answer', text: String((i + 7) * 3) },
    ],
    objectives: [i % 2, i % 4],
    rank: 1 + (i % 3),
    advantage: ((i % 5) - 2) / 2,
    reward: i % 2,
  };
}

export function trajectories(step: number, n: number): TrajectoryRecord[] {
  return Array.from({ length: n }, (_, i) => trajectory(step, i));
}
