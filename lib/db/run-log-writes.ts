/**
 * Storage half of the run log: each batch is one transaction that first
 * claims (runId, batchId) in IngestBatch — so a retried batch is a no-op —
 * and then writes its rows. The claim is the transaction's first statement and
 * a write, so on SQLite the transaction takes the write lock up front and
 * waits on the busy timeout instead of failing on a lock upgrade.
 */
import type { Prisma } from '@pareto-studio/prisma-sqlite';
import type { z } from 'zod';
import type { EvalPointRecord, FrontierRecord, StepRecord } from '../contract/run-log';
import { currentDialect, getDb, getDialect, type Tx } from './client';
import type { RawBatchOutcome } from './dialect';
import { appendEvents } from './events';
import { ConflictError } from '../errors';
import type { TrajectoryRow } from './raw/trajectory-rows';

export type BatchKind = 'steps' | 'trajectories' | 'eval-points' | 'frontiers';

export interface BatchResult {
  /** False when this batch id had already been applied: nothing was written. */
  applied: boolean;
  rows: number;
}

/** A batch's identity: the client's id, its key in storage (scoped to the writer) and the hash of its content. */
export interface BatchRef {
  batchId: string;
  key: string;
  /** Null: not compared on replay (in-process trainers). */
  hash: string | null;
}

/** What a replayed batch id means: the same batch again (a no-op), or a conflict. */
export function checkReplay(ref: BatchRef, kind: BatchKind, prior: { kind: string; hash: string | null } | null | undefined): void {
  if (!prior) return;
  if (prior.kind !== kind) throw new ConflictError(`batchId ${ref.batchId} was already used for a ${prior.kind} batch of this run`);
  if (prior.hash && ref.hash && prior.hash !== ref.hash) {
    throw new ConflictError(`batchId ${ref.batchId} was already used for a batch with different content; use a new batchId for new data`);
  }
}

async function inBatch(runId: string, ref: BatchRef, kind: BatchKind, rows: number, write: (tx: Tx) => Promise<void>): Promise<BatchResult> {
  const db = await getDb();
  const batchId = ref.key;
  try {
    return await db.$transaction(
      async (tx) => {
        const claimed =
          await tx.$executeRaw`INSERT INTO "IngestBatch" ("runId", "batchId", "kind", "rows", "hash") VALUES (${runId}, ${batchId}, ${kind}, ${rows}, ${ref.hash}) ON CONFLICT DO NOTHING`;
        if (claimed === 0) {
          const prior = await tx.ingestBatch.findUnique({ where: { runId_batchId: { runId, batchId } } });
          checkReplay(ref, kind, prior);
          return { applied: false, rows: prior?.rows ?? 0 };
        }
        await write(tx);
        return { applied: true, rows };
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
  } catch (err) {
    throw mapConstraintError(err);
  }
}

function mapConstraintError(err: unknown): unknown {
  const code = (err as { code?: string }).code;
  if (code === 'P2002') {
    const target = JSON.stringify((err as { meta?: unknown }).meta ?? {});
    if (target.includes('step')) return new ConflictError('a step in this batch was already logged for this run');
    return new ConflictError('a record in this batch already exists');
  }
  if (code === 'P2003') return new ConflictError('the run does not exist (it may have been deleted)');
  return err;
}

/** A step as validated by the contract (lib/contract/run-log.ts StepRecord). */
export type StepRow = z.output<typeof StepRecord>;

const json = (v: unknown) => (v === undefined ? undefined : (v as Prisma.InputJsonValue));

export async function writeSteps(runId: string, batch: BatchRef, steps: StepRow[]): Promise<BatchResult> {
  return inBatch(runId, batch, 'steps', steps.length, async (tx) => {
    await tx.metric.createMany({
      data: steps.map((s) => ({
        runId,
        step: s.step,
        stage: s.stage,
        hypervolume: s.hypervolume,
        objectiveMeans: json(s.objectiveMeans),
        weights: json(s.weights),
        loss: s.loss,
        kl: s.kl,
        entropy: s.entropy,
        wallTime: s.wallTime,
        extra: json(s.extra),
        createdAt: new Date(),
      })),
    });
    await appendEvents(
      tx,
      runId,
      steps.map((s) => ({ kind: 'metric', payload: { ...s } })),
    );
    const last = steps.reduce((a, b) => (b.step > a.step ? b : a));
    const run = await tx.run.findUniqueOrThrow({ where: { id: runId }, select: { lastStep: true } });
    if (run.lastStep === null || last.step >= run.lastStep) {
      const withHv = [...steps].reverse().find((s) => s.hypervolume !== undefined && s.step === last.step);
      await tx.run.update({
        where: { id: runId },
        data: { lastStep: last.step, ...(withHv ? { latestHypervolume: withHv.hypervolume } : {}) },
      });
    }
  });
}

export async function writeTrajectories(runId: string, batch: BatchRef, rows: TrajectoryRow[]): Promise<BatchResult> {
  const dialect = await getDialect(); // created and migrated
  let outcome: RawBatchOutcome;
  try {
    outcome = await dialect.writeTrajectoryBatch(runId, batch.key, batch.hash, rows);
  } catch (err) {
    const code = String((err as { code?: string }).code ?? '');
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503') {
      throw new ConflictError('the run does not exist (it may have been deleted)');
    }
    throw err;
  }
  if (!outcome.applied && outcome.priorKind) checkReplay(batch, 'trajectories', { kind: outcome.priorKind, hash: outcome.priorHash ?? null });
  return { applied: outcome.applied, rows: outcome.applied ? rows.length : (outcome.priorRows ?? 0) };
}

export type EvalPointRow = z.output<typeof EvalPointRecord>;

export async function writeEvalPoints(runId: string, batch: BatchRef, rows: EvalPointRow[]): Promise<BatchResult> {
  return inBatch(runId, batch, 'eval-points', rows.length, async (tx) => {
    await tx.evalPoint.createMany({
      data: rows.map((r) => ({ runId, step: r.step, split: r.split, objectives: r.objectives, extra: json(r.extra), createdAt: new Date() })),
    });
    await appendEvents(
      tx,
      runId,
      rows.map((r) => ({ kind: 'eval', payload: { ...r } })),
    );
  });
}

export type FrontierRow = z.output<typeof FrontierRecord>;

const FRONTIER_COLUMNS = [{ name: 'runId' }, { name: 'step' }, { name: 'points', json: true }, { name: 'hypervolume' }];

export async function writeFrontiers(runId: string, batch: BatchRef, rows: FrontierRow[]): Promise<BatchResult> {
  return inBatch(runId, batch, 'frontiers', rows.length, async (tx) => {
    // Points as JSON text in one INSERT: Prisma's createMany costs ~10× the CPU on large point arrays (dialect.ts).
    await currentDialect().insertRows(tx, {
      table: 'FrontierSnapshot',
      columns: FRONTIER_COLUMNS,
      rows: rows.map((r) => [runId, r.step, JSON.stringify(r.points), r.hypervolume]),
      now: new Date(),
    });
    await appendEvents(
      tx,
      runId,
      rows.map((r) => ({ kind: 'frontier', payload: { ...r } })),
    );
    const last = rows.reduce((a, b) => (b.step > a.step ? b : a));
    const run = await tx.run.findUniqueOrThrow({ where: { id: runId }, select: { lastStep: true } });
    if (run.lastStep === null || last.step >= run.lastStep) {
      await tx.run.update({ where: { id: runId }, data: { latestHypervolume: last.hypervolume } });
    }
  });
}
