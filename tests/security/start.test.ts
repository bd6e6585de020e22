/**
 * `npm start` (scripts/start.ts) for real: it listens on 127.0.0.1 unless told
 * otherwise and says which mode it runs in; when its worker dies (kill -9), it
 * starts another and the dashboard keeps answering.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/pg-cluster';
import { waitFor } from '../support/worker-process';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  try {
    for (const t of fs.readdirSync(`/proc/${pid}/task`)) {
      const kids = fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim();
      if (kids) out.push(...kids.split(' ').map(Number));
    }
  } catch {
    /* gone */
  }
  return out;
}
const cmdline = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};

describe('npm start', () => {
  it('serves on 127.0.0.1 in local mode and restarts a worker that dies', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'start-'));
    const port = await freePort();
    const env = { ...process.env, DATABASE_URL: `file:${path.join(dir, 'db.sqlite')}`, PORT: String(port), PARETO_DEMO: '0', HOST: '' };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'start.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      await waitFor(
        'the banner',
        async () => out.includes('Pareto Studio is running'),
        300_000,
        () => out,
      );
      expect(out).toMatch(/running at http:\/\/127\.0\.0\.1:\d+ \(listening on 127\.0\.0\.1, this machine only/);
      expect(out).toMatch(/Local mode/);
      await waitFor(
        'the dashboard',
        async () => (await fetch(`http://127.0.0.1:${port}/api/runs`).catch(() => null))?.ok,
        60_000,
        () => out,
      );
      await waitFor(
        'the worker to start',
        async () => /\[worker worker-[0-9a-f]+\] started/.test(out),
        120_000,
        () => out,
      );
      const worker = await waitFor(
        'the worker process',
        async () => childrenOf(child.pid!).find((p) => cmdline(p).includes('scripts/worker.ts')),
        60_000,
        () => out,
      );
      process.kill(worker, 'SIGKILL');
      await waitFor(
        'the restart notice',
        async () => /worker exited \(SIGKILL\); restarting it/.test(out),
        30_000,
        () => out,
      );
      expect((await fetch(`http://127.0.0.1:${port}/api/runs`)).status).toBe(200);
      const next = await waitFor(
        'a new worker',
        async () => childrenOf(child.pid!).find((p) => p !== worker && cmdline(p).includes('scripts/worker.ts')),
        30_000,
        () => out,
      );
      expect(next).not.toBe(worker);
      await waitFor(
        'the new worker to start',
        async () => (out.match(/\[worker worker-[0-9a-f]+\] started/g) ?? []).length >= 2,
        60_000,
        () => out,
      );
      expect(child.exitCode).toBeNull();
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 400_000);
});
