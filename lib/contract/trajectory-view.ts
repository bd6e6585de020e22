/**
 * Logged trajectories as the run page reads them: the list (GET
 * /api/runs/:id/trajectories) and the cloud of objective vectors in columns
 * (GET /api/runs/:id/trajectory-points). lib/db/run-data and run-views build them.
 */
import { z } from 'zod';

/** A logged trajectory as stored (lib/agent's Trajectory is the in-process rollout). */
export const LoggedTrajectorySchema = z.object({
  id: z.number().int(),
  step: z.number().int(),
  group: z.number().int(),
  index: z.number().int(),
  /** train | eval (TrajectorySplit when written through the run log). */
  split: z.string(),
  prompt: z.string(),
  /** Generated tokens with tool calls and outputs, in order. */
  tokens: z.array(z.object({ kind: z.string(), text: z.string() })),
  /** In the order of the run's objective definitions. */
  objectives: z.array(z.number()),
  rank: z.number().int().nullable(),
  advantage: z.number().nullable(),
  reward: z.number().nullable(),
});
export type LoggedTrajectory = z.infer<typeof LoggedTrajectorySchema>;

export const TrajectoryPageSchema = z.object({
  trajectories: z.array(LoggedTrajectorySchema),
  /** Trajectory id to continue after, null on the last page. */
  nextCursor: z.number().int().nullable(),
});
export type TrajectoryPage = z.infer<typeof TrajectoryPageSchema>;

/** The trajectory cloud in columns: `values` is row-major, ids.length × dim (null where a stored value is not finite). */
export const TrajectoryPointsViewSchema = z.object({
  dim: z.number().int(),
  ids: z.array(z.number().int()),
  steps: z.array(z.number().int()),
  values: z.array(z.number().nullable()),
  nextCursor: z.number().int().nullable(),
});
export type TrajectoryPointsView = z.infer<typeof TrajectoryPointsViewSchema>;
