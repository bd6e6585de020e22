import { describe, expect, it } from 'vitest';
import { evalHypervolume } from '@/lib/runs/eval-hypervolume';
import type { ObjectiveDef } from '@/lib/contract/run-log';
import { comparePlaneModel } from '../charts/compare-plane-model';
import {
  finalSeries,
  hypervolumeSeries,
  indicatorsCsv,
  marksCsv,
  meansSeries,
  planeSeries,
  seriesCsv,
  wallTimeAt,
  weightSeries,
  type ColoredRun,
} from './compare-series';

const A: ObjectiveDef = { name: 'accuracy', direction: 'maximize', reference: 0 };
const C: ObjectiveDef = { name: 'tool_calls', direction: 'minimize', reference: 4 };

type Metric = { step: number; wallTime: number | null; weights: number[] | null; means: Record<string, number> | null };
/** Builds a run as the server sends it: points of the measured split and metrics as columns. */
function run(id: string, objectives: ObjectiveDef[], points: { step: number; split: string; objectives: number[] }[], metrics: Metric[]): ColoredRun {
  const hypervolume = evalHypervolume(points, objectives);
  const kept = points.filter((p) => p.split === hypervolume.split);
  return {
    run: { id, name: `run ${id}`, objectives } as ColoredRun['run'],
    points: { split: hypervolume.split, steps: kept.map((p) => p.step), values: kept.flatMap((p) => p.objectives) },
    metrics: {
      steps: metrics.map((x) => x.step),
      wallTime: metrics.map((x) => x.wallTime),
      means: Object.fromEntries(objectives.map((o) => [o.name, metrics.map((x) => x.means?.[o.name] ?? null)])),
      weights: metrics.map((x) => x.weights),
    },
    hypervolume,
    color: '#000',
  };
}
const m = (step: number, wallTime: number | null, weights: number[] | null, means: Record<string, number> | null): Metric => ({
  step,
  wallTime,
  weights,
  means,
});

const runs = [
  run(
    'a',
    [A, C],
    [
      { step: 0, split: 'test', objectives: [0.5, 2] },
      { step: 10, split: 'test', objectives: [0.7, 1] },
      { step: 10, split: 'validation', objectives: [1, 0] },
    ],
    [m(0, 0, [0.5, 0.5], { accuracy: 0.4 }), m(5, 3, null, null), m(10, 7.5, [0.2, 0.8], { accuracy: 0.6 })],
  ),
  run('b', [C, A], [{ step: 10, split: 'test', objectives: [2, 0.9] }], [m(10, null, [0.9, 0.1], null)]),
];

describe('compare series', () => {
  it('hypervolume by step and wall time from the server series', () => {
    const byStep = hypervolumeSeries(runs, 'step');
    expect(byStep[0].points.map((p) => p.x)).toEqual([0, 10]);
    expect(byStep[0].points[1].y).toBeCloseTo(runs[0].hypervolume.archive[1], 12);
    expect(hypervolumeSeries(runs, 'step', 5)[0].points).toHaveLength(1);
    expect(wallTimeAt(runs[0].metrics, 9)).toBe(3);
    expect(hypervolumeSeries(runs, 'wallTime')[0].points.map((p) => p.x)).toEqual([0, 7.5]);
    expect(hypervolumeSeries(runs, 'wallTime')[1].points).toEqual([]); // no wall time logged
  });
  it('means and weights by objective name in each run order', () => {
    expect(meansSeries(runs, 'accuracy')[0].points).toEqual([
      { x: 0, y: 0.4 },
      { x: 10, y: 0.6 },
    ]);
    expect(weightSeries(runs, 'accuracy').map((s) => s.points)).toEqual([
      [
        { x: 0, y: 0.5 },
        { x: 10, y: 0.2 },
      ],
      [{ x: 10, y: 0.1 }],
    ]);
  });
  it('plane points come from the measured split; the cross-run chart has one point per run', () => {
    expect(planeSeries(runs)[0].points).toHaveLength(2);
    const fin = finalSeries(runs);
    expect(fin.map((s) => s.points)).toEqual([[{ step: 10, objectives: [0.7, 1] }], [{ step: 10, objectives: [2, 0.9] }]]);
  });
  it('CSV of every chart and table has one row per point', () => {
    const s = planeSeries(runs);
    const model = comparePlaneModel(s, { width: 400, height: 300, x: { name: 'accuracy', maximize: true }, y: { name: 'tool_calls', maximize: false } });
    const csv = marksCsv(model.marks, s, 'accuracy', 'tool_calls').trim().split('\n');
    expect(csv).toHaveLength(1 + 3);
    expect(csv[0]).toBe('run_id,run,step,accuracy,tool_calls,dominated');
    expect(seriesCsv(hypervolumeSeries(runs, 'step'), 'step', 'hypervolume').trim().split('\n')).toHaveLength(1 + 3);
    expect(
      indicatorsCsv(
        [{ runId: 'a', finalStep: 10, finalHypervolume: 2.8, archiveHypervolume: 3, igdPlus: 0, epsilonAdditive: null }],
        new Map([['a', 'run a']]),
      ),
    ).toBe('run_id,run,final_step,hv_final_server,hv_archive_server,igd_plus,epsilon_additive\na,run a,10,2.8,3,0,\n');
  });
});
