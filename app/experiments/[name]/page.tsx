import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { loadExperimentView } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { ExperimentView } from '@/components/experiments/experiment-view';
import { requireViewer } from '@/lib/api/page-guard';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const name = decoded((await params).name);
  await requireViewer('reader', `/experiments/${encodeURIComponent(name)}`);
  return { title: `${name} · Experiments · Pareto Studio` };
}

/** /experiments/NAME?task=&a=&b= — the method pair of the difference plot is in the URL. */
export default async function ExperimentPage({ params, searchParams }: Props) {
  const name = decoded((await params).name);
  await requireViewer('reader', `/experiments/${encodeURIComponent(name)}`);
  let data;
  try {
    data = await loadExperimentView(name);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const sp = await searchParams;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return <ExperimentView data={data} initialPair={{ task: str(sp.task), a: str(sp.a), b: str(sp.b) }} />;
}
