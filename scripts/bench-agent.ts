/**
 * bench:agent — tokens/s of sampling and of one training step (forward,
 * backward, Adam) at the default model size and at the fixed reference size
 * (2 layers, width 64, 4 heads, batch 64 x 32 tokens, vocab 24). When PyTorch
 * imports, the identical reference step is timed in PyTorch on one thread in
 * the same run and the ratio is printed.
 *   npm run bench:agent [-- --steps 20 --backend wasm|cpu]
 */
import * as tf from '@tensorflow/tfjs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { createPolicy, disposePolicy, initBackend, sampleRollouts, supervisedStep, Rng, DEFAULT_POLICY_CONFIG } from '../lib/agent';
import type { PolicyConfig } from '../lib/agent';
import { getEnv } from '../lib/envs';
import { parseFlags, CliError } from './cli/args';
import { machineDescription } from './cli/machine';

const REFERENCE = { nLayer: 2, nEmbd: 64, nHead: 4, batch: 64, tokens: 32, vocab: 24 };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeTrainStep(config: Partial<PolicyConfig>, B: number, T: number, steps: number) {
  const policy = createPolicy({ ...config, contextLength: Math.max(config.contextLength ?? 0, T + 1) }, 0);
  const rng = new Rng(1);
  const ids = new Int32Array(B * (T + 1)).map(() => rng.int(0, policy.config.vocabSize - 1));
  const batch = { B, T: T + 1, ids, targetMask: new Float32Array(B * T).fill(1) };
  const opt = tf.train.adam(1e-3);
  for (let i = 0; i < 3; i++) supervisedStep(policy, opt, batch);
  const before = tf.memory().numTensors;
  const ms: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    supervisedStep(policy, opt, batch);
    ms.push(performance.now() - t0);
  }
  const leaked = tf.memory().numTensors - before;
  opt.dispose();
  disposePolicy(policy);
  const med = median(ms);
  return { medianMs: med, tokensPerSecond: (B * T) / (med / 1000), leaked };
}

function timeSampling(config: Partial<PolicyConfig>, batch: number, reps: number) {
  const env = getEnv('calc', { seed: 0 });
  const policy = createPolicy({ ...config, vocabSize: env.vocab.size }, 0);
  const rng = new Rng(2);
  const prompts = env.samplePrompts('train', batch, rng);
  sampleRollouts(policy, env, prompts.slice(0, 8), { rng, temperature: 1 });
  const rates: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    const trajs = sampleRollouts(policy, env, prompts, { rng, temperature: 1 });
    const secs = (performance.now() - t0) / 1000;
    rates.push(trajs.reduce((a, t) => a + t.objectives.tokens, 0) / secs);
  }
  disposePolicy(policy);
  return median(rates);
}

function torchReference(steps: number): { torch: string; median_ms: number; tokens_per_s: number } | string {
  const script = path.join(import.meta.dirname, 'bench-agent-torch.py');
  for (const py of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(py, ['-c', 'import torch'], { stdio: 'ignore' });
    } catch {
      continue;
    }
    const r = REFERENCE;
    const out = execFileSync(py, [script, ...[r.nLayer, r.nEmbd, r.nHead, r.batch, r.tokens, r.vocab, steps].map(String)], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    return JSON.parse(out.trim().split('\n').pop()!);
  }
  return 'torch does not import (tried python3, /usr/bin/python3): skipped';
}

async function main() {
  const f = parseFlags(process.argv.slice(2), {
    steps: { type: 'int', min: 3, default: 20 },
    backend: { type: 'enum', values: ['wasm', 'cpu'], default: 'wasm' },
    noTorch: { type: 'boolean' },
  });
  const backend = await initBackend(f.backend as 'wasm' | 'cpu');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT').catch(() => '?');
  const mt = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT').catch(() => '?');
  console.log(`machine: ${machineDescription()}`);
  console.log(`tfjs ${tf.version.tfjs}, backend ${backend}${backend === 'wasm' ? ` (simd ${simd}, threads ${mt})` : ''}`);
  const r = REFERENCE;
  const ref = timeTrainStep({ nLayer: r.nLayer, nEmbd: r.nEmbd, nHead: r.nHead, vocabSize: r.vocab }, r.batch, r.tokens, f.steps);
  console.log(
    `train step, reference (L${r.nLayer} C${r.nEmbd} H${r.nHead}, ${r.batch}x${r.tokens} tokens, V${r.vocab}): ${ref.medianMs.toFixed(1)} ms, ${ref.tokensPerSecond.toFixed(0)} tokens/s (leaked tensors: ${ref.leaked})`,
  );
  const d = DEFAULT_POLICY_CONFIG;
  const T = d.contextLength - 1;
  const def = timeTrainStep({}, 64, T, Math.max(3, Math.round(f.steps / 2)));
  console.log(`train step, default (L${d.nLayer} C${d.nEmbd} H${d.nHead} ctx${d.contextLength}, 64x${T} tokens, V${d.vocabSize}): ${def.medianMs.toFixed(1)} ms, ${def.tokensPerSecond.toFixed(0)} tokens/s`);
  const s256 = timeSampling({}, 256, 3);
  console.log(`sampling, default size, 256 rollouts with KV cache + tool execution: ${s256.toFixed(0)} generated tokens/s`);
  const sRef = timeSampling({ nLayer: r.nLayer, nEmbd: r.nEmbd, nHead: r.nHead }, 64, 3);
  console.log(`sampling, reference size, 64 rollouts: ${sRef.toFixed(0)} generated tokens/s`);
  if (!f.noTorch) {
    const t = torchReference(f.steps);
    if (typeof t === 'string') console.log(`pytorch reference: ${t}`);
    else {
      console.log(`pytorch ${t.torch} (1 thread) reference step: ${t.median_ms.toFixed(1)} ms, ${t.tokens_per_s.toFixed(0)} tokens/s`);
      console.log(`ratio tfjs/pytorch step time: ${(ref.medianMs / t.median_ms).toFixed(2)}x (target <= 2x)`);
    }
  }
}

main().catch((e) => {
  console.error(e instanceof CliError ? `error: ${e.message}` : e);
  process.exit(e instanceof CliError ? 2 : 1);
});
