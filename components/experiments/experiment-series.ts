/**
 * The experiment page's data for its charts (pure): per task, each method's
 * seeds as point sets on the task's plane (the default axes of its objectives,
 * looked up by name in each run), and the CSVs of the points behind a chart.
 */
import type { ExperimentGroup } from '@/lib/contract/experiment-view';
import { toCsv } from '@/lib/charts/csv';
import { measuredSplit } from '@/lib/runs/eval-hypervolume';
import type { MethodSeeds } from '../charts/attainment-model';
import { defaultPlaneAxes } from '../charts/front-plane-model';
import { runColor } from '../charts/run-colors';

export interface TaskPlane {
  environment: string;
  x: { name: string; maximize: boolean };
  y: { name: string; maximize: boolean };
  methods: MethodSeeds[];
  /** Run ids behind each method's seeds, in the same order. */
  runIds: Record<string, string[]>;
}

export function taskPlanes(groups: readonly ExperimentGroup[]): TaskPlane[] {
  const envs = [...new Set(groups.map((g) => g.environment))];
  const methodsAll = [...new Set(groups.map((g) => g.method))].sort();
  return envs.map((environment) => {
    const gs = groups.filter((g) => g.environment === environment);
    const first = gs[0].objectives;
    const axes = defaultPlaneAxes(first);
    const x = { name: first[axes.x.index]?.name ?? '', maximize: axes.x.maximize };
    const y = { name: first[axes.y.index]?.name ?? '', maximize: axes.y.maximize };
    const runIds: Record<string, string[]> = {};
    const methods = gs.map((g): MethodSeeds => {
      const xi = g.objectives.findIndex((o) => o.name === x.name);
      const yi = g.objectives.findIndex((o) => o.name === y.name);
      const seeds: [number, number][][] = [];
      runIds[g.method] = [];
      for (const r of g.runs) {
        const split = measuredSplit(r.points);
        const pts =
          xi < 0 || yi < 0
            ? []
            : r.points
                .filter((p) => p.split === split)
                .map((p): [number, number] => [p.objectives[xi], p.objectives[yi]])
                .filter((p) => p.every(Number.isFinite));
        if (pts.length === 0) continue; // a run with no evaluations yet is not a seed of the surface
        seeds.push(pts);
        runIds[g.method].push(r.runId);
      }
      return { key: g.method, label: g.method, color: runColor(methodsAll.indexOf(g.method)), seeds };
    });
    return { environment, x, y, methods, runIds };
  });
}

/** Every seed point behind a task's attainment chart. */
export function taskPointsCsv(t: TaskPlane): string {
  return toCsv(
    ['task', 'method', 'run_id', t.x.name, t.y.name],
    t.methods.flatMap((m) => m.seeds.flatMap((s, k) => s.map((p) => [t.environment, m.label, t.runIds[m.key][k], p[0], p[1]]))),
  );
}
