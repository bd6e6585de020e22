/**
 * A worker: claims queued built-in runs and trains them, one at a time, in
 * this process (training is synchronous CPU work and must not share the web
 * server's event loop). Heartbeats while training; stops between steps when a
 * cancel is requested; records failures with their message; re-queues runs of
 * workers that died, which then resume from their last checkpoint.
 */
import os from 'node:os';
import crypto from 'node:crypto';
import { claimNextRun, getLatestCheckpoint, heartbeat, releaseRun, requeueStaleRuns, type RunView } from '../db';
import { parseTrainConfig, runTraining } from '../training';
import { RunLogger } from './run-logger';

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

// staleMs covers the longest stretch without a heartbeat: an uncached warm start (~2-3 min on two cores).
export const DEFAULT_WORKER_OPTIONS = { pollMs: 1000, staleMs: 300_000, heartbeatMs: 5000 };

export function defaultWorkerId(): string {
  return `${os.hostname()}-${process.pid}-${crypto.randomBytes(2).toString('hex')}`;
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
    const requeued = await requeueStaleRuns(staleMs);
    if (requeued.length) log(`re-queued ${requeued.length} orphaned run(s): ${requeued.join(', ')}`);
    const run = await claimNextRun(workerId);
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
  const logger = RunLogger.attach(run);
  let stop: 'cancel' | 'lost' | 'shutdown' | null = null;
  const check = async () => {
    if (signal?.aborted) stop = 'shutdown';
    const hb = await heartbeat(run.id, workerId).catch(() => ({ owned: true, cancelRequested: false }));
    if (!hb.owned) stop = 'lost';
    else if (hb.cancelRequested && !stop) stop = 'cancel';
    return stop !== null;
  };
  // Timers fire while training awaits between steps; `shouldStop` also beats.
  const timer = setInterval(() => void check(), heartbeatMs);
  try {
    const config = parseTrainConfig(run.config);
    const resumeFrom = await getLatestCheckpoint(run.id);
    log(`${resumeFrom ? `resuming run ${run.id} from step ${resumeFrom.step}` : `training run ${run.id}`} (${run.name}, attempt ${run.attempts})`);
    const { status } = await runTraining({ config, seed: run.seed, logger, resumeFrom, shouldStop: check });
    if (status === 'finished') {
      await logger.finish();
      log(`finished run ${run.id}`);
    } else if (stop === 'cancel') {
      await logger.cancel();
      log(`cancelled run ${run.id}`);
    } else if (stop === 'shutdown') {
      await releaseRun(run.id, workerId);
      log(`gave run ${run.id} back to the queue (shutting down)`);
    } else {
      log(`run ${run.id} was taken over or deleted; dropped it`);
    }
  } catch (err) {
    const message = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
    log(`run ${run.id} failed: ${message}`);
    if (stop !== 'lost') await logger.fail(message).catch((e) => log(`could not record the failure: ${(e as Error).message}`));
  } finally {
    clearInterval(timer);
  }
}
