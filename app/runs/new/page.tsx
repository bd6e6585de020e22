import { describeTrainOptions } from '@/lib/training/config';
import { ALGORITHMS, ALGORITHM_NAMES, describeOptions } from '@/lib/paretopo';
import { NewRunForm, type AlgorithmDoc, type NewRunInitial } from '@/components/new-run-form';
import { getRun } from '@/lib/db';
import { RunId } from '@/lib/contract/run-log';
import { requireViewer } from '@/lib/api/page-guard';

export const dynamic = 'force-dynamic';

export default async function NewRunPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { from } = await searchParams;
  await requireViewer('writer', from ? `/runs/new?from=${encodeURIComponent(from)}` : '/runs/new');
  const source = from && RunId.safeParse(from).success ? await getRun(from) : null;
  const initial: NewRunInitial | undefined =
    source && source.source === 'builtin' ? { seed: source.seed, name: `${source.name} (clone)`, tags: source.tags, config: source.config } : undefined;
  const algorithms: AlgorithmDoc[] = ALGORITHM_NAMES.map((name) => ({
    name,
    description: ALGORITHMS[name].description,
    options: describeOptions(name),
  }));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{initial ? `Clone of ${source!.name}` : 'New training run'}</h1>
        <p className="text-sm text-slate-600">
          Queued for a worker (<code className="rounded bg-slate-100 px-1">npm start</code> runs one). Every option has a default; change only what you want to
          study.
        </p>
      </div>
      <NewRunForm trainOptions={describeTrainOptions()} algorithms={algorithms} initial={initial} />
    </div>
  );
}
