import type { Metadata } from 'next';
import { loadCompareView } from '@/lib/db';
import { CompareQuery } from '@/lib/runs';
import { NotFoundError } from '@/lib/errors';
import { defaultPlaneAxes } from '@/components/charts/front-plane-model';
import { CompareView } from '@/components/compare/compare-view';
import { requireViewer } from '@/lib/api/page-guard';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Compare runs · Pareto Studio' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function Problem({ children }: { children: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="compare-problem">
      {children}{' '}
      <a href="/" className="text-indigo-700 underline">
        Back to the runs list
      </a>{' '}
      to pick 2–20 runs.
    </div>
  );
}

/** /compare?runs=ID,ID,...&x=OBJECTIVE&y=OBJECTIVE&step=N — the whole view state is in the URL. */
export default async function ComparePage({ searchParams }: Props) {
  const sp = await searchParams;
  await requireViewer('reader', `/compare${typeof sp.runs === 'string' ? `?runs=${encodeURIComponent(sp.runs)}` : ''}`);
  const parsed = CompareQuery.safeParse({ runs: typeof sp.runs === 'string' ? sp.runs : '' });
  if (!parsed.success) return <Problem>Cannot compare: {parsed.error.issues[0]?.message ?? 'bad run list'}.</Problem>;
  let view;
  try {
    view = await loadCompareView(parsed.data.runs);
  } catch (e) {
    if (e instanceof NotFoundError) return <Problem>Cannot compare: {e.message}.</Problem>;
    throw e;
  }
  const axes = defaultPlaneAxes(view.shared);
  const names = view.shared.map((o) => o.name);
  const pick = (v: unknown, fallback: string | undefined) => (typeof v === 'string' && names.includes(v) ? v : (fallback ?? ''));
  const step = typeof sp.step === 'string' && /^\d{1,9}$/.test(sp.step) ? Number(sp.step) : null;
  return <CompareView initial={view} initialState={{ x: pick(sp.x, names[axes.x.index]), y: pick(sp.y, names[axes.y.index]), step }} />;
}
