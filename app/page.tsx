import { listRuns } from '@/lib/db';
import { RunsTable } from '@/components/runs-table';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const { runs } = await listRuns({ limit: 50 });
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Runs</h1>
        <p className="text-sm text-slate-600">Newest first. Accuracy ↑ and tool calls ↓: hypervolume measures the whole trade-off.</p>
      </div>
      <RunsTable initialRuns={runs} />
    </div>
  );
}
