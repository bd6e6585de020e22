/** A complete RunView for tests of pure UI and feed code: every field set, overridable. */
import type { RunView } from '../../lib/contract/run-view';

export function runView(overrides: Partial<RunView> = {}): RunView {
  return {
    id: 'r',
    name: 'run',
    environment: 'calc',
    algorithm: 'paretopo',
    config: {},
    seed: 0,
    status: 'queued',
    source: 'builtin',
    objectives: [
      { name: 'accuracy', direction: 'maximize', reference: 0 },
      { name: 'tool_calls', direction: 'minimize', reference: 3 },
    ],
    tags: [],
    notes: null,
    error: null,
    totalSteps: null,
    lastStep: null,
    latestHypervolume: null,
    experiment: null,
    workerId: null,
    heartbeatAt: null,
    cancelRequestedAt: null,
    attempts: 0,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    startedAt: null,
    finishedAt: null,
    createdBy: null,
    ...overrides,
  };
}
