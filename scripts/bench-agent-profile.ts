/**
 * bench:agent profile — per-kernel time of the reference training step
 * (2 layers, width 64, 4 heads, batch 64 x 32 tokens, vocab 24) via tf.profile.
 *   node --import tsx scripts/bench-agent-profile.ts [--steps 5]
 */
import * as tf from '@tensorflow/tfjs';
import { createPolicy, initBackend, supervisedStep, Rng } from '../lib/agent';
import { parseFlags } from './cli/args';

async function main() {
  const f = parseFlags(process.argv.slice(2), { steps: { type: 'int', min: 1, default: 5 }, byShape: { type: 'boolean' } });
  await initBackend('wasm');
  const B = 64, T = 32;
  const policy = createPolicy({ nLayer: 2, nEmbd: 64, nHead: 4, vocabSize: 24, contextLength: 48 }, 0);
  const rng = new Rng(1);
  const ids = new Int32Array(B * (T + 1)).map(() => rng.int(0, 23));
  const batch = { B, T: T + 1, ids, targetMask: new Float32Array(B * T).fill(1) };
  const opt = tf.train.adam(1e-3);
  for (let i = 0; i < 3; i++) supervisedStep(policy, opt, batch);
  const byKernel = new Map<string, { ms: number; n: number; shapes: Set<string> }>();
  let wall = 0;
  for (let s = 0; s < f.steps; s++) {
    const t0 = performance.now();
    const info = await tf.profile(() => {
      supervisedStep(policy, opt, batch);
    });
    wall += performance.now() - t0;
    for (const k of info.kernels) {
      const key = f.byShape ? `${k.name} ${k.inputShapes.map((x) => `[${x}]`).join('')}` : k.name;
      const e = byKernel.get(key) ?? { ms: 0, n: 0, shapes: new Set<string>() };
      e.ms += (await k.kernelTimeMs) as number;
      e.n++;
      if (e.shapes.size < 4) e.shapes.add(k.inputShapes.map((x) => `[${x}]`).join(''));
      byKernel.set(key, e);
    }
  }
  const rows = [...byKernel].sort((a, b) => b[1].ms - a[1].ms);
  const total = rows.reduce((a, [, e]) => a + e.ms, 0);
  console.log(`wall per step (profiled): ${(wall / f.steps).toFixed(1)} ms; kernel time per step ${(total / f.steps).toFixed(1)} ms; kernels per step ${rows.reduce((a, [, e]) => a + e.n, 0) / f.steps}`);
  for (const [name, e] of rows.slice(0, f.byShape ? 40 : 25))
    console.log(`${name.padEnd(f.byShape ? 60 : 22)} ${(e.ms / f.steps).toFixed(2).padStart(8)} ms  x${(e.n / f.steps).toFixed(0).padStart(4)}  ${f.byShape ? '' : [...e.shapes].join(' ')}`);
}
main();
