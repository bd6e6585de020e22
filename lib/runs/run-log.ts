/**
 * The run log: the only write path for run data. The built-in trainer, the
 * HTTP ingest API and client SDKs all call these functions. Every call is
 * validated in full before anything is written; a batch is one transaction and
 * is applied at most once per client-chosen batch id.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import {
  createRun,
  finishRunRow,
  getRunOrThrow,
  getRunWriteState,
  writeEvalPoints,
  writeFrontiers,
  writeSteps,
  writeTrajectories,
  type BatchResult,
  type RunView,
  type TrajectoryRow,
} from '../db';
import { ConflictError, ForbiddenError, ValidationError, type FieldIssue } from '../errors';
import { CreateRunInput, EvalPointBatch, FinishInput, FrontierBatch, StepBatch, TrajectoryBatch, TrajectoryRecord, isFinalStatus } from '../contract/run-log';

export function parse<T extends z.ZodType>(schema: T, input: unknown, prefix = ''): z.infer<T> {
  const res = schema.safeParse(input);
  if (!res.success) throw ValidationError.fromZod(res.error, prefix);
  return res.data;
}

/** Who is writing: decides which runs accept the write and whose batch ids it uses. */
export interface WriterContext {
  /** The worker holding the run's claim. Built-in runs accept writes from it alone. */
  workerId?: string;
  /**
   * Namespace of the writer's batch ids (over HTTP: its token), so one writer
   * can never pre-empt or collide with another's batch by guessing its id.
   */
  batchScope?: string;
  /** The API token creating a run (team mode). */
  createdByTokenId?: string | null;
}

/** The claim a run created by an in-process trainer is born with (so only that trainer writes to it). */
export function newInProcessClaim(): string {
  return `inproc-${crypto.randomBytes(4).toString('hex')}`;
}

export async function startRun(input: unknown, ctx: WriterContext = {}): Promise<{ run: RunView; created: boolean }> {
  const data = parse(CreateRunInput, input);
  // A running built-in run created in process (npm run train) is claimed by its creator.
  const claim = data.source === 'builtin' && data.status === 'running' ? (ctx.workerId ?? null) : null;
  return createRun({ ...data, createdByTokenId: ctx.createdByTokenId ?? null, workerId: claim });
}

type WriteState = Awaited<ReturnType<typeof getRunWriteState>>;

/** Built-in runs are trained here: only the worker that holds the claim may write to them. */
function checkWriter(runId: string, run: WriteState, ctx: WriterContext): void {
  if (run.source === 'builtin' && (!ctx.workerId || ctx.workerId !== run.workerId)) {
    throw new ForbiddenError(`run ${runId} is a built-in run: only the worker that holds its claim writes to it`);
  }
}

/**
 * A batch's key in storage and the sha256 of its validated records: a client
 * (HTTP, scoped) reusing an id with other content gets a conflict. In-process
 * trainers are not scoped and not hashed: a resumed run re-sends its step under
 * the same deterministic id with other timings, and the first write wins.
 */
function batchKey(batchId: string, records: unknown, ctx: WriterContext): { key: string; hash: string | null } {
  if (!ctx.batchScope) return { key: batchId, hash: null };
  return { key: `${ctx.batchScope}/${batchId}`, hash: crypto.createHash('sha256').update(JSON.stringify(records)).digest('hex') };
}

export async function writableRun(runId: string, ctx: WriterContext): Promise<WriteState> {
  const run = await getRunWriteState(runId);
  checkWriter(runId, run, ctx);
  if (isFinalStatus(run.status)) {
    throw new ConflictError(`run ${runId} is ${run.status}; it accepts no more data`);
  }
  return run;
}

function checkVectorLengths(run: WriteState, rows: { objectives: number[] }[]): void {
  const d = run.objectives.length;
  const issues: FieldIssue[] = [];
  rows.forEach((r, i) => {
    if (r.objectives.length !== d) {
      issues.push({
        path: `records[${i}].objectives`,
        message: `has ${r.objectives.length} values; this run has ${d} objectives (${run.objectives.map((o) => o.name).join(', ')})`,
      });
    }
  });
  if (issues.length) throw new ValidationError(issues);
}

export async function logSteps(runId: string, batch: unknown, ctx: WriterContext = {}): Promise<BatchResult> {
  const { batchId, records } = parse(StepBatch, batch);
  const run = await writableRun(runId, ctx);
  const issues: FieldIssue[] = [];
  const seen = new Set<number>();
  records.forEach((r, i) => {
    if (r.weights && r.weights.length !== run.objectives.length) {
      issues.push({ path: `records[${i}].weights`, message: `has ${r.weights.length} values; this run has ${run.objectives.length} objectives` });
    }
    if (seen.has(r.step)) issues.push({ path: `records[${i}].step`, message: `step ${r.step} appears twice in this batch` });
    seen.add(r.step);
  });
  if (issues.length) throw new ValidationError(issues);
  return writeSteps(runId, { ...batchKey(batchId, records, ctx), batchId }, records);
}

export async function logTrajectories(runId: string, batch: unknown, ctx: WriterContext = {}): Promise<BatchResult> {
  const { batchId, records } = parse(TrajectoryBatch, batch);
  const run = await writableRun(runId, ctx);
  checkVectorLengths(run, records);
  return writeTrajectories(
    runId,
    { ...batchKey(batchId, records, ctx), batchId },
    records.map((t) => toTrajectoryRow(runId, t)),
  );
}

/** A validated trajectory record as a storage row (JSON columns as text). */
export function toTrajectoryRow(runId: string, t: z.output<typeof TrajectoryRecord>): TrajectoryRow {
  return {
    runId,
    step: t.step,
    group: t.group,
    index: t.index,
    split: t.split,
    prompt: t.prompt,
    tokens: JSON.stringify(t.tokens),
    objectives: JSON.stringify(t.objectives),
    rank: t.rank ?? null,
    advantage: t.advantage ?? null,
    reward: t.reward ?? null,
  };
}

export async function logEvalPoints(runId: string, batch: unknown, ctx: WriterContext = {}): Promise<BatchResult> {
  const { batchId, records } = parse(EvalPointBatch, batch);
  const run = await writableRun(runId, ctx);
  checkVectorLengths(run, records);
  return writeEvalPoints(runId, { ...batchKey(batchId, records, ctx), batchId }, records);
}

export async function logFrontiers(runId: string, batch: unknown, ctx: WriterContext = {}): Promise<BatchResult> {
  const { batchId, records } = parse(FrontierBatch, batch);
  const run = await writableRun(runId, ctx);
  const issues: FieldIssue[] = [];
  records.forEach((r, i) =>
    r.points.forEach((p, j) => {
      if (p.length !== run.objectives.length) {
        issues.push({ path: `records[${i}].points[${j}]`, message: `has ${p.length} values; this run has ${run.objectives.length} objectives` });
      }
    }),
  );
  if (issues.length) throw new ValidationError(issues);
  return writeFrontiers(runId, { ...batchKey(batchId, records, ctx), batchId }, records);
}

/** Ends a run: finished, failed (with its error) or cancelled. Idempotent. */
export async function finishRun(runId: string, input: unknown, ctx: WriterContext = {}): Promise<RunView> {
  const data = parse(FinishInput, input);
  const run = await getRunWriteState(runId);
  checkWriter(runId, run, ctx);
  await finishRunRow(runId, data.status, data.status === 'failed' ? data.error : undefined, run.source === 'builtin' ? ctx.workerId : undefined);
  return getRunOrThrow(runId);
}
