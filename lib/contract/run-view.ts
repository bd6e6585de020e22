/**
 * Response shapes of runs (GET /api/runs, /api/runs/:id, the run page): what
 * lib/db returns and the UI reads. Dates are Date objects on the server and
 * ISO strings on the wire (lib/client/wire.ts converts them once).
 */
import { z } from 'zod';
import { ObjectiveDef } from './objective';
import { RunSource, RunStatus } from './run-log';

export const RunViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  environment: z.string(),
  algorithm: z.string(),
  config: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  status: RunStatus,
  source: RunSource,
  objectives: z.array(ObjectiveDef),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  error: z.string().nullable(),
  totalSteps: z.number().int().nullable(),
  lastStep: z.number().int().nullable(),
  latestHypervolume: z.number().nullable(),
  experiment: z.object({ id: z.string(), name: z.string() }).nullable(),
  workerId: z.string().nullable(),
  heartbeatAt: z.date().nullable(),
  cancelRequestedAt: z.date().nullable(),
  attempts: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  /** Name of the API token that created the run (team mode; a browser run: its trainer's), or null. */
  createdBy: z.string().nullable(),
});
export type RunView = z.infer<typeof RunViewSchema>;

/** What the runs list shows beside a run: the server's hypervolumes and final objective values (null: no evaluation points). */
export const RunEvaluationSchema = z.object({
  /** Hypervolume of every evaluation point of the measured split (the run's archive), computed on read. */
  hypervolume: z.number().nullable(),
  /** Hypervolume of the points of the last evaluated step (the final policy). */
  finalHypervolume: z.number().nullable(),
  finalMeans: z.record(z.string(), z.number()).nullable(),
  split: z.string().nullable(),
});
export type RunEvaluation = z.infer<typeof RunEvaluationSchema>;

export const RunListItemSchema = RunViewSchema.extend({ evaluation: RunEvaluationSchema });
export type RunListItem = z.infer<typeof RunListItemSchema>;
