/** Real worker processes for tests: `scripts/worker.ts` against a given database. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface WorkerProcess {
  child: ChildProcess;
  logs: () => string;
  exited: Promise<number | null>;
  /** The exit code, or an error carrying the worker's logs if it is still running after `ms` (then it is killed). */
  exitedWithin: (ms: number) => Promise<number | null>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export function startWorker(databaseUrl: string, flags: string[] = []): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'worker.ts'), '--poll-ms', '200', '--heartbeat-ms', '300', ...flags], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const exitedWithin = async (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
    const code = await Promise.race([exited, late]);
    clearTimeout(timer);
    if (code !== 'late') return code;
    const logs = out;
    await kill();
    throw new Error(`worker still running after ${ms} ms; its logs:\n${logs}`);
  };
  return { child, logs: () => out, exited, exitedWithin, kill };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 120_000, logs?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${logs ? `\nworker logs:\n${logs()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
