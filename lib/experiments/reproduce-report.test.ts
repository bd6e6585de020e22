import { describe, expect, it } from 'vitest';
import { runHypervolume } from '../training/run-hypervolume';
import { pairedRows, pairedTable, rankRows, rankTable, type ReportRun, type SeedReference } from './reproduce-report';

const run = (label: string, seed: number, acc: number, calls: number): ReportRun => ({
  env: 'calc',
  label,
  seed,
  final: { accuracy: acc, toolCalls: calls, buckets: { easy: { accuracy: acc, toolCalls: calls / 2 }, hard: { accuracy: acc, toolCalls: calls } } },
  // step 0 is the shared warm start: far better than anything here, so an archive with it would tie every method
  archive: [
    { step: 0, accuracy: 1, toolCalls: 0 },
    { step: 10, accuracy: acc, toolCalls: calls },
  ],
});
const refs: SeedReference[] = [0, 1, 2].map((seed) => ({
  env: 'calc',
  seed,
  base: { accuracy: 0.75, toolCalls: 0.95 },
  oracle: { accuracy: 0.96, toolCalls: 0.5 },
}));

describe('reproduction report', () => {
  const runs = [
    run('paretopo', 0, 0.95, 0.5),
    run('paretopo', 1, 0.9, 0.6),
    run('paretopo', 2, 0.8, 0.6),
    run('grpo', 0, 0.9, 1.2),
    run('grpo', 1, 0.92, 1.0),
    run('grpo', 2, 0.85, 0.5),
  ];

  it("ranks by the final policy's HV, with % of the oracle and the own archive without step 0", () => {
    const rows = rankRows(runs, refs);
    expect(rows.map((r) => r.method)).toEqual(['paretopo', 'grpo', 'base policy (warm start)', 'oracle routing (ceiling)']);
    const p = rows[0];
    expect(p.hvFinal[0]).toBeCloseTo(0.95 * (1 - 0.5 / 3), 12);
    expect(p.pctOracle[0]).toBeCloseTo((100 * 0.95 * (1 - 0.5 / 3)) / (0.96 * (1 - 0.5 / 3)), 9);
    expect(p.hvOwnArchive).toEqual(p.hvFinal); // step 0 left out
    expect(rows[3].pctOracle).toEqual([100, 100, 100].map((x) => expect.closeTo(x, 9)));
    const md = rankTable(rows);
    expect(md).toContain('| calc | paretopo | 3 |');
    expect(md).toContain('acc / calls easy');
  });

  it('pairs ParetoPO with each baseline by seed', () => {
    const rows = pairedRows(runs, refs);
    expect(rows.map((r) => r.baseline)).toEqual(['grpo', 'base policy (warm start)']);
    const g = rows[0];
    const hv = (a: number, c: number) => runHypervolume([{ accuracy: a, toolCalls: c }], 'calc');
    const d = [hv(0.95, 0.5) - hv(0.9, 1.2), hv(0.9, 0.6) - hv(0.92, 1.0), hv(0.8, 0.6) - hv(0.85, 0.5)];
    expect(g.mean).toBeCloseTo((d[0] + d[1] + d[2]) / 3, 12);
    expect(g.wins).toBe(d.filter((x) => x > 0).length);
    expect(g.lo).toBeLessThanOrEqual(g.mean);
    expect(g.hi).toBeGreaterThanOrEqual(g.mean);
    expect(pairedTable(rows)).toContain('| calc | grpo | 3 |');
  });
});
