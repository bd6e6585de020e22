import type { RunView } from '@/lib/contract/run-view';
import { StatusBadge } from '../status-badge';
import { formatNumber } from '../format';
import { RelativeTime } from '../relative-time';
import { ProgressBar } from '../progress-bar';
import { RunActions } from './run-actions';
import { isLiveStatus } from '@/lib/contract/run-log';

export function RunHeader({ run, connected, serverHypervolume }: { run: RunView; connected: boolean; serverHypervolume: number | null }) {
  const hvUnits = run.objectives.map((o) => o.name).join(' × ');
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="run-header">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">{run.name}</h1>
        <span data-testid="run-status">
          <StatusBadge status={run.status} />
        </span>
        {isLiveStatus(run.status) && (
          <span className={`text-xs ${connected ? 'text-emerald-700' : 'text-slate-500'}`} title="Live updates through the run's event stream">
            {connected ? '● live' : '○ reconnecting…'}
          </span>
        )}
        <span className="ml-auto text-xs text-slate-500" title={run.createdAt.toISOString()}>
          created <RelativeTime date={run.createdAt} />
        </span>
        <RunActions run={run} />
      </div>
      {run.source === 'browser' && run.status === 'running' && (
        <p className="rounded-md bg-violet-50 px-3 py-2 text-sm text-violet-800" data-testid="run-browser-note">
          Trained in a browser: the built-in trainer runs in its creator&apos;s tab and logs here through the run log API. It continues while that tab is open;{' '}
          <a className="underline" href={`/runs/${run.id}/train`}>
            open the trainer
          </a>{' '}
          (its creator) to resume it from its last checkpoint.
        </p>
      )}
      {run.status === 'running' && run.lastStep === null && run.source !== 'browser' && (
        <p className="rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-800" data-testid="run-starting-note">
          Starting: the worker is loading this task&apos;s warm start (the base model RL starts from), or training it on first use for this task and seed — a
          few minutes on two cores, once. Charts appear with the first step.
        </p>
      )}
      {run.status === 'queued' && (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600" data-testid="run-queued-note">
          Waiting for a worker. <code className="rounded bg-white px-1">npm start</code> runs one; start more with{' '}
          <code className="rounded bg-white px-1">npm run worker</code>.
        </p>
      )}
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:grid-cols-6">
        <Field label="Environment" value={run.environment} />
        <Field label="Algorithm" value={<span className="font-mono text-xs">{run.algorithm}</span>} />
        <Field label="Seed" value={run.seed} />
        <Field label="Source" value={run.source === 'browser' ? `browser (tfjs)${run.createdBy ? `, trained by ${run.createdBy}` : ''}` : run.source} />
        <Field
          label="Hypervolume (server)"
          value={
            <span className="font-mono tabular-nums">
              <span
                data-testid="run-server-hv"
                title={`Computed by the server from the run's evaluation points: every objective against its reference, in the product of their units (${hvUnits}); comparable between runs with the same objective definitions`}
              >
                {formatNumber(serverHypervolume)}
              </span>
              {run.latestHypervolume !== null && (
                <span
                  className="ml-2 text-xs text-slate-500"
                  title="The latest value the run's trainer sent, on the trainer's own scale (the built-in trainer: its judged objectives, as a fraction of the box between reference and best); not computed by the server"
                  data-testid="run-client-hv"
                >
                  trainer: {formatNumber(run.latestHypervolume)}
                </span>
              )}
              <span className="block font-sans text-xs text-slate-500" data-testid="run-server-hv-units">
                in {hvUnits}
              </span>
            </span>
          }
        />
        <div>
          <dt className="text-xs text-slate-500">Progress</dt>
          <dd className="mt-0.5" data-testid="run-progress">
            <ProgressBar lastStep={run.lastStep} totalSteps={run.totalSteps} />
          </dd>
        </div>
      </dl>
      {run.status === 'failed' && run.error && (
        <pre
          className="max-h-48 overflow-auto whitespace-pre-wrap rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-xs text-rose-800"
          data-testid="run-error"
        >
          {run.error}
        </pre>
      )}
    </div>
  );
}

function Field({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-slate-800">{value}</dd>
    </div>
  );
}
