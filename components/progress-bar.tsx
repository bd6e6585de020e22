/** lastStep of totalSteps as a bar; steps are 0-based, so step s means s + 1 done. */
export function ProgressBar({ lastStep, totalSteps }: { lastStep: number | null; totalSteps: number | null }) {
  const done = lastStep === null ? 0 : lastStep + 1;
  if (!totalSteps) return <span className="text-xs tabular-nums text-slate-600">{lastStep === null ? 'no steps yet' : `step ${lastStep}`}</span>;
  const frac = Math.min(1, done / totalSteps);
  return (
    <span className="inline-flex items-center gap-2" title={`${done} of ${totalSteps} steps`}>
      <span className="inline-block h-1.5 w-20 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-valuemin={0} aria-valuemax={totalSteps} aria-valuenow={done}>
        <span className="block h-full rounded-full bg-indigo-500" style={{ width: `${frac * 100}%` }} />
      </span>
      <span className="text-xs tabular-nums text-slate-600">
        {done}/{totalSteps}
      </span>
    </span>
  );
}
