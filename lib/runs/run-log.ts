/**
 * The run log: the only write path for run data. The built-in trainer, the
 * HTTP ingest API and client SDKs all call these functions. Every call is
 * validated in full before anything is written; a batch is one transaction and
 * is applied at most once per client-chosen batch id.
 */
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
import { ConflictError, ValidationError, type FieldIssue } from '../errors';
import {
  CreateRunInput,
  EvalPointBatch,
  FinishInput,
  FrontierBatch,
  StepBatch,
  TrajectoryBatch,
  TrajectoryRecord,
} from './schemas';

export function parse<T extends z.ZodType>(schema: T, input: unknown, prefix = ''): z.infer<T> {
  const res = schema.safeParse(input);
  if (!res.success) throw ValidationError.fromZod(res.error, prefix);
  return res.data;
}

export async function startRun(input: unknown): Promise<{ run: RunView; created: boolean }> {
  const data = parse(CreateRunInput, input);
  return createRun(data);
}

type WriteState = Awaited<ReturnType<typeof getRunWriteState>>;

async function writableRun(runId: string): Promise<WriteState> {
  const run = await getRunWriteState(runId);
  if (run.status === 'finished' || run.status === 'failed' || run.status === 'cancelled') {
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

export async function logSteps(runId: string, batch: unknown): Promise<BatchResult> {
  const { batchId, records } = parse(StepBatch, batch);
  const run = await writableRun(runId);
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
  return writeSteps(runId, batchId, records);
}

export async function logTrajectories(runId: string, batch: unknown): Promise<BatchResult> {
  const { batchId, records } = parse(TrajectoryBatch, batch);
  const run = await writableRun(runId);
  checkVectorLengths(run, records);
  return writeTrajectories(runId, batchId, records.map((t) => toTrajectoryRow(runId, t)));
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

export async function logEvalPoints(runId: string, batch: unknown): Promise<BatchResult> {
  const { batchId, records } = parse(EvalPointBatch, batch);
  const run = await writableRun(runId);
  checkVectorLengths(run, records);
  return writeEvalPoints(runId, batchId, records);
}

export async function logFrontiers(runId: string, batch: unknown): Promise<BatchResult> {
  const { batchId, records } = parse(FrontierBatch, batch);
  const run = await writableRun(runId);
  const issues: FieldIssue[] = [];
  records.forEach((r, i) =>
    r.points.forEach((p, j) => {
      if (p.length !== run.objectives.length) {
        issues.push({ path: `records[${i}].points[${j}]`, message: `has ${p.length} values; this run has ${run.objectives.length} objectives` });
      }
    }),
  );
  if (issues.length) throw new ValidationError(issues);
  return writeFrontiers(runId, batchId, records);
}

/** Ends a run: finished, failed (with its error) or cancelled. Idempotent. */
export async function finishRun(runId: string, input: unknown): Promise<RunView> {
  const data = parse(FinishInput, input);
  await finishRunRow(runId, data.status, data.status === 'failed' ? data.error : undefined);
  return getRunOrThrow(runId);
}
