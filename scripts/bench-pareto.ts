/**
 * Benchmark of lib/pareto: nonDominated, paretoRanks and hypervolume on
 * seeded inputs of three shapes (random in [0,1]^d, front = positive orthant
 * of the unit sphere, linear = simplex), reference point 1.1 everywhere,
 * median milliseconds of several runs, and the ratio to moocore per case.
 *
 * moocore: when its Python package imports (`python3 -c "import moocore"`),
 * it runs in the same run on the same input (scripts/bench-pareto-moocore.py,
 * its C core through the package), every case, with a check that its values
 * equal ours (hypervolume, the non-dominated set, the ranks). Otherwise the
 * ratios use moocore figures recorded on this machine (issue 3), for the cases
 * that have one, and the table says so.
 *
 *   npm run bench:pareto                       # full table (a few minutes)
 *   npm run bench:pareto -- --quick            # smaller sizes, fewer runs
 *   npm run bench:pareto -- --d 4 --shape front --n 10000 --op hv
 *   npm run bench:pareto -- --engine js        # the JavaScript twins instead of the WebAssembly kernels
 *
 * The machine is shared: the header and footer print the load average and a
 * CPU probe so a reader can tell a slow run from a busy machine.
 */
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hypervolume, nonDominated, paretoRanks } from '../lib/pareto';
import type { Engine } from '../lib/pareto';
import { generate, type Shape } from './lib/pareto-inputs';
import { machineDescription } from './cli/machine';
import { median } from './lib/median';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick');
const onlyD = flag('d') ? Number(flag('d')) : undefined;
const onlyShape = flag('shape') as Shape | undefined;
const onlyN = flag('n') ? Number(flag('n')) : undefined;
const onlyOp = flag('op');
/** wall: elapsed time (the default); cpu: CPU time of the process (ours: process.cpuUsage, moocore: time.process_time), which waiting for a core does not inflate on a shared machine */
const clock = flag('clock') ?? 'wall';
if (clock !== 'wall' && clock !== 'cpu') throw new Error(`--clock must be wall or cpu, got ${clock}`);
/** js | wasm: force one implementation where lib/pareto has a WebAssembly kernel (default: WebAssembly when it loads) */
const engine = flag('engine') as Engine | undefined;
if (engine !== undefined && engine !== 'js' && engine !== 'wasm') throw new Error(`--engine must be js or wasm, got ${engine}`);

const maxN: Record<number, number> = quick ? { 2: 1e5, 3: 1e4, 4: 1e4, 5: 1e3 } : { 2: 1e6, 3: 1e5, 4: 1e5, 5: 1e4 };

/** moocore (C, -O3) on this machine, ms: [hypervolume, nonDominated, ranks]. */
const MOOCORE: Record<string, [number | null, number | null, number | null]> = {
  '2 front 1000000': [297, 194, 105],
  '2 random 1000000': [307, 190, 311],
  '3 front 100000': [61, 46, null],
  '3 random 100000': [8.7, 5.3, 179],
  '4 front 10000': [65, 11, 11],
  '4 front 100000': [3809, 144, 212],
  '5 front 10000': [1470, 21, 21],
};

/**
 * Median (and best) ms in steady state; fewer repetitions for slow cases so the whole run stays short.
 * V8 compiles a hot function only after several calls (and the first calls run partly in the
 * interpreter or in on-stack-replaced loops), so untimed calls come first: at least 8 calls and
 * 250 ms, at most 2000 calls or about a second; moocore's side (compiled C) gets one untimed call.
 */
function time(fn: () => unknown): { median: number; best: number; first: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const first = performance.now() - t0;
  const c = process.cpuUsage(c0);
  // a call of seconds: compilation is a small part of it, and one more call would double the run
  if (first > (quick ? 1000 : 2000)) {
    const ms = clock === 'cpu' ? (c.user + c.system) / 1000 : first;
    return { median: ms, best: ms, first };
  }
  let warm = first;
  // at least 8 calls and 250 ms (a call of 0.1 ms needs hundreds before V8's optimizing tier has
  // compiled all of it), at most 2000 calls or about 1 s
  const minCalls = quick ? 3 : 8;
  const minMs = quick ? 50 : 250;
  let calls = 1;
  for (; (calls < minCalls || warm < minMs) && calls < 2000 && warm < (quick ? 300 : 1000); calls++) {
    const s = performance.now();
    fn();
    warm += performance.now() - s;
  }
  const ts: number[] = [];
  const k = batchSize((warm - first) / Math.max(1, calls - 1));
  const one = timeOne(fn, k);
  ts.push(one);
  const reps = quick ? (one > 200 ? 1 : 3) : one > 2000 ? 1 : one > 300 ? 3 : one > 20 ? 7 : 15;
  for (let r = 1; r < reps; r++) ts.push(timeOne(fn, k));
  return { median: median(ts), best: Math.min(...ts), first };
}

/**
 * Calls shorter than BATCH_MS are timed in batches of k calls (a sample is the batch's time / k): a single call of
 * 0.1 ms on the process CPU clock also counts whatever V8's background threads (GC, compilers) did meanwhile, and
 * swung such cases 0.3–2× between runs. The moocore side (bench-pareto-moocore.py) applies the same rule.
 */
const BATCH_MS = 2;
const MAX_BATCH = 1000;
function batchSize(oneMs: number): number {
  return oneMs >= BATCH_MS ? 1 : Math.min(MAX_BATCH, Math.ceil(BATCH_MS / Math.max(oneMs, 1e-3)));
}

/** Milliseconds of the chosen clock per call, over a batch of k calls. */
function timeOne(fn: () => unknown, k: number): number {
  if (clock === 'cpu') {
    const c0 = process.cpuUsage();
    for (let i = 0; i < k; i++) fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000 / k;
  }
  const s = performance.now();
  for (let i = 0; i < k; i++) fn();
  return (performance.now() - s) / k;
}

/** A fixed pure-JS loop: how much of a core this process is getting right now. */
function cpuProbe(): number {
  const a = new Float64Array(1 << 20);
  for (let i = 0; i < a.length; i++) a[i] = i & 7;
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    let s = 0;
    for (let k = 0; k < 100; k++) for (let i = 0; i < a.length; i++) s += a[i];
    best = Math.min(best, performance.now() - t);
    if (s < 0) console.log(s);
  }
  return best;
}

/** The Python that imports moocore, or null. */
function findMoocore(): string | null {
  if (args.includes('--no-moocore')) return null;
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(py, ['-c', 'import moocore'], { stdio: 'ignore' });
      return py;
    } catch {
      // next
    }
  }
  return null;
}

interface PeerTimes {
  ms: number;
  best: number;
  cpu: number;
  cpuBest: number;
}
interface MoocoreRun {
  moocore: string;
  hv?: PeerTimes & { value: number };
  nd?: PeerTimes & { count: number; checksum: number };
  ranks?: PeerTimes & { max: number; checksum: number };
}

const peerDir = mkdtempSync(path.join(os.tmpdir(), 'bench-pareto-'));
process.on('exit', () => rmSync(peerDir, { recursive: true, force: true }));

/** moocore on the same data, in this run. */
function moocoreRun(py: string, data: Float64Array, n: number, d: number, ops: string[], reps: number): MoocoreRun {
  const file = path.join(peerDir, 'points.f64');
  writeFileSync(file, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const out = execFileSync(py, [path.join(import.meta.dirname, 'bench-pareto-moocore.py'), file, String(n), String(d), ops.join(','), String(reps)], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

/** The checksums bench-pareto-moocore.py prints, on our results. */
function ndChecksum(rows: Int32Array): number {
  let s = 0;
  for (let t = 0; t < rows.length; t++) s = (s + rows[t] + 1) % 2147483647;
  return s;
}
function ranksChecksum(ranks: Int32Array): { max: number; checksum: number } {
  let s = 0;
  let max = 0;
  for (let i = 0; i < ranks.length; i++) {
    s = (s + ranks[i] * ((i % 1000003) + 1)) % 2147483647;
    if (ranks[i] > max) max = ranks[i];
  }
  return { max, checksum: s };
}

function fmt(ms: number | null): string {
  if (ms === null) return '—';
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

const moocorePy = findMoocore();
console.log(`machine: ${machineDescription()}`);
console.log(
  moocorePy
    ? `moocore: its Python package imports (${moocorePy}): timed in this run on the same inputs, every case, values checked against ours`
    : `moocore: its Python package does not import (python3 -c "import moocore"): ratios use the figures recorded on this machine (issue 3), where a case has one`,
);
console.log(
  `mode: ${quick ? 'quick' : 'full'}; reference point 1.1 in every coordinate; engine ${engine ?? 'default (WebAssembly kernels where they load)'} (--engine js|wasm); milliseconds of the ${clock} clock (--clock wall|cpu), median of runs after untimed warm-up calls (at least 8 and 250 ms, at most about 1 s; the first, cold call is listed in the ratio table); calls under ${BATCH_MS} ms are timed in batches on both sides (per-call time of a batch of up to ${MAX_BATCH})`,
);
const probeStart = cpuProbe();
console.log(
  `load average ${os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}; cpu probe ${probeStart.toFixed(0)} ms ` +
    `(1e8 float adds; about 90 ms when the process has a core to itself; higher means other work shares the cores)\n`,
);

const header = ['d', 'shape', 'n', 'nonDominated', 'paretoRanks', 'hypervolume', '|ND|', `moocore${moocorePy ? '' : ' (recorded)'} hv/nd/rk`, 'ratio hv/nd/rk'];
const rows: string[][] = [];
const widths = header.map((h) => h.length);
function printRow(r: string[]): void {
  console.log(r.map((c, i) => c.padStart(Math.max(widths[i], 8))).join('  '));
}
printRow(header);

const tableRatios: { key: string; op: string; ms: number; moocore: number; ratio: number; bestRatio: number; first: number }[] = [];
const mismatches: string[] = [];
let hvWorst = 0;
for (const d of [2, 3, 4, 5]) {
  if (onlyD !== undefined && d !== onlyD) continue;
  for (const shape of ['random', 'front', 'linear'] as Shape[]) {
    if (onlyShape && shape !== onlyShape) continue;
    for (let n = 1000; n <= maxN[d]; n *= 10) {
      if (onlyN !== undefined && n !== onlyN) continue;
      const data = generate(shape, n, d, 12345 + d * 31 + n);
      const set = { data, dim: d };
      const ref = new Array(d).fill(1.1);
      let ndSize = 0;
      let nd: Int32Array | null = null;
      let rk: Int32Array | null = null;
      let hvValue = NaN;
      const skip = { median: NaN, best: NaN, first: NaN };
      const rNd = !onlyOp || onlyOp === 'nd' ? time(() => (ndSize = (nd = nonDominated(set, { engine })).length)) : skip;
      const rRk = !onlyOp || onlyOp === 'ranks' ? time(() => (rk = paretoRanks(set, { engine }))) : skip;
      const rHv = !onlyOp || onlyOp === 'hv' ? time(() => (hvValue = hypervolume(set, ref, { engine }))) : skip;
      const tNd = rNd.median;
      const tRk = rRk.median;
      const tHv = rHv.median;
      const key = `${d} ${shape} ${n}`;
      let mc: [number | null, number | null, number | null] | undefined = MOOCORE[key];
      let mcBest: [number | null, number | null, number | null] | undefined = mc;
      if (moocorePy) {
        const ops = [
          ['hv', rHv],
          ['nd', rNd],
          ['ranks', rRk],
        ]
          .filter(([, r]) => !Number.isNaN((r as { median: number }).median))
          .map(([o]) => o as string);
        const slow = Math.max(...[rHv, rNd, rRk].map((r) => (Number.isNaN(r.median) ? 0 : r.median)));
        const peer = moocoreRun(moocorePy, data, n, d, ops, quick ? 3 : slow > 2000 ? 1 : slow > 300 ? 3 : 7);
        const pick = (t?: PeerTimes) => (t ? (clock === 'cpu' ? t.cpu : t.ms) : null);
        const pickBest = (t?: PeerTimes) => (t ? (clock === 'cpu' ? t.cpuBest : t.best) : null);
        mc = [pick(peer.hv), pick(peer.nd), pick(peer.ranks)];
        mcBest = [pickBest(peer.hv), pickBest(peer.nd), pickBest(peer.ranks)];
        if (peer.hv) {
          // Both are exact algorithms in double precision that add the same slabs in different orders:
          // the values agree to a few ulps, not bit for bit. More than 1e-12 relative is a wrong volume.
          const rel = Math.abs(hvValue - peer.hv.value) / Math.max(Math.abs(peer.hv.value), Number.MIN_VALUE);
          hvWorst = Math.max(hvWorst, rel);
          if (!(rel <= 1e-12)) mismatches.push(`${key} hypervolume: ours ${hvValue}, moocore ${peer.hv.value} (relative ${rel})`);
        }
        if (peer.nd && nd && (peer.nd.count !== (nd as Int32Array).length || peer.nd.checksum !== ndChecksum(nd)))
          mismatches.push(`${key} nonDominated: ours ${(nd as Int32Array).length} rows, moocore ${peer.nd.count}`);
        if (peer.ranks && rk) {
          const ours = ranksChecksum(rk);
          if (peer.ranks.max !== ours.max || peer.ranks.checksum !== ours.checksum)
            mismatches.push(`${key} paretoRanks: ours ${ours.max} fronts, moocore ${peer.ranks.max} (or the ranks differ)`);
        }
      }
      let mcCol = '';
      let ratioCol = '';
      if (mc) {
        mcCol = mc.map(fmt).join('/');
        const ours = [rHv, rNd, rRk];
        const ops = ['hypervolume', 'nonDominated', 'paretoRanks'];
        ratioCol = mc
          .map((m, i) => {
            if (m === null || Number.isNaN(ours[i].median)) return '—';
            const ratio = ours[i].median / m;
            tableRatios.push({ key, op: ops[i], ms: ours[i].median, moocore: m, ratio, bestRatio: ours[i].best / (mcBest?.[i] ?? m), first: ours[i].first });
            return ratio.toFixed(2);
          })
          .join('/');
      }
      const row = [String(d), shape, String(n), fmt(tNd), fmt(tRk), fmt(tHv), String(ndSize), mcCol, ratioCol];
      rows.push(row);
      printRow(row.map((c) => (c === 'NaN' ? '—' : c)));
    }
  }
}

if (tableRatios.length > 0) {
  console.log(
    `\nours / moocore ${moocorePy ? '(same run)' : '(recorded figures)'} per case, ${clock} clock (<= 1 is the target, issue 16; 'best' is our fastest run over moocore's fastest; 'first call' is our cold first call, wall ms):`,
  );
  console.log(
    `  ${'case'.padEnd(18)} ${'operation'.padEnd(13)} ${'ours ms'.padStart(9)} ${'moocore'.padStart(8)} ${'ratio'.padStart(6)} ${'best'.padStart(6)} ${'first call'.padStart(10)}`,
  );
  for (const r of tableRatios) {
    console.log(
      `  ${r.key.padEnd(18)} ${r.op.padEnd(13)} ${fmt(r.ms).padStart(9)} ${fmt(r.moocore).padStart(8)} ${r.ratio.toFixed(2).padStart(6)} ${r.bestRatio
        .toFixed(2)
        .padStart(6)} ${fmt(r.first).padStart(10)}${r.ratio <= 1 ? '' : '   <-- slower than moocore'}`,
    );
  }
}
if (moocorePy)
  console.log(
    mismatches.length
      ? `\nvalues that differ from moocore's:\n  ${mismatches.join('\n  ')}`
      : `\nvalues: the non-dominated sets and the ranks are identical to moocore's in every case; hypervolumes agree to ${hvWorst.toExponential(1)} relative at worst (summation order)`,
  );
const probeEnd = cpuProbe();
console.log(
  `\nload average at the end ${os
    .loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}; cpu probe ${probeEnd.toFixed(0)} ms`,
);
