/**
 * Real worker processes (scripts/worker.ts) training real (tiny) runs on
 * SQLite and PostgreSQL: claim, cancel, failure recorded, resume after the
 * worker is killed with SIGKILL, and several workers sharing one queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRun, getLatestCheckpoint, getRun, listEvents, listMetrics, requestCancel } from '../../lib/db';
import { queueRun } from '../../lib/worker/queue-run';
import { DATABASES, useDatabase } from '../support/databases';
import { seedTinyWarmStart, tinyConfig } from '../support/tiny-training';
import { startWorker, waitFor, type WorkerProcess } from '../support/worker-process';

const final = (s: string | undefined) => s === 'finished' || s === 'failed' || s === 'cancelled';

describe.each(DATABASES)('worker on %s', (provider) => {
  const { url } = useDatabase(provider);
  const workers: WorkerProcess[] = [];
  const worker = (flags: string[] = []) => {
    const w = startWorker(url(), flags);
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    await seedTinyWarmStart(0);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.kill()));
  });

  it('claims a queued run and trains it to the end', async () => {
    const run = await queueRun({ source: 'builtin', name: 'tiny', config: tinyConfig({ steps: 4 }) });
    expect(run.status).toBe('queued');
    const w = worker(['--until-idle']);
    expect(await w.exitedWithin(150_000)).toBe(0);
    const done = await getRun(run.id);
    expect(done, w.logs()).toMatchObject({ status: 'finished', lastStep: 4, attempts: 1 });
    expect((await listMetrics(run.id, { after: -1, limit: 100 })).map((m) => m.step)).toEqual([1, 2, 3, 4]);
    expect((await getLatestCheckpoint(run.id))?.step).toBe(4);
    const statuses = (await listEvents(run.id, { afterId: 0, limit: 1000 })).filter((e) => e.kind === 'status').map((e) => e.payload.status);
    expect(statuses).toEqual(['queued', 'running', 'finished']);
  }, 180_000);

  it('records a failure with its message and keeps serving the queue', async () => {
    // A config no current trainer accepts (as if written by another version): the run fails, the worker survives.
    const { run: broken } = await createRun({
      name: 'broken config',
      environment: 'calc',
      algorithm: 'paretopo',
      config: { env: 'calc', steps: 'many' },
      seed: 0,
      source: 'builtin',
      status: 'queued',
      objectives: [
        { name: 'accuracy', direction: 'maximize', reference: 0 },
        { name: 'tool_calls', direction: 'minimize', reference: 3 },
      ],
      tags: [],
    });
    const good = await queueRun({ source: 'builtin', name: 'after the broken one', config: tinyConfig({ steps: 2 }) });
    const w = worker(['--until-idle']);
    expect(await w.exitedWithin(150_000)).toBe(0);
    const failed = await getRun(broken.id);
    expect(failed?.status, w.logs()).toBe('failed');
    expect(failed?.error).toMatch(/steps/);
    expect((await getRun(good.id))?.status).toBe('finished');
  }, 180_000);

  it('cancel stops a running run between steps', async () => {
    const run = await queueRun({ source: 'builtin', name: 'long', config: tinyConfig({ steps: 500, evalEvery: 100 }) });
    const w = worker();
    await waitFor('two steps', async () => ((await getRun(run.id))?.lastStep ?? 0) >= 2, 120_000, w.logs);
    await requestCancel(run.id);
    const stopped = await waitFor(
      'cancelled',
      async () => {
        const r = await getRun(run.id);
        return r?.status === 'cancelled' ? r : null;
      },
      60_000,
      w.logs,
    );
    expect(stopped.lastStep).toBeLessThan(500);
    const stepsAfter = (await getRun(run.id))!.lastStep;
    await new Promise((r) => setTimeout(r, 1000));
    expect((await getRun(run.id))!.lastStep).toBe(stepsAfter); // nothing logged after the cancel
    await w.kill('SIGTERM');
  }, 240_000);

  it('resumes from the last checkpoint after the worker is killed, matching an uninterrupted run', async () => {
    // Long enough that the kill lands mid-run: with the kernel decoder a tiny step takes tens of ms, and 8 steps
    // finished between two polls of the wait below (the test then timed out waiting for a mid-run state).
    const STEPS = 120;
    const config = tinyConfig({ steps: STEPS, checkpointEvery: 2, evalEvery: 4 });
    const reference = await queueRun({ source: 'builtin', name: 'uninterrupted', seed: 0, config });
    const w0 = worker(['--until-idle']);
    await w0.exitedWithin(150_000);
    expect((await getRun(reference.id))?.status, w0.logs()).toBe('finished');

    const run = await queueRun({ source: 'builtin', name: 'killed', seed: 0, config });
    const w1 = worker();
    await waitFor(
      'a checkpoint and progress past it',
      async () => {
        const ckpt = await getLatestCheckpoint(run.id);
        const r = await getRun(run.id);
        return ckpt && ckpt.step >= 2 && (r?.lastStep ?? 0) >= ckpt.step + 1 && (r?.lastStep ?? 0) < STEPS;
      },
      120_000,
      w1.logs,
    );
    await w1.kill('SIGKILL');
    expect((await getRun(run.id))?.status).toBe('running'); // orphaned
    // Let its last heartbeat age past the new worker's --stale-ms, else an --until-idle worker finds nothing to do.
    await new Promise((r) => setTimeout(r, 2000));

    const w2 = worker(['--stale-ms', '1500', '--until-idle']);
    await w2.exitedWithin(200_000);
    const resumed = await getRun(run.id);
    expect(resumed, w2.logs()).toMatchObject({ status: 'finished', attempts: 2, lastStep: STEPS });
    expect(w2.logs()).toMatch(/resuming run .* from step/);

    // Everything but wall-clock measurements must match exactly.
    const strip = (ms: Awaited<ReturnType<typeof listMetrics>>) =>
      ms.map(({ wallTime: _w, createdAt: _c, extra, ...m }) => ({ ...m, extra: { ...extra, timing: undefined } }));
    const a = strip(await listMetrics(reference.id, { after: -1, limit: 1000 }));
    const b = strip(await listMetrics(run.id, { after: -1, limit: 1000 }));
    expect(b.map((m) => m.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1));
    expect(b).toEqual(a);
  }, 400_000);

  it.runIf(provider === 'postgresql')(
    'two workers on one PostgreSQL never take the same run',
    async () => {
      const runs = [];
      for (let i = 0; i < 4; i++) runs.push(await queueRun({ source: 'builtin', name: `shared ${i}`, config: tinyConfig({ steps: 2 }) }));
      const a = worker(['--until-idle', '--id', 'worker-a']);
      const b = worker(['--until-idle', '--id', 'worker-b']);
      await Promise.all([a.exitedWithin(150_000), b.exitedWithin(150_000)]);
      const claimers = new Map<string, string[]>();
      for (const run of runs) {
        const r = await getRun(run.id);
        expect(r, a.logs() + b.logs()).toMatchObject({ status: 'finished', attempts: 1 });
        const running = (await listEvents(run.id, { afterId: 0, limit: 1000 })).filter((e) => e.kind === 'status' && e.payload.status === 'running');
        expect(running).toHaveLength(1);
        const by = String(running[0].payload.workerId);
        claimers.set(by, [...(claimers.get(by) ?? []), run.id]);
      }
      expect([...claimers.keys()].every((k) => k === 'worker-a' || k === 'worker-b')).toBe(true);
    },
    300_000,
  );

  it('all runs end in a final state', async () => {
    // No test leaves a run half-done behind.
    const { listRuns } = await import('../../lib/db');
    const { runs } = await listRuns({ limit: 200 });
    expect(runs.filter((r) => !final(r.status)).map((r) => `${r.name}: ${r.status}`)).toEqual([]);
  });
});
