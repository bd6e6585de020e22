/**
 * npm run bench:ui — how fast the live run page and the compare page are, in headless Debian Chromium
 * against a real `next start` on a throwaway SQLite database:
 *
 *  (a) live latency: ~50 steps logged at ~5/s through RunLogger in this
 *      process; for each, the time from just before the write to the moment
 *      the hypervolume chart has drawn that step (window.__paretoDrawn,
 *      epoch ms from the page's performance clock). Target p95 <= 1 s.
 *  (b) cloud render: a run with 100,000 trajectories (written through the run
 *      log in batches of 1,000); navigation start -> the canvas has drawn all
 *      of them (window.__paretoCloudDrawn). Target <= 1.5 s.
 *  (c) compare page: 20 runs × 300 evaluation points (100 evaluated steps × 3
 *      points, 3 objectives) with their steps; navigation start -> the plane
 *      has drawn every point and each run's front (window.__paretoCompareDrawn).
 *      Target <= 1 s.
 *  (d) large plane: a run with 50,000 evaluation points over three objectives
 *      (500 evaluated steps × 100 points, written through the run log in
 *      batches of 1,000); navigation start -> every point drawn on the plane
 *      (window.__paretoPlaneDrawn, canvas above the model's threshold),
 *      target <= 1.5 s; then an axis switch (the y select's change event ->
 *      the plane redrawn for the new pair), target <= 0.5 s.
 *
 * Options (environment): BENCH_UI_STEPS, BENCH_UI_TRAJECTORIES,
 * BENCH_UI_COMPARE_RUNS, BENCH_UI_COMPARE_POINTS, BENCH_UI_PLANE_POINTS
 * (sizes); BENCH_UI_ONLY=ad (run only those parts); BENCH_UI_PROFILE=1
 * prints the compare page's main-thread profile; BENCH_UI_SHOT=FILE.png
 * saves a screenshot of the compare page.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { closeDb } from '../lib/db';
import { logEvalPoints, logSteps, RunLogger } from '../lib/runs';
import { startNextServer } from '../tests/support/next-server';
import { machineDescription } from './cli/machine';
import { median } from './lib/median';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const OBJECTIVES = [
  { name: 'accuracy', direction: 'maximize' as const, reference: 0 },
  { name: 'tool_calls', direction: 'minimize' as const, reference: 4 },
  { name: 'tokens', direction: 'minimize' as const, reference: 64 },
];
const STEPS = Number(process.env.BENCH_UI_STEPS ?? 50);
const CLOUD = Number(process.env.BENCH_UI_TRAJECTORIES ?? 100_000);
/** BENCH_UI_ONLY=bd runs only parts (b) and (d); default: all. */
const only = (part: string) => !process.env.BENCH_UI_ONLY || process.env.BENCH_UI_ONLY.includes(part);

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pareto-bench-ui-'));
const databaseUrl = `file:${path.join(dir, 'bench.db')}`;
process.env.DATABASE_URL = databaseUrl;

console.log(`bench:ui · ${machineDescription()}`);
console.log('starting next start (builds first if sources changed)…');
const server = await startNextServer(databaseUrl);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });

  if (only('a')) {
    // (a) live latency -----------------------------------------------------------
    const live = await RunLogger.start({
      name: 'bench-ui live',
      environment: 'calc',
      algorithm: 'paretopo',
      seed: 0,
      objectives: OBJECTIVES,
      totalSteps: STEPS + 1,
    });
    await live.step({ step: 0, stage: 1, hypervolume: 0.5, objectiveMeans: { accuracy: 0.3, tool_calls: 2, tokens: 30 }, weights: [0.4, 0.4, 0.2] });
    await page.goto(`${server.url}/runs/${live.runId}`);
    await page.waitForFunction(() => window.__paretoDrawn?.some((d) => d.step === 0), undefined, { timeout: 30_000 });
    await sleep(1000);
    const written = new Map<number, number>();
    for (let s = 1; s <= STEPS; s++) {
      const t0 = Date.now();
      written.set(s, t0);
      await live.step({
        step: s,
        stage: s < STEPS / 2 ? 1 : 2,
        hypervolume: 0.5 + Math.log1p(s) / 3,
        objectiveMeans: { accuracy: 0.3 + s / (2 * STEPS), tool_calls: 2 - s / STEPS, tokens: 30 - s / 5 },
        ...(s < STEPS / 2 ? { weights: [0.4, 0.4, 0.2] } : {}),
      });
      await sleep(Math.max(0, 200 - (Date.now() - t0))); // ~5 steps per second
    }
    await page.waitForFunction((n) => window.__paretoDrawn?.some((d) => d.step === n), STEPS, { timeout: 30_000 });
    const drawn = await page.evaluate(() => window.__paretoDrawn ?? []);
    const latencies: number[] = [];
    for (const [step, t0] of written) {
      const d = drawn.find((x) => x.step === step);
      if (d) latencies.push(d.t - t0);
    }
    const p50 = median(latencies);
    const p95 = quantile(latencies, 0.95);
    console.log(
      `(a) step logged -> drawn on the hypervolume chart: ${latencies.length}/${STEPS} steps at ~5/s · p50 ${p50.toFixed(0)} ms · p95 ${p95.toFixed(0)} ms · max ${Math.max(...latencies).toFixed(0)} ms (target p95 <= 1000 ms)${p95 <= 1000 ? '' : '  ** over target **'}`,
    );
    if (p95 > 1000 || latencies.length < STEPS) failed = true;
  }
  if (only('b')) {
    // (b) 100k trajectory cloud --------------------------------------------------
    const big = await RunLogger.start({ name: 'bench-ui cloud', environment: 'calc', algorithm: 'paretopo', seed: 1, objectives: OBJECTIVES, totalSteps: 100 });
    const t0 = Date.now();
    const PER_STEP = 1000;
    for (let b = 0; b < CLOUD / PER_STEP; b++) {
      const records = Array.from({ length: PER_STEP }, (_, i) => {
        const k = b * PER_STEP + i;
        const calls = (k * 7) % 5;
        return {
          step: b,
          group: i >> 3,
          index: i & 7,
          prompt: `q${k}`,
          tokens: [{ kind: 'answer' as const, text: String(k % 97) }],
          objectives: [(k * 13) % 10 < 3 + calls ? 1 : 0, calls, 8 + ((k * 31) % 40)],
          rank: 1 + (k % 4),
          advantage: ((k % 7) - 3) / 3,
        };
      });
      await big.trajectories(b, records);
      if (b % 10 === 0) await big.step({ step: b, stage: 1, hypervolume: 1 + b / 100 });
    }
    for (let s = 0; s < 100; s += 10) await big.evalPoint({ step: s, objectives: [0.3 + s / 300, 1 + s / 100, 20] });
    console.log(`    seeded ${CLOUD.toLocaleString('en-US')} trajectories in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await p.goto(`${server.url}/runs/${big.runId}`);
      await p.waitForFunction((n) => window.__paretoCloudDrawn?.complete && window.__paretoCloudDrawn.points >= n, CLOUD, { timeout: 60_000, polling: 20 });
      runs.push(await p.evaluate(() => window.__paretoCloudDrawn!.t)); // performance.now() = ms since navigation start
      await p.close();
    }
    const med = median(runs);
    console.log(
      `(b) navigation start -> ${CLOUD.toLocaleString('en-US')} rollouts drawn on the canvas: ${runs.map((r) => r.toFixed(0)).join(', ')} ms · median ${med.toFixed(0)} ms (target <= 1500 ms)${med <= 1500 ? '' : '  ** over target **'}`,
    );
    if (med > 1500) failed = true;
  }
  if (only('c')) {
    // (c) compare page: 20 runs × 300 evaluation points ---------------------------
    const RUNS = Number(process.env.BENCH_UI_COMPARE_RUNS ?? 20);
    const POINTS = Number(process.env.BENCH_UI_COMPARE_POINTS ?? 300);
    const ids: string[] = [];
    for (let r = 0; r < RUNS; r++) {
      const log = await RunLogger.start({
        name: `bench-ui compare ${r}`,
        environment: 'calc',
        algorithm: r % 2 ? 'static' : 'paretopo',
        seed: r,
        objectives: OBJECTIVES,
        totalSteps: POINTS / 3,
      });
      ids.push(log.runId);
      const records = Array.from({ length: POINTS }, (_, i) => {
        const s = Math.floor(i / 3);
        return {
          step: s,
          objectives: [Math.min(1, 0.2 + s / 200 + ((i * 7 + r) % 10) / 50), Math.max(0, 2.5 - s / 80 + ((i * 13 + r) % 10) / 20), 10 + ((i * 31 + r) % 30)],
        };
      });
      await logEvalPoints(log.runId, { batchId: 'bench-eval', records });
      await logSteps(log.runId, {
        batchId: 'bench-steps',
        records: Array.from({ length: POINTS / 3 }, (_, s) => ({
          step: s,
          hypervolume: 1 + s / 100,
          wallTime: s * 1.5,
          objectiveMeans: { accuracy: 0.3 + s / 300, tool_calls: 2 - s / 100, tokens: 20 },
          weights: [0.4, 0.4, 0.2],
        })),
      });
    }
    const compareTimes: number[] = [];
    const phases: { ttfb: number; html: number; dcl: number; bytes: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await p.goto(`${server.url}/compare?runs=${ids.join(',')}`);
      await p.waitForFunction((n) => (window.__paretoCompareDrawn?.marks ?? 0) >= n, RUNS * POINTS, { timeout: 60_000, polling: 20 });
      compareTimes.push(await p.evaluate(() => window.__paretoCompareDrawn!.t));
      if (i === 0 && process.env.BENCH_UI_SHOT) await p.screenshot({ path: process.env.BENCH_UI_SHOT, fullPage: true });
      phases.push(
        await p.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          return { ttfb: nav.responseStart, html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, bytes: nav.transferSize };
        }),
      );
      await p.close();
    }
    if (process.env.BENCH_UI_PROFILE) await profileCompare(`${server.url}/compare?runs=${ids.join(',')}`, RUNS * POINTS);
    const cmed = median(compareTimes);
    console.log(
      `(c) navigation start -> compare page plane drawn (${RUNS} runs × ${POINTS} evaluation points + ${RUNS} fronts): ${compareTimes.map((r) => r.toFixed(0)).join(', ')} ms · median ${cmed.toFixed(0)} ms (target <= 1000 ms)${cmed <= 1000 ? '' : '  ** over target **'}`,
    );
    const ph = (k: 'ttfb' | 'html' | 'dcl') => median(phases.map((x) => x[k])).toFixed(0);
    console.log(
      `    medians: first byte ${ph('ttfb')} ms · HTML received ${ph('html')} ms · DOMContentLoaded ${ph('dcl')} ms · page ${(median(phases.map((x) => x.bytes)) / 1024).toFixed(0)} KiB transferred`,
    );
    if (cmed > 1000) failed = true;
  }
  if (only('d')) {
    // (d) 50,000 evaluation points, three objectives ------------------------------
    const N = Number(process.env.BENCH_UI_PLANE_POINTS ?? 50_000);
    const PER = 100;
    const plane = await RunLogger.start({
      name: 'bench-ui plane',
      environment: 'calc',
      algorithm: 'paretopo',
      seed: 2,
      objectives: OBJECTIVES,
      totalSteps: N / PER,
    });
    const tp = Date.now();
    for (let b = 0; b < N / 1000; b++) {
      const records = Array.from({ length: 1000 }, (_, i) => {
        const k = b * 1000 + i;
        const s = Math.floor(k / PER);
        const u = ((k * 7919) % 1000) / 1000; // where along the trade-off
        const v = ((k * 104729) % 997) / 997; // noise
        return {
          step: s,
          objectives: [Math.min(1, 0.2 + 0.6 * u + s / 2000 - 0.1 * v), 0.2 + 3 * u * (1 - s / 1000) + v, 8 + 40 * (1 - u) * v + ((k * 31) % 13)],
        };
      });
      await logEvalPoints(plane.runId, { batchId: `plane-${b}`, records });
    }
    console.log(`    seeded ${N.toLocaleString('en-US')} evaluation points in ${((Date.now() - tp) / 1000).toFixed(1)} s`);
    const drawTimes: number[] = [];
    const switchTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await p.goto(`${server.url}/runs/${plane.runId}`);
      await p.waitForFunction((n) => (window.__paretoPlaneDrawn?.marks ?? 0) >= n, N, { timeout: 120_000, polling: 20 });
      drawTimes.push(await p.evaluate(() => window.__paretoPlaneDrawn!.t));
      // Axis switches: y tool_calls -> tokens -> tool_calls, timed from the select's change event to the redraw.
      for (const [value, axes] of [
        ['2', '0,2'],
        ['1', '0,1'],
      ] as const) {
        await p.evaluate(() => {
          document
            .querySelector('[data-testid="plane-y"]')!
            .addEventListener('change', () => ((window as unknown as { __changeAt: number }).__changeAt = performance.now()), { once: true, capture: true });
        });
        await p.selectOption('[data-testid="plane-y"]', value);
        await p.waitForFunction((a) => window.__paretoPlaneDrawn?.axes === a, axes, { timeout: 30_000, polling: 10 });
        switchTimes.push(await p.evaluate(() => window.__paretoPlaneDrawn!.t - (window as unknown as { __changeAt: number }).__changeAt));
      }
      await p.close();
    }
    const dmed = median(drawTimes);
    const smed = median(switchTimes);
    console.log(
      `(d) navigation start -> ${N.toLocaleString('en-US')}-point three-objective plane drawn: ${drawTimes.map((r) => r.toFixed(0)).join(', ')} ms · median ${dmed.toFixed(0)} ms (target <= 1500 ms)${dmed <= 1500 ? '' : '  ** over target **'}`,
    );
    console.log(
      `    axis switch -> redrawn: ${switchTimes.map((r) => r.toFixed(0)).join(', ')} ms · median ${smed.toFixed(0)} ms (target <= 500 ms)${smed <= 500 ? '' : '  ** over target **'}`,
    );
    if (dmed > 1500 || smed > 500) failed = true;
  }
} finally {
  await browser.close();
  await server.stop();
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

/** BENCH_UI_PROFILE=1: the compare page's main-thread CPU profile, self time by function, top 25. */
async function profileCompare(url: string, marks: number) {
  const p = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const cdp = await p.context().newCDPSession(p);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await p.goto(url);
  await p.waitForFunction((n) => (window.__paretoCompareDrawn?.marks ?? 0) >= n, marks, { timeout: 60_000, polling: 20 });
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };
  };
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
  });
  console.log('    compare page main-thread profile (self ms):');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`      ${v.toFixed(1).padStart(7)}  ${k}`);
  await p.close();
}
