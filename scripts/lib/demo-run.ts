/** The run `npm start` queues on an empty database: short enough to finish in a few minutes. */
import type { QueueRunInput } from '../../lib/runs/queue-run';

export const DEMO_RUN: QueueRunInput = {
  source: 'builtin',
  name: 'Demo · ParetoPO on calc',
  seed: 0,
  // About three minutes of RL on two cores (~0.5 s a step; the warm start ships with the repo).
  config: { env: 'calc', algorithm: 'paretopo', steps: 300, evalEvery: 5, evalSize: 128 },
  tags: ['demo'],
  notes: 'Queued automatically on first start. Watch hypervolume grow as the agent learns when the calculator is worth calling.',
};
