/**
 * The run's archive of test evaluations. Every evaluation is a vector in the
 * run's objective order (`runObjectives(config)`, an ObjectiveDef[]); the
 * archive judges it on the objectives the estimator trains on
 * (`config.objectives`, any number ≥ 2) with lib/pareto's ParetoArchive, so
 * the front and its hypervolume are maintained incrementally (no recompute
 * per step). Directions go to lib/pareto as `{ maximize }`.
 *
 * The run hypervolume is the archive's hypervolume against the judged
 * objectives' references, divided by the box between each reference and the
 * objective's best value (OBJECTIVE_BEST), so it lies in [0, 1]. With the
 * default objectives (accuracy, tool_calls) it equals runHypervolume of the
 * paper table. Empty archive: 0.
 */
import type { ObjectiveDef } from '../contract/objective';
import { directionsOf, ParetoArchive } from '../pareto';

/** An evaluation of the run, as kept in the archive and the checkpoint: its step and full objective vector. */
export interface ArchivedEval {
  step: number;
  objectives: number[];
}

export class RunArchive {
  /** Every evaluation added, in order (what a checkpoint stores). */
  readonly evals: ArchivedEval[] = [];
  private readonly front: ParetoArchive;
  private readonly judged: number[];
  private readonly box: number;

  /**
   * @param objectives the run's objectives (every evaluation vector has one value per entry)
   * @param judged names of the objectives the front is taken over, a subset of `objectives`
   * @param best best attainable value of each objective, by name (the far corner of the hypervolume box)
   */
  constructor(objectives: readonly ObjectiveDef[], judged: readonly string[], best: Readonly<Record<string, number>>) {
    this.judged = judged.map((name) => {
      const k = objectives.findIndex((o) => o.name === name);
      if (k < 0) throw new Error(`objective "${name}" is not one of the run's (${objectives.map((o) => o.name).join(', ')})`);
      return k;
    });
    const defs = this.judged.map((k) => objectives[k]);
    this.front = new ParetoArchive(
      defs.map((o) => o.reference),
      directionsOf(defs),
    );
    this.box = defs.reduce((b, o) => b * Math.abs(o.reference - (best[o.name] ?? 0)), 1);
  }

  add(e: ArchivedEval): void {
    this.evals.push(e);
    this.front.insert(
      this.judged.map((k) => e.objectives[k]),
      e,
    );
  }

  /** The run hypervolume in [0, 1]. */
  get hypervolume(): number {
    return this.box > 0 ? this.front.hypervolume / this.box : 0;
  }

  /** Full vectors of the non-dominated evaluations, oldest first. */
  frontVectors(): number[][] {
    return this.front
      .entries()
      .map((x) => x.payload as ArchivedEval)
      .sort((a, b) => a.step - b.step)
      .map((e) => e.objectives);
  }
}
