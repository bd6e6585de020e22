/**
 * The compare page's metric read (listCompareMetrics: one raw query per dialect, JSON columns as text) returns
 * exactly what Prisma's typed read (listMetrics) returns for the same runs, on SQLite and PostgreSQL.
 */
import { describe, expect, it } from 'vitest';
import { listCompareMetrics, listMetrics } from '../../lib/db';
import { logSteps, startRun } from '../../lib/runs';
import type { StepRecord } from '../../lib/contract/run-log';
import { DATABASES, useDatabase } from '../support/databases';
import { runInput } from '../support/fixtures';

async function prismaTwin(runId: string) {
  const rows = await listMetrics(runId, { after: -1, limit: 10_000 });
  return rows.map((m) => ({
    step: m.step,
    stage: m.stage,
    hypervolume: m.hypervolume,
    objectiveMeans: m.objectiveMeans,
    weights: m.weights,
    wallTime: m.wallTime,
  }));
}

describe.each(DATABASES)('compare reads on %s', (provider) => {
  useDatabase(provider);

  it('listCompareMetrics equals the Prisma read, per run, ascending by step', async () => {
    const ids: string[] = [];
    for (let r = 0; r < 3; r++) ids.push((await startRun(runInput({ name: `compare read ${r}`, seed: r }))).run.id);
    const other = (await startRun(runInput({ name: 'not compared' }))).run.id;
    const record = (step: number, r: number): StepRecord => ({
      step,
      // every optional column is missing somewhere, and values need full double precision
      ...(step % 3 ? { stage: 1 + (step % 2) } : {}),
      ...(step % 4 ? { hypervolume: 1 / (step + r + 3) } : {}),
      ...(step % 5 ? { objectiveMeans: { accuracy: Math.PI / (step + 1), tool_calls: step * 0.1 + r } } : {}),
      ...(step % 2 ? { weights: [1 / 3, 2 / 3] } : {}),
      ...(step % 7 ? { wallTime: step * 1.2345678901234 } : {}),
    });
    // run 0: two batches, logged out of step order; run 1: one batch; run 2: no metrics at all
    await logSteps(ids[0], { batchId: 'b', records: [9, 3, 7, 0].map((s) => record(s, 0)) });
    await logSteps(ids[0], { batchId: 'a', records: [1, 8, 2, 6, 5, 4].map((s) => record(s, 0)) });
    await logSteps(ids[1], { batchId: 'a', records: Array.from({ length: 40 }, (_, s) => record(s, 1)) });
    await logSteps(other, { batchId: 'a', records: [record(0, 9)] });

    const got = await listCompareMetrics(ids);
    expect([...got.keys()]).toEqual(ids);
    for (const id of ids) expect(got.get(id)).toEqual(await prismaTwin(id));
    expect(got.get(ids[0])!.map((m) => m.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(got.get(ids[1])).toHaveLength(40);
    expect(got.get(ids[2])).toEqual([]);
    expect(got.get(ids[1])![1]).toEqual({
      step: 1,
      stage: 2,
      hypervolume: 1 / 5,
      // (JSON columns keep ~15 significant digits on both providers, through Prisma as well: the twin above agrees)
      objectiveMeans: { accuracy: expect.closeTo(Math.PI / 2, 12), tool_calls: 1.1 },
      weights: [1 / 3, 2 / 3],
      wallTime: 1.2345678901234,
    });
    expect(got.get(ids[1])![0]).toMatchObject({ stage: null, hypervolume: null, objectiveMeans: null, weights: null, wallTime: null });
    expect(await listCompareMetrics([])).toEqual(new Map());
  });
});
