import { describe, expect, it } from 'vitest';
import {
  getCheckpointByName,
  getDb,
  getLatestCheckpoint,
  getRun,
  listEvalPoints,
  listFrontiers,
  listMetrics,
  listRuns,
  listTrajectories,
  migrate,
  resolveDbConfig,
  saveCheckpoint,
  countTrajectories,
  listEvents,
  closeDb,
} from '../../lib/db';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors';
import { RunLogger, finishRun, logEvalPoints, logFrontiers, logSteps, logTrajectories, startRun } from '../../lib/runs';
import { DATABASES, createTestDatabase, useDatabase } from '../support/databases';
import { runInput, trajectories, trajectory } from '../support/fixtures';

describe.each(DATABASES)('run log on %s', (provider) => {
  useDatabase(provider);

  it('migrates once: a second migrate applies nothing', async () => {
    expect(resolveDbConfig().provider).toBe(provider);
    expect(await migrate()).toEqual([]);
  });

  it('creates a run with its experiment, tags and objectives', async () => {
    const { run, created } = await startRun(runInput({ experiment: 'sweep-a', tags: ['b', 'a', 'a'], notes: 'hello' }));
    expect(created).toBe(true);
    expect(run).toMatchObject({
      environment: 'calc',
      algorithm: 'paretopo',
      status: 'running',
      source: 'external',
      tags: ['a', 'b'],
      notes: 'hello',
      experiment: { name: 'sweep-a' },
      config: { steps: 100, groupSize: 8 },
    });
    expect(run.objectives.map((o) => o.name)).toEqual(['accuracy', 'tool_calls']);
    const again = await startRun(runInput({ experiment: 'sweep-a' }));
    expect(again.run.experiment?.id).toBe(run.experiment?.id);
  });

  it('creating with an existing client id returns that run', async () => {
    const a = await startRun(runInput({ id: `fixed-${provider}` }));
    const b = await startRun(runInput({ id: `fixed-${provider}`, name: 'other' }));
    expect(b.created).toBe(false);
    expect(b.run.id).toBe(a.run.id);
    expect(b.run.name).toBe(a.run.name);
  });

  it('rejects a bad run naming the field, and writes nothing', async () => {
    const before = (await listRuns({ limit: 200 })).runs.length;
    const bad = runInput({
      objectives: [
        { name: 'acc', direction: 'up' as never, reference: 0 },
        { name: 'x', direction: 'minimize', reference: 1 },
      ],
    });
    await expect(startRun(bad)).rejects.toThrow(/objectives\[0\]\.direction/);
    await expect(startRun({ ...runInput(), seed: -1 })).rejects.toThrow(/^seed:/);
    expect((await listRuns({ limit: 200 })).runs.length).toBe(before);
  });

  it('lists newest first with filters and complete, non-overlapping pages', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { run } = await startRun(runInput({ name: `page-${i}`, algorithm: i % 2 ? 'grpo' : 'static', environment: 'hops', tags: i < 3 ? ['early'] : [] }));
      made.push(run.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRuns({ environment: 'hops', limit: 3, cursor });
      seen.push(...page.runs.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    expect((await listRuns({ environment: 'hops', algorithm: 'grpo', limit: 50 })).runs).toHaveLength(3);
    expect((await listRuns({ environment: 'hops', tag: 'early', limit: 50 })).runs.map((r) => r.name).sort()).toEqual(['page-0', 'page-1', 'page-2']);
    expect((await listRuns({ status: ['queued'], limit: 50 })).runs).toHaveLength(0);
  });

  it('logs steps: metrics since N, latest hypervolume on the run, duplicate step refused', async () => {
    const { run } = await startRun(runInput());
    for (let s = 0; s < 5; s++) {
      const res = await logSteps(run.id, {
        batchId: `s${s}`,
        records: [
          {
            step: s,
            stage: s < 3 ? 1 : 2,
            hypervolume: s / 10,
            objectiveMeans: { accuracy: 0.5, tool_calls: 1.5 },
            weights: [0.6, 0.4],
            loss: 0.1,
            wallTime: s,
          },
        ],
      });
      expect(res.applied).toBe(true);
    }
    const after2 = await listMetrics(run.id, { after: 2, limit: 100 });
    expect(after2.map((m) => m.step)).toEqual([3, 4]);
    expect(after2[0]).toMatchObject({ stage: 2, hypervolume: 0.3, weights: [0.6, 0.4], objectiveMeans: { accuracy: 0.5 } });
    expect(await getRun(run.id)).toMatchObject({ lastStep: 4, latestHypervolume: 0.4 });
    await expect(logSteps(run.id, { batchId: 'again', records: [{ step: 3 }] })).rejects.toBeInstanceOf(ConflictError);
    expect((await listMetrics(run.id, { after: -1, limit: 100 })).length).toBe(5);
    await expect(logSteps(run.id, { batchId: 'w', records: [{ step: 9, weights: [1] }] })).rejects.toThrow(/records\[0\]\.weights/);
  });

  it('a retried trajectory batch never duplicates rows', async () => {
    const { run } = await startRun(runInput());
    const batch = { batchId: 'traj-0', records: trajectories(0, 50) };
    expect(await logTrajectories(run.id, batch)).toEqual({ applied: true, rows: 50 });
    expect(await logTrajectories(run.id, batch)).toEqual({ applied: false, rows: 50 });
    const results = await Promise.all([1, 2, 3].map(() => logTrajectories(run.id, { batchId: 'traj-1', records: trajectories(1, 10) })));
    expect(results.filter((r) => r.applied)).toHaveLength(1);
    expect(await countTrajectories(run.id)).toBe(60);
  });

  it('a batch with one bad row writes nothing and names the row and field', async () => {
    const { run } = await startRun(runInput());
    const records = trajectories(0, 20) as unknown[];
    records[13] = { ...trajectory(0, 13), objectives: [1, Number.NaN] };
    const err = await logTrajectories(run.id, { batchId: 'bad', records }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toMatch(/^records\[13\]\.objectives\[1\]/);
    const wrongLength = trajectories(0, 5);
    wrongLength[4] = { ...wrongLength[4], objectives: [1, 2, 3] };
    await expect(logTrajectories(run.id, { batchId: 'bad2', records: wrongLength })).rejects.toThrow(/records\[4\]\.objectives: has 3 values/);
    expect(await countTrajectories(run.id)).toBe(0);
    // The refused batch id is still free: the corrected batch goes through.
    expect((await logTrajectories(run.id, { batchId: 'bad', records: trajectories(0, 20) })).applied).toBe(true);
  });

  it('a batch that fails inside the transaction rolls back completely', async () => {
    const { run } = await startRun(runInput());
    await logSteps(run.id, { batchId: 'a', records: [{ step: 1 }] });
    // steps 2 and 3 are new, step 1 collides: the whole batch must vanish, batch id included.
    await expect(logSteps(run.id, { batchId: 'b', records: [{ step: 2 }, { step: 3 }, { step: 1 }] })).rejects.toBeInstanceOf(ConflictError);
    expect((await listMetrics(run.id, { after: -1, limit: 10 })).map((m) => m.step)).toEqual([1]);
    expect((await logSteps(run.id, { batchId: 'b', records: [{ step: 2 }, { step: 3 }] })).applied).toBe(true);
  });

  it('pages trajectories and filters by step and rank', async () => {
    const { run } = await startRun(runInput());
    await logTrajectories(run.id, { batchId: 't0', records: trajectories(0, 30) });
    await logTrajectories(run.id, { batchId: 't1', records: trajectories(1, 30) });
    const ids: number[] = [];
    let cursor: number | undefined;
    do {
      const page = await listTrajectories(run.id, { step: 1, limit: 7, cursor });
      ids.push(...page.trajectories.map((t) => t.id));
      for (const t of page.trajectories) expect(t.step).toBe(1);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(new Set(ids).size).toBe(30);
    const rank2 = await listTrajectories(run.id, { rank: 2, limit: 100 });
    expect(rank2.trajectories.length).toBe(20);
    const t = (await listTrajectories(run.id, { step: 0, limit: 1 })).trajectories[0];
    expect(t).toMatchObject({ group: 0, index: 0, prompt: '(0 + 7) * 3 =', objectives: [0, 0], rank: 1, advantage: -1 });
    expect(t.tokens[1]).toEqual({ kind: 'call', text: 'calc(0+7)' });
  });

  it('logs evaluation points and frontier snapshots', async () => {
    const { run } = await startRun(runInput());
    await logEvalPoints(run.id, {
      batchId: 'e',
      records: [
        { step: 10, objectives: [0.7, 1.2] },
        { step: 20, objectives: [0.8, 1.0], extra: { productivity: 0.8 } },
      ],
    });
    await logFrontiers(run.id, {
      batchId: 'f',
      records: [
        {
          step: 20,
          points: [
            [0.8, 1.0],
            [0.5, 0.2],
          ],
          hypervolume: 2.71,
        },
      ],
    });
    expect((await listEvalPoints(run.id)).map((p) => p.objectives)).toEqual([
      [0.7, 1.2],
      [0.8, 1.0],
    ]);
    expect((await listFrontiers(run.id))[0]).toMatchObject({
      step: 20,
      points: [
        [0.8, 1.0],
        [0.5, 0.2],
      ],
      hypervolume: 2.71,
    });
    expect((await getRun(run.id))!.latestHypervolume).toBe(2.71);
    await expect(logFrontiers(run.id, { batchId: 'g', records: [{ step: 1, points: [[1]], hypervolume: 1 }] })).rejects.toThrow(/records\[0\]\.points\[0\]/);
  });

  it('finishes and fails runs; a finished run accepts no more data', async () => {
    const logger = await RunLogger.start(runInput());
    await logger.step({ step: 0, hypervolume: 0.1 });
    await logger.step({ step: 0, hypervolume: 0.1 }); // retried: same batch id, no error, no duplicate
    const done = await logger.finish();
    expect(done.status).toBe('finished');
    expect(done.finishedAt).toBeInstanceOf(Date);
    await expect(logger.step({ step: 1 })).rejects.toBeInstanceOf(ConflictError);
    const other = await RunLogger.start(runInput());
    expect((await other.fail('boom: out of memory')).error).toBe('boom: out of memory');
    await expect(finishRun('nope', { status: 'finished' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(finishRun(other.runId, { status: 'failed' })).rejects.toThrow(/^error:/);
  });

  it('stores checkpoints by name and per run, bytes intact', async () => {
    const { run } = await startRun(runInput());
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    await saveCheckpoint({ name: `warm-${provider}`, step: 0, weights: bytes, meta: { env: 'calc' } });
    await saveCheckpoint({ name: `warm-${provider}`, step: 5, weights: bytes.slice(0, 10), meta: { env: 'calc', v: 2 } });
    const named = await getCheckpointByName(`warm-${provider}`);
    expect(named).toMatchObject({ step: 5, meta: { v: 2 } });
    expect(Array.from(named!.weights)).toEqual(Array.from(bytes.slice(0, 10)));
    await saveCheckpoint({ runId: run.id, step: 10, weights: bytes, meta: {} });
    await saveCheckpoint({ runId: run.id, step: 20, weights: bytes.slice(1), meta: {} });
    const latest = await getLatestCheckpoint(run.id);
    expect(latest?.step).toBe(20);
    expect(latest?.weights.length).toBe(99_999);
    expect(await getCheckpointByName('missing')).toBeNull();
  });

  it('sets WAL mode on SQLite', async () => {
    if (provider !== 'sqlite') return;
    const db = await getDb();
    const rows = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
    expect(rows[0].journal_mode).toBe('wal');
  });
});

describe.each(DATABASES)('run events on %s', (provider) => {
  useDatabase(provider);

  it('announces status, metrics, evaluations and frontiers in order, by cursor', async () => {
    const logger = await RunLogger.start(runInput());
    await logger.step({ step: 0, hypervolume: 0.5 });
    await logger.evalPoint({ step: 0, objectives: [0.5, 1] });
    await logger.frontier({ step: 0, points: [[0.5, 1]], hypervolume: 0.5 });
    await logger.step({ step: 0, hypervolume: 0.5 }); // retried batch: no second event
    await logger.finish();
    const all = await listEvents(logger.runId, { afterId: 0, limit: 100 });
    expect(all.map((e) => e.kind)).toEqual(['status', 'metric', 'eval', 'frontier', 'status']);
    expect(all[4].payload).toEqual({ status: 'finished' });
    expect(all[1].payload).toMatchObject({ step: 0, hypervolume: 0.5 });
    const tail = await listEvents(logger.runId, { afterId: all[2].id, limit: 100 });
    expect(tail.map((e) => e.kind)).toEqual(['frontier', 'status']);
  });
});

describe.each(DATABASES)('migrations on %s', (provider) => {
  const { url } = useDatabase(provider);

  it('upgrading keeps existing data (no cascade on table redefinition)', async () => {
    // useDatabase migrated to the latest; start again from an empty database at 0001.
    const fresh = await createTestDatabase(provider);
    try {
      const config = resolveDbConfig(fresh.url);
      await migrate(config, { upTo: '0001_init' });
      await closeDb();
      process.env.DATABASE_URL = fresh.url;
      // Write with raw SQL shaped like 0001 (the current client expects the latest schema).
      {
        if (provider === 'sqlite') {
          const Database = (await import('better-sqlite3')).default;
          const db = new Database(config.file!);
          db.exec(
            `INSERT INTO "Run" (id, name, environment, algorithm, config, seed, objectives, "updatedAt") VALUES ('r1', 'old', 'calc', 'grpo', '{}', 1, '[]', '2026-01-01T00:00:00+00:00')`,
          );
          db.exec(`INSERT INTO "Metric" ("runId", step, "createdAt") VALUES ('r1', 3, '2026-01-01T00:00:00+00:00')`);
          db.close();
        } else {
          const pgm = await import('pg');
          const c = new pgm.default.Client({ connectionString: fresh.url });
          await c.connect();
          await c.query(
            `INSERT INTO "Run" (id, name, environment, algorithm, config, seed, objectives, "updatedAt") VALUES ('r1', 'old', 'calc', 'grpo', '{}', 1, '[]', now())`,
          );
          await c.query(`INSERT INTO "Metric" ("runId", step) VALUES ('r1', 3)`);
          await c.end();
        }
      }
      expect((await migrate(config)).length).toBeGreaterThan(0);
      const run = await getRun('r1');
      expect(run).toMatchObject({ name: 'old', status: 'queued' });
      expect((await listMetrics('r1', { after: -1, limit: 10 })).map((m) => m.step)).toEqual([3]);
    } finally {
      await closeDb();
      process.env.DATABASE_URL = url();
      await fresh.drop();
    }
  });
});

describe.each(DATABASES)('concurrent writers on %s', (provider) => {
  const { url } = useDatabase(provider);

  it('separate processes creating runs in one new experiment all succeed', async () => {
    const { spawn } = await import('node:child_process');
    const script = `
      const { startRun } = await import('./lib/runs/index.ts');
      const { closeDb } = await import('./lib/db/index.ts');
      for (let i = 0; i < 5; i++) await startRun({ name: 'p' + process.pid + '-' + i, environment: 'calc', algorithm: 'grpo', seed: i,
        experiment: 'shared-experiment', objectives: [{ name: 'accuracy', direction: 'maximize', reference: 0 }, { name: 'tool_calls', direction: 'minimize', reference: 3 }] });
      await closeDb();`;
    const codes = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<{ code: number | null; err: string }>((resolve) => {
            const p = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
              env: { ...process.env, DATABASE_URL: url() },
              stdio: ['ignore', 'ignore', 'pipe'],
            });
            let err = '';
            p.stderr.on('data', (d) => (err += d));
            p.on('exit', (code) => resolve({ code, err }));
          }),
      ),
    );
    for (const c of codes) expect(c.code, c.err).toBe(0);
    const runs = (await listRuns({ experiment: 'shared-experiment', limit: 100 })).runs;
    expect(runs).toHaveLength(20);
    expect(new Set(runs.map((r) => r.experiment?.id)).size).toBe(1);
  }, 120_000);
});
