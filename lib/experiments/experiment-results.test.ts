import { describe, expect, it } from 'vitest';
import { experimentResults, methodLabel } from './experiment-results';
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
    ['a', [{ step: 0, split: 'test', objectives: [0.4, 2, 10] }, { step: 0, split: 'validation', objectives: [1, 0, 1] }, { step: 30, split: 'test', objectives: [0.6, 1, 9] }]],
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
    expect(r.map((x) => [x.label, x.seed, x.static])).toEqual([['grpo', 1, false], ['static-acc0.5', 2, true], ['otc', 9, false]]);
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
