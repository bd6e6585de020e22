/**
 * A real Next.js production server for HTTP tests: `next start` on a free
 * port against the given database (builds first if the build is stale).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from '../../scripts/lib/pg-cluster';
import { createTestDatabase, type TestProvider } from './databases';
import { ensureNextBuild } from '../../scripts/lib/next-build';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface NextServer {
  url: string;
  /** The server's DATABASE_URL (tests/support/auth.ts mints tokens in it). */
  databaseUrl: string;
  /** Process id of `next start` (benchmarks measure its CPU). */
  pid: number;
  logs: () => string;
  /** SIGTERM (then SIGKILL after 5 s); pass 'SIGKILL' to kill it outright. */
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export async function startNextServer(databaseUrl: string, env: Record<string, string> = {}, opts: { port?: number } = {}): Promise<NextServer> {
  ensureNextBuild({ quiet: true });
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      // 401 in team mode: up, and the database is migrated either way.
      const res = await fetch(`${url}/api/runs?limit=1`);
      if (res.ok || res.status === 401) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`next start did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    databaseUrl,
    pid: child.pid!,
    logs: () => output,
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/**
 * A Next.js server on a fresh database of `provider` for the enclosing
 * describe block; `get()` returns it once beforeAll has run.
 */
export function useNextServer(provider: TestProvider, env: Record<string, string> = {}): { get: () => NextServer } {
  let server: NextServer | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await createTestDatabase(provider);
    drop = db.drop;
    server = await startNextServer(db.url, env);
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
    await drop?.();
  });
  return { get: () => server! };
}
