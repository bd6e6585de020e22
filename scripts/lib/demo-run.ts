/** The run `npm start` queues on an empty database: short enough to finish in a few minutes. */
import type { QueueRunInput } from '../../lib/worker/queue-run';

export const DEMO_RUN: QueueRunInput = {
  source: 'builtin',
  name: 'Demo · ParetoPO on calc',
  seed: 0,
  // About two to three minutes of RL on two cores (~0.6–1.2 s a step; the warm start ships with the repo).
  // Measured (calc v3, 300 steps, shared machine): test HV 0.540 at step 0 → 0.80 by step 50; calls on easy
  // questions 0.93 → 0.00 while accuracy on hard ones rises 0.68 → 0.99.
  config: { env: 'calc', algorithm: 'paretopo', steps: 150, evalEvery: 5, evalSize: 128 },
  tags: ['demo'],
  notes:
    'Queued automatically on first start. The base policy calls the calculator on easy additions and skips it on some products; watch it learn when the calculator is worth calling (the diamonds mark the base policy and the oracle routing).',
};
