import Link from 'next/link';
import type { Metadata } from 'next';
import { listExperiments } from '@/lib/db';
import { requireViewer } from '@/lib/api/page-guard';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Experiments · Pareto Studio' };

export default async function ExperimentsPage() {
  await requireViewer('reader', '/experiments');
  const experiments = await listExperiments();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Experiments</h1>
        <p className="text-sm text-slate-600">
          Named groups of runs (npm run reproduce writes one; external runs join one with their experiment field): seeds aggregated per task and method.
        </p>
      </div>
      {experiments.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center text-sm text-slate-600" data-testid="no-experiments">
          No experiments yet. <code className="rounded bg-slate-100 px-1">npm run reproduce</code> creates one.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="experiments-table">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-4 py-2.5">Name</th>
                <th className="px-4 py-2.5 text-right">Runs</th>
                <th className="px-4 py-2.5">Tasks</th>
                <th className="px-4 py-2.5">Algorithms</th>
                <th className="px-4 py-2.5">Created</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {experiments.map((e) => (
                <tr key={e.name} data-testid="experiment-row">
                  <td className="px-4 py-2.5 font-medium">
                    <Link href={`/experiments/${encodeURIComponent(e.name)}`} className="text-slate-900 hover:text-indigo-700">
                      {e.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2.5 text-right tabular-nums">{e.runs}</td>
                  <td className="px-4 py-2.5">{e.environments.join(', ')}</td>
                  <td className="px-4 py-2.5 font-mono text-xs">{e.algorithms.join(', ')}</td>
                  <td className="px-4 py-2.5 text-slate-600">{e.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
