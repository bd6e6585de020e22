'use client';
/** Team mode sign-in: paste an API token (from `npm run token -- create`); the server answers with an HttpOnly session cookie. */
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { send } from '@/lib/client/send';

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await send('POST', '/api/session', { token: token.trim() });
      const body = await res.json().catch(() => ({}));
      if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
      router.push(next.startsWith('/') && !next.startsWith('//') ? next : '/');
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={submit} className="max-w-md space-y-3" data-testid="sign-in-form">
      <label className="block text-sm font-medium text-slate-700" htmlFor="token">
        API token
      </label>
      <input
        id="token"
        type="password"
        autoComplete="off"
        className="block w-full rounded-md border border-slate-300 px-2.5 py-1.5 font-mono text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500"
        value={token}
        onChange={(e) => setToken(e.target.value)}
        placeholder="pst_…"
        data-testid="sign-in-token"
      />
      <button
        type="submit"
        disabled={busy || !token.trim()}
        className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
        data-testid="sign-in-submit"
      >
        Sign in
      </button>
      {error && (
        <p className="text-sm text-rose-700" data-testid="sign-in-error">
          {error}
        </p>
      )}
    </form>
  );
}

export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="text-slate-600 underline-offset-2 hover:text-slate-900 hover:underline"
      onClick={async () => {
        await send('DELETE', '/api/session');
        router.push('/signin');
        router.refresh();
      }}
      data-testid="sign-out"
    >
      Sign out
    </button>
  );
}
