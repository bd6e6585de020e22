/**
 * Objective definitions and the one place where directions are applied for
 * Pareto comparisons: `toMinimization` turns raw objective vectors into the
 * internal minimization form (maximize objectives are negated). Nothing else
 * in lib/paretopo negates an objective.
 *
 * Complexity: O(n·d). Empty input gives an empty matrix.
 */
import { z } from 'zod';

export const ObjectiveSchema = z.strictObject({
  name: z.string().min(1).describe('Objective name, e.g. "accuracy", "tool_calls", "tokens".'),
  direction: z.enum(['maximize', 'minimize']).describe('Whether larger or smaller values are better.'),
});
export type Objective = z.infer<typeof ObjectiveSchema>;

export const ObjectivesSchema = z
  .array(ObjectiveSchema)
  .min(2, 'at least two objectives are required')
  .refine((os) => new Set(os.map((o) => o.name)).size === os.length, 'objective names must be unique');

/** Validates an objective list; throws an Error naming the bad entry. */
export function parseObjectives(objectives: unknown): Objective[] {
  const r = ObjectivesSchema.safeParse(objectives);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue.path.length ? `objectives[${issue.path.join('].')}` : 'objectives';
    throw new Error(`invalid ${where}: ${issue.message}`);
  }
  return r.data;
}

/** Index of the objective called `name`; throws naming `option` if absent. */
export function objectiveIndex(objectives: readonly Objective[], name: string, option: string): number {
  const i = objectives.findIndex((o) => o.name === name);
  if (i < 0) {
    throw new Error(
      `invalid option "${option}": "${name}" is not one of the objectives (${objectives.map((o) => o.name).join(', ')})`,
    );
  }
  return i;
}

/** Row-major G×d matrix, the flat form lib/pareto accepts as a PointSet. */
export interface Matrix {
  data: Float64Array;
  dim: number;
}

/** Raw objective rows -> minimization form (maximize columns negated). */
export function toMinimization(rows: readonly (readonly number[])[], objectives: readonly Objective[]): Matrix {
  const d = objectives.length;
  const data = new Float64Array(rows.length * d);
  for (let i = 0; i < rows.length; i++) {
    for (let k = 0; k < d; k++) {
      const v = rows[i][k];
      data[i * d + k] = objectives[k].direction === 'maximize' ? -v : v;
    }
  }
  return { data, dim: d };
}
