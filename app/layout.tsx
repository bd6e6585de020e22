import type { Metadata } from 'next';
import Link from 'next/link';
import './globals.css';
import { currentViewer } from '@/lib/api/session';
import { SignOutButton } from '@/components/sign-in-form';
import { ThemeToggle } from '@/components/theme/theme-toggle';
import { THEME_SCRIPT } from '@/components/theme/theme-script';

export const metadata: Metadata = {
  title: 'Pareto Studio',
  description: 'Train tool-using agents for accuracy and tool-use efficiency with ParetoPO, and watch their Pareto fronts live.',
  icons: {
    icon: [
      { url: '/favicon.ico', sizes: '32x32' },
      { url: '/icon.svg', type: 'image/svg+xml' },
    ],
    apple: '/apple-touch-icon.png',
  },
  manifest: '/manifest.webmanifest',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await currentViewer();
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen font-sans">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-7xl items-center gap-6 px-4 py-3 sm:px-6">
            <Link prefetch={false} href="/" className="flex items-center gap-2 font-semibold tracking-tight">
              <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
                <path d="M2 4 H7 V9 H12 V14 H17 V19 H20" fill="none" stroke="#4f46e5" strokeWidth="2.2" />
                <circle cx="7" cy="4" r="1.8" fill="#4f46e5" />
                <circle cx="12" cy="9" r="1.8" fill="#4f46e5" />
                <circle cx="17" cy="14" r="1.8" fill="#4f46e5" />
              </svg>
              Pareto Studio
            </Link>
            <nav className="flex gap-4 text-sm text-slate-600">
              <Link prefetch={false} href="/" className="hover:text-slate-900">
                Runs
              </Link>
              <Link prefetch={false} href="/experiments" className="hover:text-slate-900">
                Experiments
              </Link>
              <Link prefetch={false} href="/runs/new" className="hover:text-slate-900">
                New run
              </Link>
            </nav>
            <div className="ml-auto flex items-center gap-3">
              <ThemeToggle />
              {viewer.team && (
                <div className="flex items-center gap-3 text-sm text-slate-600" data-testid="viewer">
                  {viewer.user ? (
                    <>
                      <span>
                        {viewer.user.name} · {viewer.user.role}
                      </span>
                      <SignOutButton />
                    </>
                  ) : (
                    <Link href="/signin" className="hover:text-slate-900">
                      Sign in
                    </Link>
                  )}
                </div>
              )}
            </div>
          </div>
        </header>
        <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">{children}</main>
      </body>
    </html>
  );
}
