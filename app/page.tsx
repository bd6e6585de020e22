import { Suspense } from 'react';
import { headers } from 'next/headers';
import { listRunFacets, listRuns, withEvaluations } from '@/lib/db';
import { ListRunsQuery } from '@/lib/runs';
import { RunsTable } from '@/components/runs-table';
import { RunsFilters } from '@/components/runs-filters';
import { RUN_FILTER_KEYS as FILTER_KEYS } from '@/lib/contract/read-queries';
import { requireViewer } from '@/lib/api/page-guard';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function HomePage({ searchParams }: Props) {
  await requireViewer('reader', '/');
  const sp = await searchParams;
  // Filters come from the URL (shareable links); invalid values are ignored rather than failing the page.
  const filter: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = sp[k];
    if (typeof v === 'string' && v && ListRunsQuery.shape[k].safeParse(v).success) filter[k] = v;
  }
  const q = ListRunsQuery.parse({ ...filter, limit: '100' });
  const [page, facets] = await Promise.all([listRuns(q), listRunFacets()]);
  const runs = await withEvaluations(page.runs);
  const h = await headers();
  const origin = `${h.get('x-forwarded-proto')?.split(',')[0] ?? 'http'}://${h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000'}`;
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Runs</h1>
        <p className="text-sm text-slate-600">
          Newest first; click a column to sort. Tick runs and press Compare to overlay their fronts. Accuracy ↑ and tool calls ↓: hypervolume measures the whole
          trade-off.
        </p>
      </div>
      {(runs.length > 0 || Object.keys(filter).length > 0) && (
        <Suspense>
          <RunsFilters facets={facets} />
        </Suspense>
      )}
      <RunsTable key={new URLSearchParams(filter).toString()} initialRuns={runs} filter={filter} origin={origin} />
    </div>
  );
}
