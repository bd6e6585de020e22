/**
 * The server's hypervolume of a run's evaluation points (GET
 * /api/runs/:id/hypervolume, the compare view, the runs list): computed by
 * lib/runs/eval-hypervolume, read by the run page and the compare view.
 */
import { z } from 'zod';

export const EvalHypervolumeSchema = z.object({
  /** The split measured (null: the run has no usable points). */
  split: z.string().nullable(),
  /** Evaluated steps, ascending. */
  steps: z.array(z.number()),
  atStep: z.array(z.number()),
  archive: z.array(z.number()),
  /** Hypervolume of the points of the last evaluated step. */
  final: z.number().nullable(),
  /** Hypervolume of every point up to the last evaluated step. */
  latest: z.number().nullable(),
  /** Mean of each objective over the points of the last evaluated step, by name. */
  finalMeans: z.record(z.string(), z.number()).nullable(),
});
export type EvalHypervolume = z.infer<typeof EvalHypervolumeSchema>;
