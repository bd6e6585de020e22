/**
 * A worker: claims queued built-in runs and trains them, one at a time, in
 * this process (training is synchronous CPU work and must not share the web
 * server's event loop). Heartbeats while training; stops between steps when a
 * cancel is requested; records failures with their message; re-queues runs of
 * workers that died, which then resume from their last checkpoint.
 */
import crypto from 'node:crypto';
import { claimNextRun, heartbeat, releaseRun, requeueStaleRuns, type RunView } from '../db';
import { RunLogger } from '../runs/run-logger';
import { errorMessage, trainBuiltinRun, type StopReason } from './train-run';

export interface WorkerOptions {
  /** Stable name in logs and in Run.workerId. */
  workerId?: string;
  /** How often an idle worker polls the queue. */
  pollMs?: number;
  /** A running run whose heartbeat is older than this is considered orphaned. */
  staleMs?: number;
  /** How often a busy worker heartbeats (also between steps). */
  heartbeatMs?: number;
  /** Stop after the queue is empty once (tests, batch jobs). */
  untilIdle?: boolean;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

// staleMs: a dead worker's run resumes elsewhere within ~45 s. Heartbeats fire
// between training steps and every ~200 ms during a warm start (which yields to
// the event loop), so a live worker is never that late.
export const DEFAULT_WORKER_OPTIONS = { pollMs: 1000, staleMs: 45_000, heartbeatMs: 5000 };

/** How long the worker's queue polls (re-queue, claim) may go without an answer before they are retried. */
export const QUEUE_CALL_LIMIT_MS = 60_000;

/** Random, so run rows and API responses never carry this machine's host name. */
export function defaultWorkerId(): string {
  return `worker-${crypto.randomBytes(4).toString('hex')}`;
}

/** Database busy / lock / serialization errors that a retry after a pause clears. */
export function isTransientDbError(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown };
  const code = String(e?.code ?? '');
  if (/^SQLITE_BUSY|^SQLITE_LOCKED/.test(code) || code === 'P2034' || code === '40001' || code === '40P01') return true;
  if (/database is locked|SQLITE_BUSY|deadlock detected|could not serialize/i.test(String(e?.message ?? ''))) return true;
  return e?.cause !== undefined && e.cause !== err ? isTransientDbError(e.cause) : false;
}

/** A database call that neither answered nor failed within its time limit (a hung driver; retried like a busy database). */
export class DbCallTimeout extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: no answer from the database within ${ms} ms`);
    this.name = 'DbCallTimeout';
  }
}

/**
 * Runs `fn`, retrying transient database errors with exponential backoff (100 ms … 5 s, ~2 min in all).
 * With `answerWithinMs`, a call that has neither resolved nor rejected by then is given up and retried the same way:
 * under heavy load the driver stack (Prisma's driver adapter over `pg`) has been seen to leave a promise pending for
 * good, and an idle worker must not hang on one. Only for calls that are safe to abandon and repeat (the worker's own
 * queue polls: a claim left pending that still commits later goes stale and is re-queued like any orphan).
 */
export async function withDbRetry<T>(
  what: string,
  fn: () => Promise<T>,
  log: (l: string) => void,
  signal?: AbortSignal,
  opts: { answerWithinMs?: number } = {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await (opts.answerWithinMs ? within(fn(), opts.answerWithinMs, what) : fn());
    } catch (err) {
      if (!(isTransientDbError(err) || err instanceof DbCallTimeout) || attempt >= 30 || signal?.aborted) throw err;
      const ms = Math.min(5000, 100 * 2 ** attempt);
      const e = err as { code?: string; message?: string };
      const why = err instanceof DbCallTimeout ? e.message : `${what}: database busy (${e.code ?? ''} ${String(e.message ?? '').split('\n')[0]})`;
      log(`${why}; retrying in ${ms} ms`);
      await sleep(ms, signal);
    }
  }
}

/** `p`, or a DbCallTimeout after `ms` (the timer does not keep the process alive). */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DbCallTimeout(what, ms)), ms);
    timer.unref?.();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(t);
      resolve();
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export async function runWorker(opts: WorkerOptions = {}): Promise<void> {
  const workerId = opts.workerId ?? defaultWorkerId();
  const { pollMs, staleMs, heartbeatMs } = { ...DEFAULT_WORKER_OPTIONS, ...opts };
  const log = opts.log ?? ((line: string) => console.log(`[worker ${workerId}] ${line}`));
  log('started');
  while (!opts.signal?.aborted) {
    const limit = { answerWithinMs: QUEUE_CALL_LIMIT_MS };
    const requeued = await withDbRetry('re-queueing stale runs', () => requeueStaleRuns(staleMs), log, opts.signal, limit);
    if (requeued.length) log(`re-queued ${requeued.length} orphaned run(s): ${requeued.join(', ')}`);
    const run = await withDbRetry('claiming a run', () => claimNextRun(workerId), log, opts.signal, limit);
    if (!run) {
      if (opts.untilIdle) break;
      await sleep(pollMs, opts.signal);
      continue;
    }
    await trainClaimedRun(run, workerId, heartbeatMs, log, opts.signal);
  }
  log('stopped');
}

async function trainClaimedRun(run: RunView, workerId: string, heartbeatMs: number, log: (l: string) => void, signal?: AbortSignal) {
  const logger = RunLogger.attach(run, { workerId, retry: (what, fn) => withDbRetry(what, fn, log, signal) });
  let stop: StopReason | null = null;
  const check = async () => {
    if (signal?.aborted) stop = 'shutdown';
    const hb = await heartbeat(run.id, workerId).catch(() => ({ owned: true, cancelRequested: false }));
    if (!hb.owned) stop = 'lost';
    else if (hb.cancelRequested && !stop) stop = 'cancel';
    return stop;
  };
  // Timers fire while training awaits between steps; `stopReason` also beats.
  const timer = setInterval(() => void check(), heartbeatMs);
  try {
    const outcome = await trainBuiltinRun({
      log: logger,
      config: run.config,
      seed: run.seed,
      stopReason: check,
      claimLost: () => stop === 'lost',
      release: async () => void (await releaseRun(run.id, workerId)),
      onStart: (after) =>
        log(`${after !== null ? `resuming run ${run.id} from step ${after}` : `training run ${run.id}`} (${run.name}, attempt ${run.attempts})`),
    });
    if (outcome === 'finished') log(`finished run ${run.id}`);
    else if (outcome === 'cancelled') log(`cancelled run ${run.id}`);
    else if (outcome === 'released') log(`gave run ${run.id} back to the queue (shutting down)`);
    else log(`run ${run.id} was taken over or deleted; dropped it`);
  } catch (err) {
    log(`run ${run.id} failed: ${errorMessage(err)}`);
    const recordError = (err as { recordError?: unknown }).recordError;
    if (recordError) log(`could not record the failure: ${(recordError as Error).message}`);
  } finally {
    clearInterval(timer);
  }
}
