import { describe, expect, it } from 'vitest';
import type { ObjectiveDef } from '@/lib/contract/run-log';
import type { ExperimentGroup } from '@/lib/contract/experiment-view';
import { taskPlanes, taskPointsCsv } from './experiment-series';

const A: ObjectiveDef = { name: 'accuracy', direction: 'maximize', reference: 0 };
const C: ObjectiveDef = { name: 'tool_calls', direction: 'minimize', reference: 3 };
const run = (runId: string, points: [number, number][], split = 'test') => ({
  runId,
  name: runId,
  seed: 0,
  status: 'finished',
  points: points.map((o, i) => ({ step: i, split, objectives: o })),
});

describe('taskPlanes', () => {
  it('one plane per task, one method per group, seeds without points left out', () => {
    const groups: ExperimentGroup[] = [
      {
        environment: 'calc',
        method: 'grpo',
        objectives: [A, C],
        runs: [
          run('g0', [
            [0.5, 1],
            [0.6, 2],
          ]),
          run('g1', []),
        ],
      },
      { environment: 'calc', method: 'paretopo', objectives: [A, C], runs: [run('p0', [[0.7, 1]])] },
      { environment: 'hops', method: 'grpo', objectives: [C, A], runs: [run('h0', [[2, 0.4]])] },
    ];
    const planes = taskPlanes(groups);
    expect(planes.map((p) => [p.environment, p.x.name, p.y.name, p.methods.map((m) => `${m.key}:${m.seeds.length}`)])).toEqual([
      ['calc', 'accuracy', 'tool_calls', ['grpo:1', 'paretopo:1']],
      ['hops', 'accuracy', 'tool_calls', ['grpo:1']],
    ]);
    expect(planes[1].methods[0].seeds[0]).toEqual([[0.4, 2]]); // columns by name
    expect(planes[0].methods[0].color).toBe(planes[1].methods[0].color); // one colour per method across tasks
    const csv = taskPointsCsv(planes[0]).trim().split('\n');
    expect(csv).toEqual(['task,method,run_id,accuracy,tool_calls', 'calc,grpo,g0,0.5,1', 'calc,grpo,g0,0.6,2', 'calc,paretopo,p0,0.7,1']);
  });
});
