/**
 * npm run bench:sse — what idle live viewers cost the server.
 *
 * Starts `next start` on a fresh SQLite file, creates 100 runs, then opens
 * 500 Server-Sent Event streams on them (5 per run) that stay idle, and
 * measures (1) the CPU the server process tree uses over 10 s while they idle,
 * in cores, and (2) the latency of API reads (GET /api/runs/:id and
 * GET /api/runs) with and without the 500 streams open: p50 and p95.
 * Targets (issue 12): ≤ 0.2 core and API p95 ≤ 100 ms with 500 subscribers.
 *
 * Then the fault figure: a GET every 25 ms while 3 oversized frontier batches
 * (10.5 MB, refused with 413) and 5 batches at the 5,000-point limit
 * (stored) arrive from another process (curl): median and worst GET against
 * the same GETs with no upload. Target (issue 12): every GET within 200 ms.
 * (tests/security/fault.test.ts checks the behaviour, with a worker training,
 * and guards against blocking by seconds; the 200 ms target is measured here.)
 *
 *   npm run bench:sse [-- --subscribers N]
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startNextServer } from '../tests/support/next-server';
import { machineDescription } from './cli/machine';
import { parseFlags } from './cli/args';

const flags = parseFlags(process.argv.slice(2), {
  subscribers: { type: 'int', min: 1, default: 500 },
  runs: { type: 'int', min: 1, default: 100 },
  seconds: { type: 'int', min: 1, default: 10 },
});

const TICK = 100; // USER_HZ on Linux

/** utime + stime of a process and all its descendants, in clock ticks. */
function treeTicks(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += Number(fields[11]) + Number(fields[12]);
      for (const t of fs.readdirSync(`/proc/${p}/task`)) {
        const kids = fs.readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(' ').map(Number));
      }
    } catch {
      /* exited */
    }
  }
  return total;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function apiLatencies(base: string, ids: string[], n: number): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const url = i % 2 ? `${base}/api/runs/${ids[i % ids.length]}` : `${base}/api/runs?limit=50`;
    const t = performance.now();
    const res = await fetch(url);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

function openStream(base: string, runId: string): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${base}/api/runs/${runId}/events`);
    const req = http.get({ host: u.hostname, port: u.port, path: u.pathname, agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`SSE: HTTP ${res.statusCode}`));
      res.once('data', () => resolve(req));
      res.on('data', () => {});
    });
    req.on('error', reject);
  });
}

function curlPost(url: string, body: string): Promise<number> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-body-')), 'body.json');
  fs.writeFileSync(file, body);
  return new Promise((resolve, reject) =>
    execFile(
      'curl',
      ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST', '-H', 'content-type: application/json', '--data-binary', `@${file}`, url],
      (err, stdout) => {
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
        if (err) reject(err);
        else resolve(Number(stdout));
      },
    ),
  );
}

console.log(
  `bench:sse · ${machineDescription()} · load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sse-'));
const server = await startNextServer(`file:${path.join(dir, 'bench.db')}`, { PARETO_SSE_MAX: String(flags.subscribers + 100) });
try {
  const ids: string[] = [];
  for (let i = 0; i < flags.runs; i++) {
    const res = await fetch(`${server.url}/api/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `bench ${i}`,
        environment: 'calc',
        algorithm: 'grpo',
        seed: i,
        objectives: [
          { name: 'accuracy', direction: 'maximize', reference: 0 },
          { name: 'tool_calls', direction: 'minimize', reference: 4 },
        ],
      }),
    });
    ids.push(((await res.json()) as { run: { id: string } }).run.id);
  }
  const idleCpu = async () => {
    const t0 = treeTicks(server.pid);
    const w0 = performance.now();
    await new Promise((r) => setTimeout(r, flags.seconds * 1000));
    return (treeTicks(server.pid) - t0) / TICK / ((performance.now() - w0) / 1000);
  };
  await apiLatencies(server.url, ids, 50); // warm up routes
  const baseCpu = await idleCpu();
  const base = await apiLatencies(server.url, ids, 200);

  const streams: http.ClientRequest[] = [];
  for (let i = 0; i < flags.subscribers; i += 50) {
    streams.push(
      ...(await Promise.all(Array.from({ length: Math.min(50, flags.subscribers - i) }, (_, k) => openStream(server.url, ids[(i + k) % ids.length])))),
    );
  }
  await new Promise((r) => setTimeout(r, 2000));
  const subCpu = await idleCpu();
  const loaded = await apiLatencies(server.url, ids, 200);
  for (const s of streams) s.destroy();

  const f = (x: number) => x.toFixed(1).padStart(6);
  console.log(`\nidle server, no subscribers:   ${baseCpu.toFixed(3)} core · API p50 ${f(base.p50)} ms · p95 ${f(base.p95)} ms`);
  console.log(
    `${String(flags.subscribers).padStart(4)} idle SSE subscribers:     ${subCpu.toFixed(3)} core · API p50 ${f(loaded.p50)} ms · p95 ${f(loaded.p95)} ms`,
  );
  console.log(`targets: ≤ 0.2 core and p95 ≤ 100 ms with 500 subscribers → ${subCpu <= 0.2 && loaded.p95 <= 100 ? 'met' : 'NOT met'}`);

  // Fault: uploads from another process while a prober GETs every 25 ms.
  const probe = async (during: () => Promise<void>) => {
    const times: number[] = [];
    let on = true;
    const prober = (async () => {
      while (on) {
        const t = performance.now();
        await (await fetch(`${server.url}/api/runs/${ids[0]}`)).arrayBuffer();
        times.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    await during();
    on = false;
    await prober;
    return times.sort((a, b) => a - b);
  };
  const quiet = await probe(() => new Promise((r) => setTimeout(r, 4000)));
  const points = Array.from({ length: 100_000 }, (_, i) => [i / 100_000, (i % 97) / 97]);
  const huge = JSON.stringify({ batchId: 'huge', records: Array.from({ length: 5 }, (_, st) => ({ step: st, points, hypervolume: 1 })) });
  const codes: number[] = [];
  const barrage = await probe(async () => {
    for (let i = 0; i < 3; i++) codes.push(await curlPost(`${server.url}/api/runs/${ids[1]}/frontiers`, huge));
    for (let st = 0; st < 5; st++)
      codes.push(
        await curlPost(
          `${server.url}/api/runs/${ids[1]}/frontiers`,
          JSON.stringify({ batchId: `ok-${st}`, records: [{ step: st, points: points.slice(0, 5_000), hypervolume: 1 }] }),
        ),
      );
    await new Promise((r) => setTimeout(r, 1000));
  });
  const med = (x: number[]) => x[x.length >> 1];
  console.log(`\nGET every 25 ms, no uploads:            ${quiet.length} GETs · median ${f(med(quiet))} ms · max ${f(quiet.at(-1)!)} ms`);
  console.log(
    `during 3 × ${(huge.length / 1e6).toFixed(1)} MB + 5 × 5,000-point batches: ${barrage.length} GETs · median ${f(med(barrage))} ms · max ${f(barrage.at(-1)!)} ms (answers: ${codes.join(' ')})`,
  );
  console.log(
    `target: every GET within 200 ms → ${barrage.at(-1)! <= 200 ? 'met' : 'NOT met'}${quiet.at(-1)! > 200 ? ` (the machine itself: ${quiet.at(-1)!.toFixed(0)} ms worst with no upload)` : ''}`,
  );
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
