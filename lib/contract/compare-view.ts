/**
 * What the compare page draws for 2–20 runs (GET /api/compare, the page's
 * server render): each run with its evaluation points as columns, training
 * metrics as columns, the server's hypervolume series, and the indicator table
 * against the union front. lib/db/compare-view builds it.
 */
import { z } from 'zod';
import { EvalHypervolumeSchema } from './eval-hypervolume';
import { ObjectiveDef } from './objective';
import { RunViewSchema } from './run-view';

/** One run's row of the indicator table (lib/compare). */
export const IndicatorRowSchema = z.object({
  runId: z.string(),
  /** Last evaluated step (of the measured split), null without points. */
  finalStep: z.number().nullable(),
  finalHypervolume: z.number().nullable(),
  archiveHypervolume: z.number().nullable(),
  igdPlus: z.number().nullable(),
  epsilonAdditive: z.number().nullable(),
});
export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

/** The run's evaluation points of its measured split, as columns: `values` is row-major, steps.length × run.objectives.length. */
export const ComparePointsSchema = z.object({
  split: z.string().nullable(),
  steps: z.array(z.number()),
  values: z.array(z.number()),
});
export type ComparePoints = z.infer<typeof ComparePointsSchema>;

/** Training metrics as columns (one entry per logged step): what the overlaid curves need, nothing else. */
export const CompareMetricsSchema = z.object({
  steps: z.array(z.number()),
  wallTime: z.array(z.number().nullable()),
  /** Mean of each of the run's objectives, by name. */
  means: z.record(z.string(), z.array(z.number().nullable())),
  weights: z.array(z.array(z.number()).nullable()),
});
export type CompareMetrics = z.infer<typeof CompareMetricsSchema>;

export const CompareRunSchema = z.object({
  run: RunViewSchema,
  points: ComparePointsSchema,
  metrics: CompareMetricsSchema,
  hypervolume: EvalHypervolumeSchema,
});
export type CompareRun = z.infer<typeof CompareRunSchema>;

export const CompareViewSchema = z.object({
  runs: z.array(CompareRunSchema),
  /** Objectives every run shares (name and direction): the plane's axes and the indicators' space. */
  shared: z.array(ObjectiveDef),
  unionFront: z.array(z.array(z.number())),
  indicators: z.array(IndicatorRowSchema),
});
export type CompareView = z.infer<typeof CompareViewSchema>;
