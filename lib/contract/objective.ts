/**
 * The one objective model: an objective has a name, a direction and a
 * hypervolume reference (a worst acceptable value). Every objective vector in
 * Pareto Studio — a task's score, an estimator's input, a logged trajectory or
 * evaluation point, a frontier point, a chart mark — is a plain `number[]` in
 * the order of its run's `ObjectiveDef[]`. Directions are applied only inside
 * lib/pareto (`{ maximize }`), never by hand.
 */
import { z } from 'zod';

export const Direction = z.enum(['maximize', 'minimize']);
export type Direction = z.infer<typeof Direction>;

export const ObjectiveName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a letter then letters, digits or _ (max 64)');

export const ObjectiveDef = z.strictObject({
  name: ObjectiveName,
  direction: Direction,
  /** Reference value of this objective for hypervolume (a worst acceptable value). */
  reference: z.number().finite(),
});
export type ObjectiveDef = z.infer<typeof ObjectiveDef>;

/** What an estimator needs of an objective: its name and direction (the reference is optional there). */
export const EstimatorObjective = ObjectiveDef.partial({ reference: true });
export type EstimatorObjective = z.infer<typeof EstimatorObjective>;
