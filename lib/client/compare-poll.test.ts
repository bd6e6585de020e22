import { describe, expect, it } from 'vitest';
import { CompareViewSchema, type CompareRun, type CompareView } from '../contract/compare-view';
import { evalHypervolume } from '../runs/eval-hypervolume';
import type { ObjectiveDef } from '../contract/run-log';
import { mergeComparePoll } from './compare-poll';

const OBJECTIVES: ObjectiveDef[] = [
  { name: 'accuracy', direction: 'maximize', reference: 0 },
  { name: 'tool_calls', direction: 'minimize', reference: 4 },
];

/** A compared run as GET /api/compare sends it (validated by the contract below), with `steps` training steps logged. */
function compareRun(id: string, steps: number, extra: Partial<CompareRun['run']> = {}): CompareRun {
  const points = Array.from({ length: Math.ceil(steps / 5) }, (_, k) => ({ step: 5 * k, split: 'test', objectives: [0.1 * k, 3 - 0.1 * k] }));
  return {
    run: {
      id,
      name: `run ${id}`,
      environment: 'calc',
      algorithm: 'paretopo',
      config: { steps: 100 },
      seed: 1,
      status: 'running',
      source: 'builtin',
      objectives: OBJECTIVES,
      tags: [],
      notes: null,
      error: null,
      totalSteps: 100,
      lastStep: steps - 1,
      latestHypervolume: null,
      experiment: null,
      workerId: 'w1',
      heartbeatAt: new Date(1_000),
      cancelRequestedAt: null,
      attempts: 1,
      createdAt: new Date(0),
      updatedAt: new Date(1_000),
      startedAt: new Date(0),
      finishedAt: null,
      createdBy: null,
      ...extra,
    },
    points: { split: 'test', steps: points.map((p) => p.step), values: points.flatMap((p) => p.objectives) },
    metrics: {
      steps: Array.from({ length: steps }, (_, s) => s),
      wallTime: Array.from({ length: steps }, (_, s) => s * 0.5),
      means: { accuracy: Array.from({ length: steps }, () => 0.5), tool_calls: Array.from({ length: steps }, () => 1) },
      weights: Array.from({ length: steps }, () => [0.5, 0.5]),
    },
    hypervolume: evalHypervolume(points, OBJECTIVES),
  };
}

function view(runs: CompareRun[]): CompareView {
  return CompareViewSchema.parse({ runs, shared: OBJECTIVES, unionFront: [[0.5, 2.5]], indicators: [] });
}

describe('mergeComparePoll', () => {
  it('keeps the previous view when a poll brings the same data, or only newer liveness clocks', () => {
    const prev = view([compareRun('a', 10), compareRun('b', 20, { status: 'queued', workerId: null, heartbeatAt: null })]);
    expect(mergeComparePoll(prev, view([compareRun('a', 10), compareRun('b', 20, { status: 'queued', workerId: null, heartbeatAt: null })]))).toBe(prev);
    const ticked = view([compareRun('a', 10, { heartbeatAt: new Date(9_000), updatedAt: new Date(9_000) }), prev.runs[1]]);
    expect(mergeComparePoll(prev, ticked)).toBe(prev);
  });

  it('takes the new view when a run logged a step, keeping the unchanged runs as they were', () => {
    const prev = view([compareRun('a', 10), compareRun('b', 20)]);
    const next = view([compareRun('a', 11), compareRun('b', 20)]);
    const merged = mergeComparePoll(prev, next);
    expect(merged).not.toBe(prev);
    expect(merged.runs[0]).toBe(next.runs[0]);
    expect(merged.runs[1]).toBe(prev.runs[1]);
    expect(merged.unionFront).toBe(next.unionFront);
  });

  it('sees every change the page draws: status, name, a new evaluation, a resumed run re-logging a step, runs added, removed or reordered', () => {
    const a = compareRun('a', 10);
    const prev = view([a, compareRun('b', 20)]);
    const resumed = compareRun('a', 10, { attempts: 2 });
    resumed.metrics.wallTime[9] = 99;
    const relogged = compareRun('a', 10);
    relogged.metrics.wallTime[9] = 99;
    const evaluated = compareRun('a', 10);
    evaluated.points.steps.push(45);
    evaluated.points.values.push(0.9, 0.5);
    for (const changed of [
      [compareRun('a', 10, { status: 'finished', finishedAt: new Date(5_000) }), prev.runs[1]],
      [compareRun('a', 10, { name: 'renamed' }), prev.runs[1]],
      [evaluated, prev.runs[1]],
      [resumed, prev.runs[1]],
      [relogged, prev.runs[1]],
      [a, prev.runs[1], compareRun('c', 3)],
      [a],
      [prev.runs[1], a],
    ]) {
      const next = view(changed);
      const merged = mergeComparePoll(prev, next);
      expect(merged).not.toBe(prev);
      expect(merged.runs.map((r) => r.run.id)).toEqual(next.runs.map((r) => r.run.id));
      expect(merged).toEqual(next);
    }
  });
});
