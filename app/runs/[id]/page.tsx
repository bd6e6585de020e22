import { notFound } from 'next/navigation';
import type { Metadata } from 'next';
import { getRun } from '@/lib/db';
import { RunId } from '@/lib/runs/schemas';
import { RunView } from '@/components/run/run-view';
import { requireViewer } from '@/lib/api/page-guard';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

async function load(id: string) {
  if (!RunId.safeParse(id).success) return null;
  return getRun(id);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  await requireViewer('reader', `/runs/${encodeURIComponent(id)}`);
  const run = await load(id);
  return { title: run ? `${run.name} · Pareto Studio` : 'Run not found · Pareto Studio' };
}

export default async function RunPage({ params }: Props) {
  const { id } = await params;
  await requireViewer('reader', `/runs/${encodeURIComponent(id)}`);
  const run = await load(id);
  if (!run) notFound();
  return <RunView initialRun={run} />;
}
