'use client';
/** The live run page: header, training curves, the objective plane and the trajectories, fed by the run's event stream. */
import { useDeferredValue, useState } from 'react';
import type { RunView as Run } from '@/lib/contract/run-view';
import { useServerHypervolume } from '@/lib/client/use-server-hypervolume';
import { RunNotes, type Annotations } from './run-notes';
import { useRunEvents } from '@/lib/client/use-run-events';
import { useTrajectoryPoints } from '@/lib/client/use-trajectory-points';
import { FrontPlane } from '../charts/front-plane';
import { FrontCoordinates } from './front-coordinates';
import { RunHeader } from './run-header';
import { HypervolumeChart, ObjectiveMeansCharts, WeightsChart } from './run-charts';
import { TrajectoriesTable } from './trajectories-table';
import { weightsCard } from './weights-card';
import { Card } from '../card';
import { isLiveStatus } from '@/lib/contract/run-log';

export function RunView({ initialRun, initialStep }: { initialRun: Run; initialStep?: number }) {
  const live = useRunEvents(initialRun);
  const { metrics, evalPoints } = live;
  // The plane and the front redraw at low priority: a replay of many points renders the latest state, not every batch.
  const deferredEvalPoints = useDeferredValue(evalPoints);
  const [annotations, setAnnotations] = useState<Annotations>({ notes: initialRun.notes, tags: initialRun.tags });
  const run = { ...live.run, ...annotations };
  const serverHv = useServerHypervolume(run.id, evalPoints.length);
  const running = isLiveStatus(run.status);
  const cloud = useTrajectoryPoints(run.id, { live: running });
  const weights = weightsCard(run.algorithm, run.config, run.objectives);

  return (
    <div className="space-y-4">
      <RunHeader run={run} connected={live.connected} serverHypervolume={serverHv.hypervolume?.latest ?? null} />
      <Card title="Notes" testId="card-notes">
        <RunNotes runId={run.id} value={annotations} onSaved={setAnnotations} />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card
          title="Hypervolume"
          subtitle="Of the Pareto archive of evaluation points, per training step: as the trainer reported it, and as the server computes it from the evaluation points with the run's references."
          testId="card-hypervolume"
        >
          <HypervolumeChart metrics={metrics} server={serverHv.hypervolume} />
        </Card>
        <Card title="Scalarization weights" subtitle={weights.subtitle} testId="card-weights">
          <WeightsChart metrics={metrics} objectives={run.objectives} fixed={weights.fixed} empty={weights.empty} />
        </Card>
        <Card title="Objective plane" subtitle="Evaluation points by step, the current front, and the training rollouts behind them." testId="card-plane">
          <FrontPlane objectives={run.objectives} evalPoints={deferredEvalPoints} cloud={cloud} />
        </Card>
        <Card title="Objective means" subtitle="Mean over each step's training rollouts." testId="card-means">
          <ObjectiveMeansCharts metrics={metrics} objectives={run.objectives} />
        </Card>
        {run.objectives.length >= 3 && (
          <Card
            title="The front over all objectives"
            subtitle="Evaluation points no other point beats on every objective at once, one line each (better is up on every axis, colour is the step). Drag along an axis to keep a range; the table lists the points inside every brush."
            className="lg:col-span-2"
            testId="card-front-coordinates"
          >
            <FrontCoordinates objectives={run.objectives} evalPoints={deferredEvalPoints} />
          </Card>
        )}
        <Card
          title="Trajectories"
          id="trajectories"
          subtitle="Rollouts with their tool calls and tool outputs, objective vector, Pareto rank within the group and advantage."
          className="lg:col-span-2"
          testId="card-trajectories"
        >
          <TrajectoriesTable runId={run.id} objectives={run.objectives} lastStep={run.lastStep} initialStep={initialStep} />
        </Card>
      </div>
    </div>
  );
}
