import { notFound } from 'next/navigation';
import { preload } from 'react-dom';
import type { Metadata } from 'next';
import { getRun } from '@/lib/db';
import { RunId } from '@/lib/contract/run-log';
import { RunView } from '@/components/run/run-view';
import { feedSnapshotUrl } from '@/lib/client/feed-snapshot-url';
import { requireViewer } from '@/lib/api/page-guard';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

async function load(id: string) {
  if (!RunId.safeParse(id).success) return null;
  return getRun(id);
}

export async function generateMetadata({ params }: Pick<Props, 'params'>): Promise<Metadata> {
  const { id } = await params;
  await requireViewer('reader', `/runs/${encodeURIComponent(id)}`);
  const run = await load(id);
  return { title: run ? `${run.name} · Pareto Studio` : 'Run not found · Pareto Studio' };
}

export default async function RunPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireViewer('reader', `/runs/${encodeURIComponent(id)}`);
  const run = await load(id);
  if (!run) notFound();
  // The page's first read (lib/client/use-run-events.ts), asked for while the scripts load and hydrate.
  preload(feedSnapshotUrl(run.id, 0), { as: 'fetch', crossOrigin: 'anonymous' });
  // ?step=N opens the run at that step's trajectories (links from the compare page).
  const step = (await searchParams).step;
  const initialStep = typeof step === 'string' && /^\d{1,9}$/.test(step) ? Number(step) : undefined;
  return <RunView initialRun={run} initialStep={initialStep} />;
}
