/**
 * The estimators' objectives: the contract's ObjectiveDef (lib/contract/objective.ts),
 * reference optional. Directions are applied by lib/pareto (`minimizationForm`,
 * `directionsOf`); nothing in lib/paretopo negates an objective.
 */
import { EstimatorObjective } from '../contract/objective';

export const ObjectiveSchema = EstimatorObjective;
export type Objective = EstimatorObjective;

export const ObjectivesSchema = ObjectiveSchema.array()
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
    throw new Error(`invalid option "${option}": "${name}" is not one of the objectives (${objectives.map((o) => o.name).join(', ')})`);
  }
  return i;
}
