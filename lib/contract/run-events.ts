/**
 * The run event feed (GET /api/runs/:id/events, SSE): its kinds and the
 * payload of each, one discriminated union that the server's writers and the
 * browser's decoder share. Payloads are loose objects: a writer may add a
 * field (a status event's workerId, reason) without breaking older readers.
 */
import { z } from 'zod';
import { RunStatus, StepRecord } from './run-log';

/** What a stored RunEvent row announces. `evals` is a framing of the SSE route only (consecutive eval events in one frame). */
export const RUN_EVENT_KINDS = ['metric', 'eval', 'frontier', 'status'] as const;
export const RunEventKind = z.enum(RUN_EVENT_KINDS);
export type RunEventKind = z.infer<typeof RunEventKind>;
/** The SSE event names a feed client listens for: every stored kind, and `evals` (the route's framing of consecutive evals). */
export const FEED_EVENT_NAMES = [...RUN_EVENT_KINDS, 'evals'] as const;

const num = z.number();

/** A logged step, as the run log validated it (StepRecord). */
export const MetricEventPayload = z.looseObject(StepRecord.shape);
export const EvalEventPayload = z.looseObject({
  step: z.number().int(),
  split: z.string().default('test'),
  objectives: z.array(num),
});
export const FrontierEventPayload = z.looseObject({
  step: z.number().int(),
  points: z.array(z.array(num)),
  hypervolume: num,
});
export const StatusEventPayload = z.looseObject({
  status: RunStatus,
  error: z.string().nullish(),
  cancelRequested: z.boolean().optional(),
});

/** One SSE frame of the feed: its event name and its parsed JSON data. */
export const RunEventFrame = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('metric'), payload: MetricEventPayload }),
  z.object({ kind: z.literal('eval'), payload: EvalEventPayload }),
  z.object({ kind: z.literal('evals'), payload: z.array(EvalEventPayload) }),
  z.object({ kind: z.literal('frontier'), payload: FrontierEventPayload }),
  z.object({ kind: z.literal('status'), payload: StatusEventPayload }),
]);
export type RunEventFrame = z.infer<typeof RunEventFrame>;
