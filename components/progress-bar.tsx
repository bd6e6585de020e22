/**
 * Training steps done of totalSteps as a bar. Step 0 is the state before
 * training (the warm start's evaluation) and steps 1..totalSteps are the
 * training steps, so after step s, s steps are done (never more than the total).
 */
export function stepsDone(lastStep: number | null, totalSteps: number | null): number {
  if (lastStep === null || lastStep < 0) return 0;
  return totalSteps ? Math.min(lastStep, totalSteps) : lastStep;
}

export function ProgressBar({ lastStep, totalSteps }: { lastStep: number | null; totalSteps: number | null }) {
  const done = stepsDone(lastStep, totalSteps);
  if (!totalSteps) return <span className="text-xs tabular-nums text-slate-600">{lastStep === null ? 'no steps yet' : `step ${lastStep}`}</span>;
  const frac = Math.min(1, done / totalSteps);
  return (
    <span className="inline-flex items-center gap-2" title={`${done} of ${totalSteps} steps`}>
      <span
        className="inline-block h-1.5 w-20 overflow-hidden rounded-full bg-slate-200"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={totalSteps}
        aria-valuenow={done}
      >
        <span className="block h-full rounded-full bg-indigo-500" style={{ width: `${frac * 100}%` }} />
      </span>
      <span className="text-xs tabular-nums text-slate-600">
        {done}/{totalSteps}
      </span>
    </span>
  );
}
