import { describe, expect, it } from 'vitest';
import { parseCheckpointMeta } from './checkpoint-meta';

const common = {
  kind: 'train',
  step: 4,
  seed: 0,
  config: { env: 'calc' },
  warmStart: 'warmstart-calc',
  adam: { iterations: 4, accBeta1: 0.6, accBeta2: 0.99, slots: [{ name: 'w', shape: [2] }], data: 'AAAA' },
  estimator: { version: 1, algorithm: 'grpo', objectives: ['accuracy', 'tool_calls'], state: { x: 1 } },
  wallTime: 1.5,
};

describe('training checkpoint meta', () => {
  it('reads the current format as it is', () => {
    const meta = { ...common, format: 2, archive: [{ step: 0, objectives: [0.5, 1, 9] }] };
    expect(parseCheckpointMeta(meta, 'c1')).toEqual(meta);
  });

  it('upgrades a format-1 archive of named fields to objective vectors in env order', () => {
    const meta = { ...common, format: 1, archive: [{ step: 2, accuracy: 0.5, toolCalls: 1.25, tokens: 9 }] };
    expect(parseCheckpointMeta(meta, 'c1')).toEqual({ ...common, format: 2, archive: [{ step: 2, objectives: [0.5, 1.25, 9] }] });
  });

  it('names the checkpoint and the field when the meta is not a training checkpoint', () => {
    expect(() => parseCheckpointMeta({ kind: 'warmstart' }, 'c7')).toThrow(/checkpoint c7 is not a training checkpoint \(kind: /);
    expect(() => parseCheckpointMeta({ ...common, format: 2, archive: [{ step: 0, objectives: ['x'] }] }, 'c8')).toThrow(/archive\.0\.objectives\.0/);
  });
});
