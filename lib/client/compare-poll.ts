/**
 * Keeping the compare page still when a poll brings nothing new.
 *
 * The page re-reads GET /api/compare every 2 s while a compared run is queued
 * or running, and each answer is a new object, so without this every chart of
 * 2–20 runs is recomputed and redrawn every 2 s even while the one live run is
 * still queued or between evaluations. `mergeComparePoll` keeps the previous
 * view when no run changed in what the page draws, and otherwise keeps the
 * previous object of each run that did not change.
 *
 * "Changed" is judged on the run's record without its liveness clocks
 * (`heartbeatAt`, `updatedAt`: they tick while a run trains; the page shows
 * neither) and on the ends of its append-only series: counts and last entries
 * of the evaluation points, training metrics and hypervolume series. A run
 * that resumes and re-logs its last steps changes `attempts` and the last
 * wall time, so it counts as changed too.
 */
import type { CompareRun, CompareView } from '../contract/compare-view';

export function compareRunKey(r: CompareRun): string {
  const { heartbeatAt: _h, updatedAt: _u, ...run } = r.run;
  const { points, metrics, hypervolume } = r;
  return JSON.stringify([
    run,
    points.split,
    points.steps.length,
    points.steps.at(-1),
    points.values.length,
    points.values.at(-1),
    metrics.steps.length,
    metrics.steps.at(-1),
    metrics.wallTime.at(-1),
    hypervolume.split,
    hypervolume.steps.length,
    hypervolume.latest,
    hypervolume.final,
  ]);
}

/** `prev` itself when nothing the page draws changed; else `next` with the unchanged runs' objects from `prev`. */
export function mergeComparePoll(prev: CompareView, next: CompareView): CompareView {
  const before = new Map(prev.runs.map((r) => [r.run.id, { run: r, key: compareRunKey(r) }]));
  let changed = prev.runs.length !== next.runs.length;
  const runs = next.runs.map((r, i) => {
    const old = before.get(r.run.id);
    if (old && old.key === compareRunKey(r)) {
      if (prev.runs[i] !== old.run) changed = true; // same runs, new order
      return old.run;
    }
    changed = true;
    return r;
  });
  return changed ? { ...next, runs } : prev;
}
