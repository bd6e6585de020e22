import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { claimNextRun, closeDb, getDb, getRun, heartbeat, listEvents, requestCancel, requeueStaleRuns, releaseRun } from '../../lib/db';
import { ConflictError } from '../../lib/errors';
import { RunLogger, logSteps, startRun } from '../../lib/runs';
import { ForbiddenError } from '../../lib/errors';
import { DATABASES, useDatabase } from '../support/databases';
import { runInput } from '../support/fixtures';

const queued = (name: string) => runInput({ name, source: 'builtin', status: 'queued' });

describe.each(DATABASES)('run queue on %s', (provider) => {
  const { url } = useDatabase(provider);

  async function drain() {
    while (await claimNextRun('drain')) {
      /* empty the queue left by earlier tests */
    }
  }

  it('claims the oldest queued built-in run, once', async () => {
    await drain();
    const a = (await startRun(queued('a'))).run;
    const b = (await startRun(queued('b'))).run;
    await startRun(runInput({ name: 'external', status: 'running' })); // never claimed by workers
    const first = await claimNextRun('w1');
    expect(first).toMatchObject({ id: a.id, status: 'running', workerId: 'w1', attempts: 1 });
    expect(first!.startedAt).toBeInstanceOf(Date);
    expect((await claimNextRun('w2'))?.id).toBe(b.id);
    expect(await claimNextRun('w3')).toBeNull();
    const events = await listEvents(a.id, { afterId: 0, limit: 10 });
    expect(events.map((e) => e.payload.status)).toEqual(['queued', 'running']);
  });

  it('concurrent claimers never take the same run', async () => {
    await drain();
    const ids = new Set<string>();
    for (let i = 0; i < 12; i++) ids.add((await startRun(queued(`c${i}`))).run.id);
    const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => claimNextRun(`w${i}`)));
    const got = claims.filter((r) => r !== null).map((r) => r!.id);
    expect(got.length).toBe(12);
    expect(new Set(got)).toEqual(ids);
  });

  it('on PostgreSQL, claims from separate connections skip locked rows', async () => {
    if (provider !== 'postgresql') return;
    await drain();
    for (let i = 0; i < 6; i++) await startRun(queued(`p${i}`));
    // Two independent sessions; the first holds its claim's transaction open.
    const { CLAIM_RUN_POSTGRES } = await import('../../lib/db/raw/postgres');
    const s1 = new pg.Client({ connectionString: url() });
    const s2 = new pg.Client({ connectionString: url() });
    await s1.connect();
    await s2.connect();
    try {
      await s1.query('BEGIN');
      const r1 = await s1.query(CLAIM_RUN_POSTGRES, ['s1']);
      const r2 = await s2.query(CLAIM_RUN_POSTGRES, ['s2']); // must not wait for s1, must not get s1's run
      expect(r1.rows[0].id).not.toBe(r2.rows[0].id);
      await s1.query('COMMIT');
    } finally {
      await s1.end();
      await s2.end();
    }
  });

  it('cancels queued runs at once and running runs between steps', async () => {
    await drain();
    const q = (await startRun(queued('to cancel'))).run;
    expect((await requestCancel(q.id)).status).toBe('cancelled');
    await expect(requestCancel(q.id)).rejects.toBeInstanceOf(ConflictError);

    const r = (await startRun(queued('running'))).run;
    await claimNextRun('w');
    expect(await heartbeat(r.id, 'w')).toEqual({ owned: true, cancelRequested: false });
    const flagged = await requestCancel(r.id);
    expect(flagged.status).toBe('running');
    expect(flagged.cancelRequestedAt).toBeInstanceOf(Date);
    expect(await heartbeat(r.id, 'w')).toEqual({ owned: true, cancelRequested: true });
    expect(await heartbeat(r.id, 'someone-else')).toEqual({ owned: false, cancelRequested: true });

    const ext = (await startRun(runInput({ name: 'ext' }))).run;
    await expect(requestCancel(ext.id)).rejects.toThrow(/trained outside/);
  });

  it('re-queues runs whose worker stopped heartbeating, and only those', async () => {
    await drain();
    const dead = (await startRun(queued('dead worker'))).run;
    const alive = (await startRun(queued('live worker'))).run;
    await claimNextRun('dead');
    await claimNextRun('alive');
    await new Promise((r) => setTimeout(r, 1200));
    await heartbeat(alive.id, 'alive');
    const requeued = await requeueStaleRuns(1000);
    expect(requeued).toContain(dead.id);
    expect(requeued).not.toContain(alive.id);
    await heartbeat(alive.id, 'alive');
    for (const other of requeued.filter((id) => id !== dead.id)) await requestCancel(other); // runs left by earlier tests
    expect((await getRun(dead.id))?.status).toBe('queued');
    expect((await getRun(alive.id))?.status).toBe('running');
    const again = await claimNextRun('new');
    expect(again).toMatchObject({ id: dead.id, attempts: 2, workerId: 'new' });
    expect(await heartbeat(dead.id, 'dead')).toMatchObject({ owned: false });
    expect(await releaseRun(dead.id, 'new')).toBe(true);
    expect((await getRun(dead.id))?.status).toBe('queued');
  });

  it('stale runs with a pending cancel are cancelled, not re-queued', async () => {
    await drain();
    const r = (await startRun(queued('cancel then die'))).run;
    await claimNextRun('w');
    await requestCancel(r.id);
    await new Promise((res) => setTimeout(res, 1100));
    expect(await requeueStaleRuns(1000)).not.toContain(r.id);
    expect((await getRun(r.id))?.status).toBe('cancelled');
  });

  it('keeps working after reconnecting', async () => {
    await closeDb();
    await getDb();
    const r = (await startRun(queued('after reconnect'))).run;
    await drain();
    expect((await getRun(r.id))?.status).toBe('running');
    expect(await claimNextRun('after-reconnect')).toBeNull();
  });

  it('a built-in run trained in process (npm run train) holds its own claim: alive, not re-queued, written by it alone', async () => {
    const logger = await RunLogger.start(runInput({ source: 'builtin', status: 'running', name: 'in process' }));
    const run = (await getRun(logger.runId))!;
    expect(run.workerId).toMatch(/^inproc-[0-9a-f]{8}$/);
    expect(run.heartbeatAt).not.toBeNull();
    expect(await requeueStaleRuns(45_000)).toEqual([]);
    expect((await logger.step({ step: 0, hypervolume: 1 })).applied).toBe(true);
    // Anyone else (an HTTP writer, another process) is refused.
    await expect(logSteps(logger.runId, { batchId: 'x', records: [{ step: 1 }] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(logSteps(logger.runId, { batchId: 'x', records: [{ step: 1 }] }, { workerId: 'someone-else' })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await logger.finish()).status).toBe('finished');
  });
});
