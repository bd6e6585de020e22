import { describeTrainOptions } from '@/lib/training/config';
import { ALGORITHMS, ALGORITHM_NAMES, describeOptions } from '@/lib/paretopo';
import { NewRunForm, type AlgorithmDoc } from '@/components/new-run-form';

export const dynamic = 'force-dynamic';

export default function NewRunPage() {
  const algorithms: AlgorithmDoc[] = ALGORITHM_NAMES.map((name) => ({
    name,
    description: ALGORITHMS[name].description,
    options: describeOptions(name),
  }));
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">New training run</h1>
        <p className="text-sm text-slate-600">
          Queued for a worker (<code className="rounded bg-slate-100 px-1">npm start</code> runs one). Every option has a default; change only what you
          want to study.
        </p>
      </div>
      <NewRunForm trainOptions={describeTrainOptions()} algorithms={algorithms} />
    </div>
  );
}
