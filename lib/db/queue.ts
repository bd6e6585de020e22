/**
 * The run queue in the database: built-in runs are created `queued`; workers
 * claim them atomically (the dialect's claim, raw/), heartbeat while training, and
 * stop between steps when a cancel is requested. A run whose worker stopped
 * heartbeating is re-queued and resumes from its last checkpoint.
 */
import { currentDialect, getDb } from './client';
import { appendEvents } from './events';
import { getRun, getRunOrThrow, type RunView } from './runs';
import { ConflictError } from '../errors';
import { isFinalStatus } from '../contract/run-log';

/** Claims the oldest queued built-in run, or returns null when the queue is empty. */
export async function claimNextRun(workerId: string): Promise<RunView | null> {
  const db = await getDb();
  const dialect = currentDialect();
  const id = await db.$transaction(async (tx) => {
    const claimed = await dialect.claimRun(tx, workerId);
    if (claimed) {
      const run = await tx.run.findUniqueOrThrow({ where: { id: claimed }, select: { attempts: true } });
      await appendEvents(tx, claimed, [{ kind: 'status', payload: { status: 'running', workerId, attempt: run.attempts } }]);
    }
    return claimed;
  });
  return id ? getRun(id) : null;
}

export interface HeartbeatResult {
  /** False when the run is gone, finished, or was taken over by another worker. */
  owned: boolean;
  cancelRequested: boolean;
}

/** Marks the worker alive on its run and reports whether it should stop. */
export async function heartbeat(runId: string, workerId: string): Promise<HeartbeatResult> {
  const db = await getDb();
  const res = await db.run.updateMany({
    where: { id: runId, workerId, status: 'running' },
    data: { heartbeatAt: new Date() },
  });
  if (res.count === 0) return { owned: false, cancelRequested: true };
  const run = await db.run.findUnique({ where: { id: runId }, select: { cancelRequestedAt: true } });
  return { owned: true, cancelRequested: !!run?.cancelRequestedAt };
}

/**
 * Cancels a run: a queued run is cancelled at once; a running one is flagged
 * and its worker stops between steps. Final runs are left as they are (409).
 */
export async function requestCancel(runId: string): Promise<RunView> {
  const db = await getDb();
  const run = await getRunOrThrow(runId);
  if (isFinalStatus(run.status)) {
    throw new ConflictError(`run ${runId} is already ${run.status}`);
  }
  if (run.source === 'external') {
    throw new ConflictError(`run ${runId} is trained outside Pareto Studio; finish it from its trainer (POST /api/runs/${runId}/finish)`);
  }
  if (run.source === 'browser') {
    throw new ConflictError(`run ${runId} trains in a browser; stop it there (its page's Cancel), or its trainer finishes it (POST /api/runs/${runId}/finish)`);
  }
  await db.$transaction(async (tx) => {
    const queued = await tx.run.updateMany({
      where: { id: runId, status: 'queued' },
      data: { status: 'cancelled', finishedAt: new Date(), cancelRequestedAt: new Date() },
    });
    if (queued.count === 1) {
      await appendEvents(tx, runId, [{ kind: 'status', payload: { status: 'cancelled' } }]);
      return;
    }
    const running = await tx.run.updateMany({
      where: { id: runId, status: 'running', cancelRequestedAt: null },
      data: { cancelRequestedAt: new Date() },
    });
    if (running.count === 1) await appendEvents(tx, runId, [{ kind: 'status', payload: { status: 'running', cancelRequested: true } }]);
  });
  return getRunOrThrow(runId);
}

/** Puts back in the queue the built-in runs whose worker has not heartbeated for `staleMs`. */
export async function requeueStaleRuns(staleMs: number): Promise<string[]> {
  const db = await getDb();
  const cutoff = new Date(Date.now() - staleMs);
  const stale = await db.run.findMany({
    where: { status: 'running', source: 'builtin', OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }] },
    select: { id: true, workerId: true, cancelRequestedAt: true },
  });
  const requeued: string[] = [];
  for (const run of stale) {
    await db.$transaction(async (tx) => {
      const where = { id: run.id, status: 'running', workerId: run.workerId, OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }] };
      if (run.cancelRequestedAt) {
        // Nobody is left to honour the cancel: cancel it now.
        const res = await tx.run.updateMany({ where, data: { status: 'cancelled', finishedAt: new Date(), workerId: null } });
        if (res.count) await appendEvents(tx, run.id, [{ kind: 'status', payload: { status: 'cancelled' } }]);
        return;
      }
      const res = await tx.run.updateMany({ where, data: { status: 'queued', workerId: null, heartbeatAt: null } });
      if (res.count) {
        requeued.push(run.id);
        await appendEvents(tx, run.id, [{ kind: 'status', payload: { status: 'queued', reason: `worker ${run.workerId} stopped heartbeating` } }]);
      }
    });
  }
  return requeued;
}

/** Gives a run back to the queue (a worker shutting down gracefully mid-run). */
export async function releaseRun(runId: string, workerId: string): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const res = await tx.run.updateMany({ where: { id: runId, workerId, status: 'running' }, data: { status: 'queued', workerId: null, heartbeatAt: null } });
    if (res.count) await appendEvents(tx, runId, [{ kind: 'status', payload: { status: 'queued', reason: `worker ${workerId} shut down` } }]);
    return res.count === 1;
  });
}

export async function countQueuedRuns(): Promise<number> {
  const db = await getDb();
  return db.run.count({ where: { status: 'queued', source: 'builtin' } });
}
