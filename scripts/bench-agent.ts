/**
 * bench:agent — tokens/s of sampling and of one training step (forward,
 * backward, Adam) at the default model size and at the fixed reference size
 * (2 layers, width 64, 4 heads, batch 64 x 32 tokens, vocab 24), and one RL
 * step of the trainer's default config by phase. When PyTorch imports, the
 * identical reference step and the identical sampling workload are timed in
 * PyTorch on one thread in the same run and the ratios are printed.
 *   npm run bench:agent [-- --steps 20 --rounds 3 --backend wasm|cpu --path kernel|tfjs --no-torch --rl-steps 4 --warm-steps 150]
 *
 * --path: the training pass measured, the WebAssembly SIMD kernels of
 * lib/agent/kernel (default, what training uses in Node) or the tfjs pass of
 * lib/agent/backprop.ts (the fallback and reference).
 * Sampling is measured on both decoders in the same run, alternating: tfjs
 * (decodeStep, the browser path and main's sampler before issue 16) and the
 * kernel decoder (lib/agent/kernel/decode.ts, what the Node trainer uses).
 * The RL step (sample / score / advantages / update / log) is timed for both
 * paths side by side: 'tfjs' (rollouts and KL reference forward on tfjs, one
 * padded update batch: the RL step of main before issue 16) and 'kernel'
 * (the trainer's defaults now), from a policy warm-started
 * for --warm-steps steps so rollouts have realistic lengths.
 *
 * Conditions: the machine is shared, so every figure is a median over
 * --rounds rounds that alternate tfjs and PyTorch, each round itself a median
 * over --steps steps, and both wall time and process CPU time are reported
 * (CPU time is what the step costs; wall time also counts waiting for a core).
 * The load average before and after is printed.
 *
 * PyTorch's BLAS: Debian's python3-torch calls the system libblas.so.3, which
 * by default is the reference (netlib) BLAS, ~10x slower than OpenBLAS for
 * this step. The reference is therefore also run with an OpenBLAS
 * libblas.so.3 when one is found (Debian package libopenblas0-serial or
 * -pthread, or a directory named by BENCH_TORCH_BLAS_DIR), single-threaded,
 * and the ratio is taken against the OpenBLAS figure.
 */
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createPolicy, disposePolicy, generatedTokens, initBackend, sampleRollouts, supervisedStep, DEFAULT_POLICY_CONFIG } from '../lib/agent';
import { warmStart } from '../lib/training';
import { Rng } from '../lib/rng';
import type { DecoderKind, PolicyConfig, Trajectory } from '../lib/agent';
import { TrainConfigSchema } from '../lib/training/config';
import { RL_PHASES, timeRlSteps } from './lib/rl-step-bench';
import type { RlPath, RlTiming } from './lib/rl-step-bench';
import { getEnv, OBJECTIVES } from '../lib/envs';
import { parseFlags, CliError } from './cli/args';
import { machineDescription } from './cli/machine';
import { trunkKernelVariant } from '../lib/agent/kernel/trunk';
import type { TrainingPass } from '../lib/agent';

const REFERENCE = { nLayer: 2, nEmbd: 64, nHead: 4, batch: 64, tokens: 32, vocab: 24 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function timeTrainStep(config: Partial<PolicyConfig>, B: number, T: number, steps: number, pass: TrainingPass) {
  const policy = createPolicy({ ...config, contextLength: Math.max(config.contextLength ?? 0, T + 1) }, 0);
  const rng = new Rng(1);
  const ids = new Int32Array(B * (T + 1)).map(() => rng.int(0, policy.config.vocabSize - 1));
  const batch = { B, T: T + 1, ids, targetMask: new Float32Array(B * T).fill(1) };
  const opt = tf.train.adam(1e-3);
  for (let i = 0; i < 3; i++) await supervisedStep(policy, opt, batch, pass);
  const before = tf.memory().numTensors;
  const ms: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    const c0 = cpuMs();
    await supervisedStep(policy, opt, batch, pass);
    ms.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  const leaked = tf.memory().numTensors - before;
  opt.dispose();
  disposePolicy(policy);
  const med = median(ms);
  return { medianMs: med, cpuMs: median(cpu), tokensPerSecond: (B * T) / (med / 1000), leaked };
}

interface SamplingResult {
  ms: number;
  tokensPerSecond: number;
  generated: number;
  trajs: Trajectory[];
}

/**
 * Sampling of `batch` rollouts on each decoder, `reps` rounds alternating
 * the decoders; every round samples the same prompts from the same seed, so
 * each decoder's rollouts are the same every round and are compared.
 */
async function timeSampling(config: Partial<PolicyConfig>, batch: number, reps: number): Promise<Record<DecoderKind, SamplingResult> & { identical: boolean }> {
  const env = getEnv('calc', { seed: 0 });
  const policy = createPolicy({ ...config, vocabSize: env.vocab.size }, 0);
  const prompts = env.samplePrompts('train', batch, new Rng(2));
  const kinds: DecoderKind[] = ['tfjs', 'kernel'];
  for (const decoder of kinds) await sampleRollouts(policy, env, prompts.slice(0, 8), { rng: new Rng(3), temperature: 1, decoder });
  const times: Record<DecoderKind, number[]> = { tfjs: [], kernel: [] };
  const last: Partial<Record<DecoderKind, Trajectory[]>> = {};
  for (let r = 0; r < reps; r++)
    for (const decoder of kinds) {
      const t0 = performance.now();
      last[decoder] = await sampleRollouts(policy, env, prompts, { rng: new Rng(3), temperature: 1, decoder });
      times[decoder].push(performance.now() - t0);
    }
  disposePolicy(policy);
  const result = (d: DecoderKind): SamplingResult => {
    const trajs = last[d]!;
    const generated = generatedTokens(env, trajs);
    const ms = median(times[d]);
    return { ms, tokensPerSecond: generated / (ms / 1000), generated, trajs };
  };
  const identical = last.tfjs!.every((t, i) => t.tokens.join() === last.kernel![i].tokens.join());
  return { tfjs: result('tfjs'), kernel: result('kernel'), identical };
}

interface TorchSamplingResult {
  torch: string;
  median_ms: number;
  rollouts: number;
  positions: number;
  generated: number;
}

/** The PyTorch twin of a sampling workload (bench-agent-torch-sample.py): same model size, batch and token schedule, one thread. */
function torchSampling(py: string, config: PolicyConfig, trajs: Trajectory[], rounds: number, blasDir?: string): TorchSamplingResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-agent-'));
  try {
    const file = path.join(dir, 'workload.json');
    const generated = generatedTokens({ objectives: OBJECTIVES }, trajs);
    writeFileSync(file, JSON.stringify({ ...config, temperature: 1, generated, seqs: trajs.map((t) => t.tokens) }));
    const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
    if (blasDir) env.LD_LIBRARY_PATH = [blasDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    const out = execFileSync(py, [path.join(import.meta.dirname, 'bench-agent-torch-sample.py'), file, String(rounds)], { encoding: 'utf8', env });
    return JSON.parse(out.trim().split('\n').pop()!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface TorchResult {
  torch: string;
  blas: string;
  median_ms: number;
  median_cpu_ms: number;
  tokens_per_s: number;
}

/** Directories holding an OpenBLAS libblas.so.3 that Debian's torch can be pointed at. */
function openBlasDirs(): string[] {
  const dirs = [
    process.env.BENCH_TORCH_BLAS_DIR,
    '/usr/lib/x86_64-linux-gnu/openblas-serial',
    '/usr/lib/x86_64-linux-gnu/openblas-pthread',
    '/usr/lib/x86_64-linux-gnu/openblas-openmp',
  ].filter((d): d is string => !!d && existsSync(path.join(d, 'libblas.so.3')));
  return [...new Set(dirs)];
}

function findTorchPython(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(py, ['-c', 'import torch'], { stdio: 'ignore' });
      return py;
    } catch {
      // next
    }
  }
  return null;
}

/** The PyTorch twin of the reference step on one thread, with the system BLAS or the one in `blasDir`. */
function torchReference(py: string, steps: number, blasDir?: string): TorchResult {
  const script = path.join(import.meta.dirname, 'bench-agent-torch.py');
  const r = REFERENCE;
  const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
  if (blasDir) env.LD_LIBRARY_PATH = [blasDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const out = execFileSync(py, [script, ...[r.nLayer, r.nEmbd, r.nHead, r.batch, r.tokens, r.vocab, steps].map(String)], { encoding: 'utf8', env });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function main() {
  const f = parseFlags(process.argv.slice(2), {
    steps: { type: 'int', min: 3, default: 20 },
    rounds: { type: 'int', min: 1, default: 3 },
    backend: { type: 'enum', values: ['wasm', 'cpu'], default: 'wasm' },
    path: { type: 'enum', values: ['kernel', 'tfjs'], default: 'kernel' },
    noTorch: { type: 'boolean' },
    rlSteps: { type: 'int', min: 1, default: 4 },
    warmSteps: { type: 'int', min: 0, default: 150 },
  });
  const backend = await initBackend(f.backend as 'wasm' | 'cpu');
  if (f.path === 'kernel' && !trunkKernelVariant())
    throw new CliError('--path kernel: the WebAssembly kernel is not loaded (PARETO_TRUNK_KERNEL=off, or run `npm run build:kernels`)');
  const simd = await tf
    .env()
    .getAsync('WASM_HAS_SIMD_SUPPORT')
    .catch(() => '?');
  const mt = await tf
    .env()
    .getAsync('WASM_HAS_MULTITHREAD_SUPPORT')
    .catch(() => '?');
  console.log(`machine: ${machineDescription()}; load average (1/5/15 min) at start: ${load()}`);
  console.log(`tfjs ${tf.version.tfjs}, backend ${backend}${backend === 'wasm' ? ` (simd ${simd}, threads ${mt})` : ''}`);
  console.log(
    `training pass: ${f.path === 'kernel' ? `WebAssembly kernels, lib/agent/kernel (${trunkKernelVariant()})` : `tfjs on ${backend}, lib/agent/backprop.ts`}; sampling: both decoders, tfjs on ${backend} and the WebAssembly kernels`,
  );
  const r = REFERENCE;
  const py = f.noTorch ? null : findTorchPython();
  const blasDirs = py ? openBlasDirs() : [];
  // rounds alternate tfjs and torch so both see the same background load
  const tfjsRounds: Awaited<ReturnType<typeof timeTrainStep>>[] = [];
  const torchRounds: TorchResult[] = [];
  let leaked = 0;
  for (let round = 0; round < f.rounds; round++) {
    const t = await timeTrainStep({ nLayer: r.nLayer, nEmbd: r.nEmbd, nHead: r.nHead, vocabSize: r.vocab }, r.batch, r.tokens, f.steps, f.path as TrainingPass);
    tfjsRounds.push(t);
    leaked += t.leaked;
    if (py && blasDirs.length) torchRounds.push(torchReference(py, f.steps, blasDirs[0]));
  }
  const tfjsMs = median(tfjsRounds.map((t) => t.medianMs));
  const tfjsCpu = median(tfjsRounds.map((t) => t.cpuMs));
  const tokens = r.batch * r.tokens;
  console.log(
    `train step, reference (L${r.nLayer} C${r.nEmbd} H${r.nHead}, ${r.batch}x${r.tokens} tokens, V${r.vocab}): ${tfjsMs.toFixed(1)} ms wall, ${tfjsCpu.toFixed(1)} ms CPU, ${(tokens / (tfjsMs / 1000)).toFixed(0)} tokens/s (median of ${f.rounds} rounds x ${f.steps} steps; per round: ${tfjsRounds.map((t) => t.medianMs.toFixed(0)).join(', ')} ms; leaked tensors: ${leaked})`,
  );
  const d = DEFAULT_POLICY_CONFIG;
  const T = d.contextLength - 1;
  const def = await timeTrainStep({}, 64, T, Math.max(3, Math.round(f.steps / 2)), f.path as TrainingPass);
  console.log(
    `train step, default (L${d.nLayer} C${d.nEmbd} H${d.nHead} ctx${d.contextLength}, 64x${T} tokens, V${d.vocabSize}): ${def.medianMs.toFixed(1)} ms, ${def.tokensPerSecond.toFixed(0)} tokens/s`,
  );
  const samplingRow = (label: string, s: Awaited<ReturnType<typeof timeSampling>>) => {
    for (const d of ['tfjs', 'kernel'] as const)
      console.log(
        `sampling, ${label}, decoder ${d.padEnd(6)}: ${s[d].ms.toFixed(1)} ms, ${s[d].tokensPerSecond.toFixed(0)} generated tokens/s (${s[d].generated} tokens, median of 3 rounds)`,
      );
    console.log(
      `sampling, ${label}: kernel decoder ${(s.tfjs.ms / s.kernel.ms).toFixed(2)}x faster than tfjs in this run; identical tokens: ${s.identical ? 'yes' : 'NO'}`,
    );
  };
  const s256 = await timeSampling({}, 256, 3);
  samplingRow('default size, 256 rollouts with KV cache + tool execution', s256);
  const sRef = await timeSampling({ nLayer: r.nLayer, nEmbd: r.nEmbd, nHead: r.nHead }, 64, 3);
  samplingRow('reference size, 64 rollouts', sRef);

  // ---- one RL step of the default trainer config, by phase, main's path (tfjs) and this one's (kernel) side by side
  const config = TrainConfigSchema.parse({});
  const env = getEnv(config.env, { seed: 0 });
  const tw = performance.now();
  const warm = await warmStart(env, { seed: 0, steps: f.warmSteps, config: config.policy });
  console.log(
    `\nRL step, default config (${config.env}, ${config.algorithm}, ${config.promptsPerStep}x${config.groupSize} rollouts, maxTokens ${config.maxTokens}, klCoef ${config.klCoef}), from a ${f.warmSteps}-step warm start (${((performance.now() - tw) / 1000).toFixed(1)} s), median over ${f.rounds} rounds x ${f.rlSteps} steps, paths alternating:`,
  );
  const rl: Record<RlPath, RlTiming[]> = { tfjs: [], kernel: [] };
  for (let round = 0; round < f.rounds; round++)
    for (const p of ['tfjs', 'kernel'] as const) rl[p].push(...(await timeRlSteps(warm.policy, env, config, p, f.rlSteps)));
  disposePolicy(warm.policy);
  const phases = [...RL_PHASES, 'total'] as const;
  console.log(`  ${'path'.padEnd(8)}${phases.map((ph) => ph.padStart(11)).join('')}   (ms, median per phase)`);
  const med = (p: RlPath) => Object.fromEntries(phases.map((ph) => [ph, median(rl[p].map((t) => t[ph]))])) as Record<(typeof phases)[number], number>;
  const rows = { tfjs: med('tfjs'), kernel: med('kernel') };
  for (const p of ['tfjs', 'kernel'] as const) console.log(`  ${p.padEnd(8)}${phases.map((ph) => rows[p][ph].toFixed(1).padStart(11)).join('')}`);
  console.log(
    `  RL step: kernel path ${(rows.tfjs.total / rows.kernel.total).toFixed(2)}x faster than the tfjs path (main's) in this run; sampling ${(rows.tfjs.sample / rows.kernel.sample).toFixed(2)}x`,
  );

  if (f.noTorch) return;
  if (!py) {
    console.log(
      'pytorch reference: torch does not import (tried python3, /usr/bin/python3): skipped (Debian: apt-get install python3-torch libopenblas0-serial)',
    );
    return;
  }
  const samplingTwin = (blasDir?: string) => {
    const d256 = { ...DEFAULT_POLICY_CONFIG, vocabSize: getEnv('calc', { seed: 0 }).vocab.size };
    const ts = torchSampling(py, d256, s256.kernel.trajs, 3, blasDir);
    console.log(
      `pytorch ${ts.torch} (1 thread, ${blasDir ? `OpenBLAS ${blasDir}` : 'system BLAS'}) sampling twin, default size, the same ${ts.rollouts} rollouts (${ts.positions} decoded positions, KV cache, finished rows dropped, no tool execution): ${ts.median_ms.toFixed(1)} ms, ${(ts.generated / (ts.median_ms / 1000)).toFixed(0)} generated tokens/s`,
    );
    console.log(
      `ratio ours/pytorch sampling time: kernel decoder ${(s256.kernel.ms / ts.median_ms).toFixed(2)}x, tfjs decoder ${(s256.tfjs.ms / ts.median_ms).toFixed(2)}x (target <= 1x)`,
    );
  };
  const sys = torchReference(py, Math.min(f.steps, 5));
  const row = (label: string, ms: number, cpu: number) =>
    console.log(`${label}: ${ms.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms CPU, ${(tokens / (ms / 1000)).toFixed(0)} tokens/s`);
  row(`pytorch ${sys.torch} (1 thread, system BLAS ${sys.blas}) reference step`, sys.median_ms, sys.median_cpu_ms);
  if (!torchRounds.length) {
    console.log(
      'no OpenBLAS libblas.so.3 found (apt-get install libopenblas0-serial, or set BENCH_TORCH_BLAS_DIR): the ratio below is against the system BLAS',
    );
    console.log(`ratio ours/pytorch step time: ${(tfjsMs / sys.median_ms).toFixed(2)}x wall, ${(tfjsCpu / sys.median_cpu_ms).toFixed(2)}x CPU (target <= 1x)`);
    samplingTwin();
    return;
  }
  const tMs = median(torchRounds.map((t) => t.median_ms));
  const tCpu = median(torchRounds.map((t) => t.median_cpu_ms));
  row(`pytorch ${torchRounds[0].torch} (1 thread, OpenBLAS ${blasDirs[0]}) reference step, median of ${f.rounds} rounds`, tMs, tCpu);
  console.log(`ratio ours/pytorch(OpenBLAS) step time: ${(tfjsMs / tMs).toFixed(2)}x wall, ${(tfjsCpu / tCpu).toFixed(2)}x CPU (target <= 1x)`);
  samplingTwin(blasDirs[0]);
  console.log(`load average at end: ${load()}`);
}

main().catch((e) => {
  console.error(e instanceof CliError ? `error: ${e.message}` : e);
  process.exit(e instanceof CliError ? 2 : 1);
});
