/**
 * Memo of `evalHypervolume` per run, for reads that repeat: the compare page
 * re-reads 20 runs every 2 s while one trains, the run page asks again after
 * every batch of evaluation points. Evaluation points are append-only (never
 * updated or deleted while the run exists), so for one run the same number
 * of points means the same points: an entry is (run, objective definitions,
 * series or not) → (point count, result) and is recomputed as soon as the
 * count differs. Least recently used entries go beyond `capacity`.
 */
import { evalHypervolume, type EvalHypervolume, type EvalHypervolumeOptions, type EvalPointLike } from './eval-hypervolume';
import type { ObjectiveDef } from '../contract/run-log';

export class EvalHypervolumeCache {
  private readonly entries = new Map<string, { count: number; value: EvalHypervolume }>();

  constructor(readonly capacity = 512) {}

  get size(): number {
    return this.entries.size;
  }

  /** `evalHypervolume(points, objectives, options)`, from the memo when this run's point count has not changed. */
  get(runId: string, points: readonly EvalPointLike[], objectives: readonly ObjectiveDef[], options: EvalHypervolumeOptions = {}): EvalHypervolume {
    const key = `${runId}\u0000${options.series === false ? 'lean' : 'series'}\u0000${JSON.stringify(objectives)}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key); // re-inserted below: most recently used last
      if (hit.count === points.length) {
        this.entries.set(key, hit);
        return hit.value;
      }
    }
    const value = evalHypervolume(points, objectives, options);
    this.entries.set(key, { count: points.length, value });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

const g = globalThis as unknown as { __paretoEvalHvCache?: EvalHypervolumeCache };

/** The server process's memo (one per process: Next bundles routes and pages apart, so it lives on globalThis). */
export function evalHypervolumeCache(): EvalHypervolumeCache {
  return (g.__paretoEvalHvCache ??= new EvalHypervolumeCache());
}
