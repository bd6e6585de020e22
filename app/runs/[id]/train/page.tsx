import { notFound } from 'next/navigation';
import { getRun } from '@/lib/db';
import { RunId } from '@/lib/contract/run-log';
import { requireViewer } from '@/lib/api/page-guard';
import { BrowserTrainer } from '@/components/train/browser-trainer';

export const dynamic = 'force-dynamic';

/** /runs/:id/train — trains a browser run (source "browser") in this tab; a reload resumes it from its checkpoint. */
export default async function TrainInBrowserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireViewer('writer', `/runs/${id}/train`);
  const run = RunId.safeParse(id).success ? await getRun(id) : null;
  if (!run) notFound();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Training in this browser: {run.name}</h1>
        <p className="text-sm text-slate-600">
          The built-in trainer runs in this tab and writes to the server through the run log API; everyone else watches it on the run page.
        </p>
      </div>
      {run.source === 'browser' ? (
        <BrowserTrainer
          run={{ id: run.id, name: run.name, status: run.status, seed: run.seed, config: run.config as Record<string, unknown>, totalSteps: run.totalSteps }}
        />
      ) : (
        <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="not-a-browser-run">
          This run is trained by {run.source === 'builtin' ? 'a worker' : 'an external trainer'}, not in a browser.
        </p>
      )}
    </div>
  );
}
