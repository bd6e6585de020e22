/**
 * bench:agent profile — where the reference training step (2 layers, width
 * 64, 4 heads, batch 64 x 32 tokens, vocab 24) spends its time.
 *   node --import tsx scripts/bench-agent-profile.ts [--steps 5] [--path kernel|tfjs] [--by-shape]
 * --path kernel (default in Node): every call of the WebAssembly training pass
 * (lib/agent/kernel), GEMMs by shape with --by-shape, plus the optimizer.
 * --path tfjs: the tfjs pass of backprop.ts, per tfjs kernel via tf.profile.
 */
import * as tf from '@tensorflow/tfjs';
import { createPolicy, initBackend, supervisedStep, Rng } from '../lib/agent';
import { setTrunkProfiler, trunkKernelVariant } from '../lib/agent/kernel/trunk';
import { parseFlags, CliError } from './cli/args';

type Row = { ms: number; n: number; shapes: Set<string> };

function print(rows: Map<string, Row>, steps: number, wall: number, width: number, showShapes: boolean) {
  const sorted = [...rows].sort((a, b) => b[1].ms - a[1].ms);
  const total = sorted.reduce((a, [, e]) => a + e.ms, 0);
  console.log(
    `wall per step (profiled): ${(wall / steps).toFixed(1)} ms; timed per step ${(total / steps).toFixed(1)} ms; calls per step ${sorted.reduce((a, [, e]) => a + e.n, 0) / steps}`,
  );
  for (const [name, e] of sorted.slice(0, 40))
    console.log(
      `${name.padEnd(width)} ${(e.ms / steps).toFixed(2).padStart(8)} ms  x${(e.n / steps).toFixed(0).padStart(4)}  ${showShapes ? [...e.shapes].join(' ') : ''}`,
    );
}

function add(rows: Map<string, Row>, key: string, ms: number, shape = '', calls = 1) {
  const e = rows.get(key) ?? { ms: 0, n: 0, shapes: new Set<string>() };
  e.ms += ms;
  e.n += calls;
  if (shape && e.shapes.size < 4) e.shapes.add(shape);
  rows.set(key, e);
}

/** GEMM label from its arguments (M, N, K, A, sAm, sAk, ...): MxNxK, with ᵀ when A is read transposed. */
const gemmShape = (a: number[]) => `${a[0]}x${a[1]}x${a[2]}${a[4] === 1 && a[0] > 1 ? ' Aᵀ' : ''}`;

async function main() {
  const f = parseFlags(process.argv.slice(2), {
    steps: { type: 'int', min: 1, default: 5 },
    path: { type: 'enum', values: ['kernel', 'tfjs'], default: 'kernel' },
    byShape: { type: 'boolean' },
  });
  await initBackend('wasm');
  if (f.path === 'kernel' && !trunkKernelVariant()) throw new CliError('--path kernel: the WebAssembly kernel is not loaded (PARETO_TRUNK_KERNEL=off?)');
  const pass = f.path as 'kernel' | 'tfjs';
  const B = 64,
    T = 32;
  const policy = createPolicy({ nLayer: 2, nEmbd: 64, nHead: 4, vocabSize: 24, contextLength: 48 }, 0);
  const rng = new Rng(1);
  const ids = new Int32Array(B * (T + 1)).map(() => rng.int(0, 23));
  const batch = { B, T: T + 1, ids, targetMask: new Float32Array(B * T).fill(1) };
  const opt = tf.train.adam(1e-3);
  for (let i = 0; i < 3; i++) await supervisedStep(policy, opt, batch, pass);
  const rows = new Map<string, Row>();
  let wall = 0;
  if (f.path === 'kernel') {
    console.log(`path: WebAssembly kernel (${trunkKernelVariant()})`);
    setTrunkProfiler((name, ms, args) => {
      const key = name === 'gemm' && f.byShape && args ? `gemm ${gemmShape(args)}` : name;
      add(rows, key, ms);
    });
    for (let s = 0; s < f.steps; s++) {
      const t0 = performance.now();
      await supervisedStep(policy, opt, batch, pass);
      wall += performance.now() - t0;
    }
    setTrunkProfiler(null);
    const timed = [...rows.values()].reduce((a, e) => a + e.ms, 0);
    add(rows, '(rest: optimizer, batch packing)', wall - timed, '', f.steps); // once per step
    print(rows, f.steps, wall, 34, false);
    return;
  }
  console.log('path: tfjs (backprop.ts)');
  for (let s = 0; s < f.steps; s++) {
    const t0 = performance.now();
    const info = await tf.profile(async () => {
      await supervisedStep(policy, opt, batch, pass);
    });
    wall += performance.now() - t0;
    for (const k of info.kernels) {
      const shape = k.inputShapes.map((x) => `[${x}]`).join('');
      add(rows, f.byShape ? `${k.name} ${shape}` : k.name, (await k.kernelTimeMs) as number, shape);
    }
  }
  print(rows, f.steps, wall, f.byShape ? 60 : 22, !f.byShape);
}
main().catch((e) => {
  console.error(e instanceof CliError ? `bench-agent-profile: ${e.message}` : e);
  process.exit(1);
});
