/**
 * What an experiment page shows (GET /api/experiments/:name, the page's
 * server render): its runs grouped by task × method with their evaluation
 * points, the reproduction table, the paired comparison and the parameter
 * analysis. lib/db/experiment-view builds it from lib/experiments' results.
 */
import { z } from 'zod';
import { ObjectiveDef } from './objective';

/** One row of the reproduction table: per task and method, one value per seed (lib/experiments buildRows). */
export const TableRowSchema = z.object({
  env: z.string(),
  method: z.string(),
  n: z.number().int(),
  accuracy: z.array(z.number()),
  toolCalls: z.array(z.number()),
  hvFinal: z.array(z.number()),
  hvArchive: z.array(z.number()),
});
export type TableRow = z.infer<typeof TableRowSchema>;

/** ParetoPO minus one other method on the final test hypervolume, paired by seed, with a 95% bootstrap interval. */
export const PairedRowSchema = z.object({
  env: z.enum(['calc', 'hops']),
  baseline: z.string(),
  n: z.number().int(),
  mean: z.number(),
  lo: z.number(),
  hi: z.number(),
  wins: z.number().int(),
  ties: z.number().int(),
});
export type PairedRow = z.infer<typeof PairedRowSchema>;

/** A config knob of an experiment's runs (flattened to a dotted key). */
export const KnobSchema = z.object({
  key: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  /** One value per run, in input order; null where the run does not set it. */
  values: z.array(z.union([z.number(), z.string()]).nullable()),
});
export type Knob = z.infer<typeof KnobSchema>;

export const KnobImportanceSchema = z.object({
  key: z.string(),
  kind: z.enum(['numeric', 'categorical']),
  method: z.enum(['spearman-rho2', 'rank-eta2']),
  /** Share of the hypervolume ranks' variance explained, in [0, 1]; null: too few runs or no spread. */
  score: z.number().nullable(),
  /** Spearman's ρ (numeric knobs). */
  rho: z.number().nullable(),
  /** The value with the highest mean hypervolume rank (categorical knobs). */
  best: z.string().nullable(),
  /** Runs counted. */
  n: z.number().int(),
});
export type KnobImportance = z.infer<typeof KnobImportanceSchema>;

/** A final objective mean (or the final hypervolume) per run. */
export const OutcomeSchema = z.object({
  key: z.string(),
  label: z.string(),
  maximize: z.boolean(),
  values: z.array(z.number().nullable()),
});
export type Outcome = z.infer<typeof OutcomeSchema>;

/** The parameter analysis of one task (environment). */
export const ParameterTaskSchema = z.object({
  environment: z.string(),
  runs: z.array(z.object({ id: z.string(), name: z.string(), method: z.string(), seed: z.number().int(), status: z.string() })),
  knobs: z.array(KnobSchema),
  /** Final mean of each objective, then the final hypervolume. */
  outcomes: z.array(OutcomeSchema),
  importance: z.array(KnobImportanceSchema),
});
export type ParameterTask = z.infer<typeof ParameterTaskSchema>;

export const ExperimentGroupRunSchema = z.object({
  runId: z.string(),
  name: z.string(),
  seed: z.number().int(),
  status: z.string(),
  points: z.array(z.object({ step: z.number().int(), split: z.string(), objectives: z.array(z.number()) })),
});
export type ExperimentGroupRun = z.infer<typeof ExperimentGroupRunSchema>;

export const ExperimentGroupSchema = z.object({
  environment: z.string(),
  method: z.string(),
  objectives: z.array(ObjectiveDef),
  runs: z.array(ExperimentGroupRunSchema),
});
export type ExperimentGroup = z.infer<typeof ExperimentGroupSchema>;

export const ExperimentViewSchema = z.object({
  name: z.string(),
  description: z.string().nullable(),
  runs: z.number().int(),
  groups: z.array(ExperimentGroupSchema),
  table: z.array(TableRowSchema),
  tableCsv: z.string(),
  /** ParetoPO minus each other method (and the base policy) on the final test hypervolume, paired by seed, with 95% bootstrap intervals. */
  paired: z.array(PairedRowSchema),
  pairedCsv: z.string(),
  /** Knobs against final objectives and hypervolume, with the knobs' importance, per task (lib/experiments/parameter-analysis). */
  parameters: z.array(ParameterTaskSchema),
});
export type ExperimentView = z.infer<typeof ExperimentViewSchema>;
