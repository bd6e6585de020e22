import { describe, expect, it } from 'vitest';
import { experimentResults, methodLabel, seedReferences } from './experiment-results';
import { pairedRows } from './reproduce-report';
import { buildRows, markdownTable, tableCells } from './reproduce-table';

const OBJ = [{ name: 'accuracy' }, { name: 'tool_calls' }, { name: 'tokens' }];
const run = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  environment: 'calc',
  algorithm: 'grpo',
  seed: 9,
  status: 'finished',
  objectives: OBJ,
  startedAt: new Date(0),
  finishedAt: new Date(30_000),
  ...extra,
});

describe('experimentResults (the one path of reproduce --table and the experiment page)', () => {
  const points = new Map([
    [
      'a',
      [
        { step: 0, split: 'test', objectives: [0.4, 2, 10] },
        { step: 0, split: 'validation', objectives: [1, 0, 1] },
        { step: 30, split: 'test', objectives: [0.6, 1, 9] },
      ],
    ],
    ['b', [{ step: 30, split: 'test', objectives: [2, 0.7] }]],
    ['c', [{ step: 30, split: 'test', objectives: [0.5, 1, 9] }]],
    ['q', [{ step: 30, split: 'test', objectives: [0.5, 1, 9] }]],
  ]);
  const runs = [
    run('a', 'grpo-calc-s1'),
    run('b', 'static-acc0.5-hops-s2', { environment: 'hops', algorithm: 'static', objectives: [{ name: 'tool_calls' }, { name: 'accuracy' }] }),
    run('c', 'my external run', { algorithm: 'otc' }),
    run('q', 'paretopo-calc-s0', { status: 'running' }),
  ];
  it('the CLI: only known methods named <method>-<env>-s<seed>, finished, test split, values by objective name', () => {
    const r = experimentResults(runs, points, { methods: [{ label: 'grpo' }, { label: 'static-acc0.5', static: true }] });
    expect(r.map((x) => [x.label, x.env, x.seed, x.static, x.final.accuracy, x.final.toolCalls, x.archive.length, x.seconds])).toEqual([
      ['grpo', 'calc', 1, false, 0.6, 1, 2, 30],
      ['static-acc0.5', 'hops', 2, true, 0.7, 2, 1, 30],
    ]);
  });
  it('the page: any label (else the algorithm), static by algorithm', () => {
    const r = experimentResults(runs, points);
    expect(r.map((x) => [x.label, x.seed, x.static])).toEqual([
      ['grpo', 1, false],
      ['static-acc0.5', 2, true],
      ['otc', 9, false],
    ]);
    expect(methodLabel({ name: 'hv-meta-hops-s4', algorithm: 'hv-meta' })).toBe('hv-meta');
    expect(methodLabel({ name: 'whatever', algorithm: 'otc' })).toBe('otc');
  });
  it('the page and the Markdown table show the same cells', () => {
    const rows = buildRows(experimentResults(runs, points), ['grpo', 'otc', 'static-acc0.5']);
    const { cells } = tableCells(rows);
    const md = markdownTable(rows).split('\n').slice(2);
    expect(md).toEqual(cells.map((c) => `| ${c.join(' | ')} |`));
  });
});

describe('seedReferences and the paired table of the experiment page', () => {
  // two seeds of calc; each run logs the base policy and the oracle at step 0 (objective order may differ)
  const ref = (base: number[], oracle: number[]) => [
    { step: 0, split: 'reference-base', objectives: base },
    { step: 0, split: 'reference-oracle', objectives: oracle },
  ];
  const points = new Map([
    ['p0', [...ref([0.7, 1, 9], [0.95, 0.5, 9]), { step: 40, split: 'test', objectives: [0.9, 0.6, 9] }]],
    ['g0', [...ref([0.7, 1, 9], [0.95, 0.5, 9]), { step: 40, split: 'test', objectives: [0.95, 1.2, 9] }]],
    ['p1', [...ref([0.6, 1.2, 9], [0.9, 0.6, 9]), { step: 40, split: 'test', objectives: [0.85, 0.7, 9] }]],
    ['g1', [{ step: 40, split: 'test', objectives: [0.9, 1.3, 9] }]],
    ['x', ref([0.1, 0.1, 0.1], [0.2, 0.2, 0.2])], // a hops run without a seed pair: not calc's
  ]);
  const runs = [
    run('p0', 'paretopo-calc-s0'),
    run('g0', 'grpo-calc-s0'),
    run('p1', 'paretopo-calc-s1'),
    run('g1', 'grpo-calc-s1'),
    run('x', 'paretopo-hops-s0', { environment: 'hops' }),
  ];
  it('takes the first run of each task × seed that has both marks', () => {
    expect(seedReferences(runs, points)).toEqual([
      { env: 'calc', seed: 0, base: { accuracy: 0.7, toolCalls: 1 }, oracle: { accuracy: 0.95, toolCalls: 0.5 } },
      { env: 'calc', seed: 1, base: { accuracy: 0.6, toolCalls: 1.2 }, oracle: { accuracy: 0.9, toolCalls: 0.6 } },
      { env: 'hops', seed: 0, base: { accuracy: 0.1, toolCalls: 0.1 }, oracle: { accuracy: 0.2, toolCalls: 0.2 } },
    ]);
  });
  it('pairs paretopo with grpo and the base policy by seed', () => {
    const results = experimentResults(runs, points);
    const paired = pairedRows(
      results.map((r) => ({ env: r.env as 'calc', label: r.label, seed: r.seed, final: r.final, archive: r.archive })),
      seedReferences(runs, points),
    );
    expect(paired.map((r) => [r.env, r.baseline, r.n])).toEqual([
      ['calc', 'grpo', 2],
      ['calc', 'base policy (warm start)', 2],
    ]);
    // paretopo's final points dominate grpo's in calls at nearly equal accuracy: it wins both seeds
    expect(paired[0].wins).toBe(2);
    expect(paired[0].lo).toBeLessThanOrEqual(paired[0].mean);
    expect(paired[0].hi).toBeGreaterThanOrEqual(paired[0].mean);
  });
});
