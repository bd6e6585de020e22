'use client';
/**
 * Trains a browser run in this tab: the same trainer as the worker
 * (lib/worker/train-run.ts → lib/training), on tfjs's WebGPU backend when
 * navigator.gpu exists (wasm, else cpu, otherwise — said on screen), with the
 * tfjs training pass, writing through the HTTP run log (checkpoints included).
 * Opening the page on a running run resumes it from its latest checkpoint, so
 * a reload continues where the last checkpoint left off; steps the tab logged
 * after that checkpoint are re-sent under the same batch ids and not duplicated.
 */
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { initBackend } from '@/lib/agent/backend';
import { browserRunLogTransport } from '@/lib/client/run-log-transport';
import { HttpRunLog } from '@/lib/runs/http-run-log';
import type { TrainProgress } from '@/lib/training/run-training';
import { trainBuiltinRun, type StopReason, type TrainOutcome } from '@/lib/worker/train-run';

export interface BrowserTrainerRun {
  id: string;
  name: string;
  status: string;
  seed: number;
  config: Record<string, unknown>;
  totalSteps: number | null;
}

type Phase = 'starting' | 'warm-start' | 'training' | 'paused' | TrainOutcome | 'failed';

export function BrowserTrainer({ run }: { run: BrowserTrainerRun }) {
  const [phase, setPhase] = useState<Phase>(run.status === 'running' ? 'starting' : (run.status as Phase));
  const [backend, setBackend] = useState<string | null>(null);
  const [resumedAfter, setResumedAfter] = useState<number | null | undefined>(undefined);
  const [progress, setProgress] = useState<TrainProgress | null>(null);
  const [stepSeconds, setStepSeconds] = useState<number[]>([]);
  const [warm, setWarm] = useState<[number, number] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stop = useRef<StopReason | null>(null);
  const busy = useRef(false);
  /** The page is going away (reload, navigation): requests it had in flight fail, and that is no failure of the run. */
  const leaving = useRef(false);

  const train = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    stop.current = null;
    setError(null);
    setPhase('starting');
    try {
      setBackend(await initBackend());
      let last = performance.now();
      const outcome = await trainBuiltinRun({
        log: new HttpRunLog(run.id, browserRunLogTransport()),
        config: run.config,
        seed: run.seed,
        stopReason: async () => stop.current,
        claimLost: () => leaving.current,
        // Pause: the run stays running; this page (or a reload) resumes it from its checkpoint.
        release: async () => undefined,
        onStart: (after) => {
          setResumedAfter(after);
          setPhase('training');
          last = performance.now();
        },
        onWarmStart: (s, n) => {
          setPhase('warm-start');
          setWarm([s, n]);
        },
        onProgress: (p) => {
          const now = performance.now();
          const seconds = (now - last) / 1000; // read before `last` moves on (the state updater runs later)
          if (p.step > 0) setStepSeconds((xs) => [...xs, seconds]);
          last = now;
          setPhase('training');
          setProgress(p);
        },
      });
      setPhase(outcome === 'released' ? 'paused' : outcome);
    } catch (err) {
      console.error('browser training failed', err);
      setError(err instanceof Error ? err.message : String(err));
      setPhase('failed');
    } finally {
      busy.current = false;
    }
  }, [run]);

  useEffect(() => {
    stop.current = null; // a remount (React's strict mode in development) keeps the training it started
    const onLeave = () => {
      leaving.current = true;
      stop.current = 'shutdown';
    };
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('beforeunload', onLeave);
    if (run.status === 'running') void train();
    // Leaving the page (or reloading) ends training between steps; the checkpoint stays.
    return () => {
      stop.current = 'shutdown';
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('beforeunload', onLeave);
    };
  }, [run.status, train]);

  const steps = progress?.steps ?? run.totalSteps ?? 0;
  const mean = stepSeconds.length ? stepSeconds.reduce((a, b) => a + b, 0) / stepSeconds.length : null;
  const active = phase === 'starting' || phase === 'warm-start' || phase === 'training';
  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="browser-trainer">
      <p className="text-sm text-slate-700" data-testid="trainer-backend">
        {backend === null
          ? 'Loading the trainer…'
          : backend === 'webgpu'
            ? 'Training in this browser on WebGPU (tfjs).'
            : backend === 'wasm'
              ? "No WebGPU adapter in this browser: training on the CPU with tfjs's WebAssembly backend instead."
              : "No WebGPU adapter and no WebAssembly in this browser: training on tfjs's plain JavaScript (cpu) backend instead, which is much slower."}
      </p>
      {resumedAfter !== undefined && (
        <p className="text-sm text-slate-600" data-testid="trainer-resumed">
          {resumedAfter === null ? 'Started from the warm start.' : `Resumed from the checkpoint of step ${resumedAfter}.`}
        </p>
      )}
      {phase === 'warm-start' && warm && (
        <p className="text-sm text-amber-800">
          Training this task&apos;s warm start first (not shared on this server yet): step {warm[0]} of {warm[1]}.
        </p>
      )}
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-4">
        <div>
          <dt className="text-xs text-slate-500">State</dt>
          <dd data-testid="trainer-phase">{phase}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Step</dt>
          <dd className="font-mono tabular-nums" data-testid="trainer-step">
            {progress ? `${progress.step} / ${steps}` : '–'}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Seconds per step (this tab)</dt>
          <dd className="font-mono tabular-nums" data-testid="trainer-step-seconds">
            {mean === null ? '–' : mean.toFixed(1)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Hypervolume (trainer)</dt>
          <dd className="font-mono tabular-nums">{progress?.hypervolume?.toFixed(3) ?? '–'}</dd>
        </div>
      </dl>
      {error && (
        <p className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" role="alert" data-testid="trainer-error">
          {error}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {active ? (
          <>
            <button
              type="button"
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
              onClick={() => (stop.current = 'shutdown')}
              data-testid="trainer-pause"
            >
              Pause
            </button>
            <button
              type="button"
              className="rounded-md border border-rose-300 px-3 py-1.5 text-sm text-rose-700 hover:bg-rose-50"
              onClick={() => (stop.current = 'cancel')}
              data-testid="trainer-cancel"
            >
              Cancel run
            </button>
          </>
        ) : (
          phase === 'paused' && (
            <button
              type="button"
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500"
              onClick={() => void train()}
              data-testid="trainer-resume"
            >
              Resume from the last checkpoint
            </button>
          )
        )}
        <Link href={`/runs/${run.id}`} className="text-sm text-indigo-700 underline" target="_blank">
          Watch the run page (as everyone else sees it)
        </Link>
      </div>
      <p className="text-xs text-slate-500">
        Stops between steps when you pause, cancel or leave; a checkpoint is saved every {String(run.config.checkpointEvery ?? '?')} steps, and opening this
        page again resumes from the latest one.
      </p>
    </div>
  );
}
