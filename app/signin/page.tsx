import { SignInForm } from '@/components/sign-in-form';
import { currentViewer } from '@/lib/api/session';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const viewer = await currentViewer();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="text-sm text-slate-600">
          {viewer.team
            ? 'This Pareto Studio is shared by a team. Sign in with an API token from your administrator (npm run token -- create --name NAME --role writer).'
            : 'This Pareto Studio runs in local mode: no sign-in is needed.'}
        </p>
        {viewer.user && viewer.team && (
          <p className="mt-2 text-sm text-slate-700">
            Signed in as <strong>{viewer.user.name}</strong> ({viewer.user.role}).
          </p>
        )}
      </div>
      {viewer.team && <SignInForm next={typeof next === 'string' ? next : '/'} />}
    </div>
  );
}
