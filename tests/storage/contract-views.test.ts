/**
 * lib/db's read views are the contract's shapes: what loadCompareView,
 * loadExperimentView, listTrajectories and trajectoryPointsJson return parses
 * with lib/contract's schema and loses nothing in the parse (no field the
 * contract does not declare), on both providers.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { listTrajectories, loadCompareView, loadExperimentView, trajectoryPointsJson } from '../../lib/db';
import { finishRun, logEvalPoints, logSteps, logTrajectories, startRun } from '../../lib/runs';
import { CompareViewSchema } from '../../lib/contract/compare-view';
import { ExperimentViewSchema } from '../../lib/contract/experiment-view';
import { TrajectoryPageSchema, TrajectoryPointsViewSchema } from '../../lib/contract/trajectory-view';
import { DATABASES, useDatabase } from '../support/databases';
import { runInput, trajectories } from '../support/fixtures';

/** Parses `value` with `schema` and expects the parse to keep every field (z.object strips undeclared keys). */
function expectShape(schema: z.ZodType, value: unknown) {
  const r = schema.safeParse(value);
  expect(r.success ? null : r.error.issues).toBeNull();
  expect(r.data).toEqual(value);
}

describe.each(DATABASES)('lib/db views match lib/contract on %s', (provider) => {
  useDatabase(provider);

  async function loggedRun(seed: number, experiment: string) {
    const { run } = await startRun(runInput({ seed, experiment, name: `run ${seed}`, config: { steps: 4, algorithmOptions: { stallPatience: 2 } } }));
    await logSteps(run.id, {
      batchId: 's',
      records: [1, 2].map((step) => ({ step, loss: 0.5, objectiveMeans: { accuracy: 0.5, tool_calls: 1 }, weights: [0.5, 0.5] })),
    });
    await logEvalPoints(run.id, {
      batchId: 'e',
      records: [0, 2, 4].map((step) => ({ step, objectives: [0.2 + 0.1 * step + 0.01 * seed, 2 - 0.25 * step] })),
    });
    await logTrajectories(run.id, { batchId: 't', records: trajectories(1, 6) });
    await finishRun(run.id, { status: 'finished' });
    return run;
  }

  it('compare view, experiment view, trajectory page and trajectory points', async () => {
    const experiment = `contract-${provider}`;
    const a = await loggedRun(1, experiment);
    const b = await loggedRun(2, experiment);

    const compare = await loadCompareView([a.id, b.id]);
    expect(compare.runs).toHaveLength(2);
    expect(compare.indicators).toHaveLength(2);
    expectShape(CompareViewSchema, compare);

    const exp = await loadExperimentView(experiment);
    expect(exp.groups.flatMap((g) => g.runs)).toHaveLength(2);
    expectShape(ExperimentViewSchema, exp);

    const page = await listTrajectories(a.id, { limit: 4 });
    expect(page.trajectories).toHaveLength(4);
    expect(page.nextCursor).not.toBeNull();
    expectShape(TrajectoryPageSchema, page);

    const points = JSON.parse(await trajectoryPointsJson(a.id, { after: 0, limit: 100, dim: 2 }));
    expect(points.ids).toHaveLength(6);
    expectShape(TrajectoryPointsViewSchema, points);
  });
});
