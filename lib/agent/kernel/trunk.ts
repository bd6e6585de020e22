/**
 * The policy's training pass (forward and backward of the transformer trunk)
 * on the WebAssembly SIMD kernels of assembly/trunk.ts, with no tfjs at all
 * (the loss of the logits is a host function, logits-loss.ts).
 *
 * Why: on tfjs-wasm a reference step (2 layers, width 64, batch 64 × 32) cost
 * ~104 ms, half of it outside the matrix products (layout transposes, the
 * attention's depthwise convolutions, XNNPACK re-packing operands, one
 * dispatch per op). Here the products run in one 4×8-register-tile GEMM that
 * reads transposed operands in place, attention runs per (sequence, head) on
 * contiguous slices, LayerNorm and the residual adds are fused, and every
 * buffer lives in one linear memory planned once per batch shape.
 *
 * Same maths as backprop.ts (the tfjs pass, and the twin in tests); rows are
 * batch-major (r = b·T + t). Node only: initTrunkKernel() loads the compiled
 * module (scripts/build-kernels.ts); until then, or when disabled, or for a
 * config it does not cover, trunkLossAndGradients returns null and callers
 * use the tfjs pass.
 *
 * Relaxed SIMD (a fused multiply-add) is used when the engine accepts it:
 * Node 22+ by default; Node 20 behind V8's --experimental-wasm-relaxed-simd,
 * which initTrunkKernel sets for this process. Otherwise plain SIMD.
 */
import type { Policy } from '../model';
import type { LogitsLoss } from '../logits-loss';
import { paramShapes } from '../model';
import type { PolicyConfig } from '../config';
import { hostValue } from '../adam';
import { KERNEL_BUILDS } from './variants';
import type { KernelVariant } from './variants';

export type { KernelVariant };

const LN_EPS = 1e-5;

export interface Exports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  gemm(
    M: number,
    N: number,
    K: number,
    A: number,
    sAm: number,
    sAk: number,
    B: number,
    ldb: number,
    C: number,
    ldc: number,
    beta: number,
    bias: number,
    relu: number,
  ): void;
  transpose(src: number, rows: number, cols: number, lds: number, dst: number, ldd: number): void;
  colSumAdd(x: number, N: number, C: number, out: number): void;
  reluBackward(dz: number, f: number, n: number): void;
  embedForward(ids: number, B: number, T: number, wte: number, wpe: number, C: number, x: number): void;
  embedBackward(ids: number, B: number, T: number, dx: number, C: number, dwte: number, dwpe: number): void;
  lnForward(x: number, N: number, C: number, g: number, b: number, eps: number, y: number, xhat: number, rstd: number): void;
  lnBackward(dy: number, N: number, C: number, g: number, xhat: number, rstd: number, dx: number, dg: number, db: number): void;
  attnForward(qkv: number, B: number, T: number, H: number, D: number, P: number, o: number, kt: number): void;
  attnBackward(qkv: number, P: number, dO: number, B: number, T: number, H: number, D: number, dqkv: number, scratch: number): void;
  attnDecode(qkv: number, rows: number, slots: number, H: number, D: number, t: number, L: number, kt: number, vc: number, o: number, s: number): void;
  embedDecode(ids: number, rows: number, t: number, wte: number, wpe: number, C: number, x: number): void;
}

/**
 * Who lays buffers in the module's memory right now: the training pass and a
 * decoder (kernel/decode.ts) both start theirs at heapBase, and neither keeps
 * data there between calls except a decoder's KV cache during one rollout.
 * Each claim returns a new number; a decoder checks that its claim is still
 * the latest before every step, so an interleaved training pass is an error,
 * never a silently overwritten cache.
 */
let memoryClaims = 0;
export function claimKernelMemory(): number {
  return ++memoryClaims;
}
export function kernelMemoryClaim(): number {
  return memoryClaims;
}

let kernel: { x: Exports; variant: KernelVariant } | null = null;
type Recorder = (name: string, ms: number, args?: number[]) => void;
let profiler: Recorder | null = null;

/**
 * Time every kernel call (and the loss, the parameter upload and the gradient
 * download) into `record`; null turns it off. For scripts/bench-agent-profile.ts.
 */
export function setTrunkProfiler(record: Recorder | null): void {
  profiler = record;
}

/** The exports, each call timed by the profiler. */
function timed(x: Exports, record: Recorder): Exports {
  const out: Record<string, unknown> = { memory: x.memory };
  for (const [name, fn] of Object.entries(x)) {
    if (typeof fn !== 'function') continue;
    out[name] = (...args: number[]) => {
      const t0 = performance.now();
      const r = (fn as (...a: number[]) => number)(...args);
      record(name, performance.now() - t0, args);
      return r;
    };
  }
  return out as unknown as Exports;
}

function phase<R>(name: string, f: () => R): R {
  if (!profiler) return f();
  const t0 = performance.now();
  const r = f();
  profiler(name, performance.now() - t0);
  return r;
}

/** Which kernel build is loaded, or null (tfjs pass only). */
export function trunkKernelVariant(): KernelVariant | null {
  return kernel ? kernel.variant : null;
}

/**
 * Load the compiled kernels (Node only; no-op elsewhere or when already
 * loaded). PARETO_TRUNK_KERNEL=off|simd|relaxed-simd forces a choice.
 * Returns the variant in use, or null.
 */
export async function initTrunkKernel(): Promise<KernelVariant | null> {
  if (kernel) return trunkKernelVariant();
  const isNode = typeof process !== 'undefined' && !!process.versions?.node;
  if (!isNode) return null;
  const want = process.env.PARETO_TRUNK_KERNEL;
  if (want === 'off') return null;
  const fs = await import(/* @vite-ignore */ 'node:fs');
  const path = await import(/* @vite-ignore */ 'node:path');
  const v8 = await import(/* @vite-ignore */ 'node:v8');
  const { fileURLToPath } = await import(/* @vite-ignore */ 'node:url');
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'build');
  const bytes = (v: KernelVariant) => {
    const file = path.join(dir, KERNEL_BUILDS[v].file);
    if (!fs.existsSync(file)) throw new Error(`initTrunkKernel: ${file} is missing; run \`npm run build:kernels\``);
    return new Uint8Array(fs.readFileSync(file));
  };
  /** The module, or null when this engine rejects its features. */
  const compile = (b: Uint8Array<ArrayBuffer>) => {
    try {
      return new WebAssembly.Module(b);
    } catch (e) {
      if (e instanceof WebAssembly.CompileError) return null;
      throw e;
    }
  };
  let variant: KernelVariant = 'simd';
  let mod: WebAssembly.Module | null = null;
  if (want !== 'simd') {
    const relaxed = bytes('relaxed-simd');
    mod = compile(relaxed);
    if (!mod) {
      v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
      mod = compile(relaxed);
    }
    if (mod) variant = 'relaxed-simd';
  }
  mod ??= compile(bytes('simd'));
  if (!mod) throw new Error('initTrunkKernel: this engine rejects WebAssembly SIMD; set PARETO_TRUNK_KERNEL=off');
  const inst = new WebAssembly.Instance(mod, {
    env: {
      abort: () => {
        throw new Error('trunk kernel: abort');
      },
    },
  });
  kernel = { x: inst.exports as unknown as Exports, variant };
  return variant;
}

/** The raw exports (tests check single kernels against brute force), or null when not loaded. */
export function trunkKernelExports(): Exports | null {
  return kernel?.x ?? null;
}

/** Byte offsets of every buffer of one training pass, for one (config, B, T). */
interface Plan {
  key: string;
  bytes: number;
  params: number[]; // per parameter, in paramShapes order
  grads: number[];
  paramFloats: number;
  gradBase: number;
  ids: number;
  x: number; // residual stream [N,C]
  layers: { xh1: number; rs1: number; h: number; qkv: number; P: number; o: number; xh2: number; rs2: number; h2: number; f: number }[];
  xhf: number;
  rsf: number;
  hf: number;
  logits: number;
  dlogits: number;
  dx: number;
  dh: number;
  dz: number;
  dO: number;
  dqkv: number;
  wt: number;
  scratch: number;
}

let plan: Plan | null = null;

function makePlan(c: PolicyConfig, B: number, T: number, heapBase: number): Plan {
  let top = Math.ceil(heapBase / 16) * 16; // below: the module's static data
  const alloc = (floats: number) => {
    const at = top;
    top += Math.ceil((floats * 4) / 16) * 16;
    return at;
  };
  const N = B * T;
  const C = c.nEmbd;
  const F = c.mlpRatio * C;
  const V = c.vocabSize;
  const D = C / c.nHead;
  const Tp = Math.ceil(T / 4) * 4; // row stride of the attention scores
  const shapes = paramShapes(c);
  const sizes = shapes.map(([, s]) => s.reduce((a, b) => a * b, 1));
  const paramFloats = sizes.reduce((a, b) => a + b, 0);
  const params: number[] = [];
  const grads: number[] = [];
  for (const s of sizes) params.push(alloc(s));
  const gradBase = top;
  for (const s of sizes) grads.push(alloc(s));
  return {
    key: planKey(c, B, T),
    params,
    grads,
    gradBase,
    paramFloats,
    ids: alloc(N),
    x: alloc(N * C),
    layers: Array.from({ length: c.nLayer }, () => ({
      xh1: alloc(N * C),
      rs1: alloc(N),
      h: alloc(N * C),
      qkv: alloc(N * 3 * C),
      P: alloc(B * c.nHead * T * Tp),
      o: alloc(N * C),
      xh2: alloc(N * C),
      rs2: alloc(N),
      h2: alloc(N * C),
      f: alloc(N * F),
    })),
    xhf: alloc(N * C),
    rsf: alloc(N),
    hf: alloc(N * C),
    logits: alloc(N * V),
    dlogits: alloc(N * V),
    dx: alloc(N * C),
    dh: alloc(N * C),
    dz: alloc(N * F),
    dO: alloc(N * C),
    dqkv: alloc(N * 3 * C),
    wt: alloc(Math.max(F, 3 * C, V) * C),
    scratch: alloc(D * T + T * Tp),
    bytes: top,
  };
}

const planKey = (c: PolicyConfig, B: number, T: number) => JSON.stringify([c.vocabSize, c.contextLength, c.nLayer, c.nEmbd, c.nHead, c.mlpRatio, B, T]);

/** Shapes the kernels cover: widths in whole SIMD lanes. */
export function trunkKernelSupports(c: PolicyConfig): boolean {
  return c.nEmbd % 4 === 0 && (c.nEmbd / c.nHead) % 4 === 0;
}

/** Parameter offsets of one block, in paramShapes order. */
interface BlockParams {
  ln1g: number;
  ln1b: number;
  attnW: number;
  attnB: number;
  projW: number;
  projB: number;
  ln2g: number;
  ln2b: number;
  fcW: number;
  fcB: number;
  outW: number;
  outB: number;
}

/**
 * Plan the buffers for (config, B, T), upload the parameters and ids, and run
 * the forward pass: logits [B·T, V] at p.logits, activations saved for the
 * backward pass.
 */
function forwardPass(k: Exports, policy: Policy, ids: Int32Array, B: number, T: number) {
  const c = policy.config;
  claimKernelMemory();
  const key = planKey(c, B, T);
  if (!plan || plan.key !== key) plan = makePlan(c, B, T, k.heapBase());
  const p = plan;
  const need = p.bytes - k.memory.buffer.byteLength;
  if (need > 0) k.memory.grow(Math.ceil(need / 65536));
  const f32 = new Float32Array(k.memory.buffer);
  const at = (byteOffset: number) => byteOffset >> 2;
  const N = B * T;
  const C = c.nEmbd;
  const F = c.mlpRatio * C;
  const V = c.vocabSize;
  const H = c.nHead;
  const D = C / H;
  for (let i = 0; i < N; i++) if (!(ids[i] >= 0 && ids[i] < V)) throw new Error(`trunk kernel: ids[${i}] = ${ids[i]} outside the vocabulary [0, ${V})`);
  const vars = [...policy.params.values()];
  phase('upload', () => {
    vars.forEach((v, i) => f32.set(hostValue(v), at(p.params[i])));
    new Int32Array(k.memory.buffer, p.ids, N).set(ids);
  });
  let pi = 0;
  const P = () => p.params[pi++]; // parameters in paramShapes order
  const wte = P();
  const wpe = P();
  k.embedForward(p.ids, B, T, wte, wpe, C, p.x);
  const w: BlockParams[] = [];
  for (let l = 0; l < c.nLayer; l++) {
    const L = p.layers[l];
    const q = { ln1g: P(), ln1b: P(), attnW: P(), attnB: P(), projW: P(), projB: P(), ln2g: P(), ln2b: P(), fcW: P(), fcB: P(), outW: P(), outB: P() };
    w.push(q);
    k.lnForward(p.x, N, C, q.ln1g, q.ln1b, LN_EPS, L.h, L.xh1, L.rs1);
    k.gemm(N, 3 * C, C, L.h, C, 1, q.attnW, 3 * C, L.qkv, 3 * C, 0, q.attnB, 0); // qkv = h·Wattn + b
    k.attnForward(L.qkv, B, T, H, D, L.P, L.o, p.scratch);
    k.gemm(N, C, C, L.o, C, 1, q.projW, C, p.x, C, 1, q.projB, 0); // x += o·Wproj + b
    k.lnForward(p.x, N, C, q.ln2g, q.ln2b, LN_EPS, L.h2, L.xh2, L.rs2);
    k.gemm(N, F, C, L.h2, C, 1, q.fcW, F, L.f, F, 0, q.fcB, 1); // f = relu(h2·Wfc + b)
    k.gemm(N, C, F, L.f, F, 1, q.outW, C, p.x, C, 1, q.outB, 0); // x += f·Wout + b
  }
  const lnfG = P();
  const lnfB = P();
  const headW = P();
  k.lnForward(p.x, N, C, lnfG, lnfB, LN_EPS, p.hf, p.xhf, p.rsf);
  k.gemm(N, V, C, p.hf, C, 1, headW, V, p.logits, V, 0, 0, 0); // logits = hf·Whead
  return { p, w, lnfG, headW };
}

/**
 * Logits [B·T, V] (a copy) of inputs `ids` [B,T] (batch-major), or null when
 * the kernel is not loaded or does not cover the config: the
 * forward pass of trunkLossAndGradients alone (the KL reference's forward).
 */
export function trunkLogits(policy: Policy, ids: Int32Array, B: number, T: number): Float32Array | null {
  const c = policy.config;
  if (!kernel || !trunkKernelSupports(c)) return null;
  const k = profiler ? timed(kernel.x, profiler) : kernel.x;
  const { p } = forwardPass(k, policy, ids, B, T);
  const off = p.logits >> 2;
  return new Float32Array(k.memory.buffer).slice(off, off + B * T * c.vocabSize);
}

/**
 * Loss and gradients of every parameter (policy.params order) for inputs
 * `ids` [B,T] (batch-major) and a host loss of the logits [B·T, V], or null
 * when the kernel is not loaded or does not cover the config.
 * Same contract as backprop.ts lossAndGradients.
 */
export function trunkLossAndGradients(
  policy: Policy,
  ids: Int32Array,
  B: number,
  T: number,
  lossOfLogits: LogitsLoss,
): { loss: number; grads: Float32Array[] } | null {
  const c = policy.config;
  if (!kernel || !trunkKernelSupports(c)) return null;
  const k = profiler ? timed(kernel.x, profiler) : kernel.x;
  const { p, w, lnfG, headW } = forwardPass(k, policy, ids, B, T);
  const f32 = new Float32Array(k.memory.buffer);
  const at = (byteOffset: number) => byteOffset >> 2;
  const N = B * T;
  const C = c.nEmbd;
  const F = c.mlpRatio * C;
  const V = c.vocabSize;
  const H = c.nHead;
  const D = C / H;
  const vars = [...policy.params.values()];
  let pi = 0;

  // ---- loss of the logits (host), its gradient written straight into our memory
  const loss = phase('loss', () => lossOfLogits(f32.subarray(at(p.logits), at(p.logits) + N * V), N, V, f32.subarray(at(p.dlogits), at(p.dlogits) + N * V)));
  f32.fill(0, at(p.gradBase), at(p.gradBase) + p.paramFloats);
  f32.fill(0, at(p.dx), at(p.dx) + N * C);

  // ---- backward (gradients in the same order as the parameters)
  pi = 0;
  const G = () => p.grads[pi++];
  const gWte = G();
  const gWpe = G();
  const gl = w.map(() => ({
    ln1g: G(),
    ln1b: G(),
    attnW: G(),
    attnB: G(),
    projW: G(),
    projB: G(),
    ln2g: G(),
    ln2b: G(),
    fcW: G(),
    fcB: G(),
    outW: G(),
    outB: G(),
  }));
  const gLnfG = G();
  const gLnfB = G();
  const gHead = G();
  k.gemm(C, V, N, p.hf, 1, C, p.dlogits, V, gHead, V, 0, 0, 0); // dWhead = hfᵀ·dlogits
  k.transpose(headW, C, V, V, p.wt, C); // Wheadᵀ [V,C]
  k.gemm(N, C, V, p.dlogits, V, 1, p.wt, C, p.dh, C, 0, 0, 0); // dhf
  k.lnBackward(p.dh, N, C, lnfG, p.xhf, p.rsf, p.dx, gLnfG, gLnfB);
  for (let l = c.nLayer - 1; l >= 0; l--) {
    const L = p.layers[l];
    const q = w[l];
    const g = gl[l];
    // x ← x + relu(h2·Wfc + bfc)·Wout + bout
    k.gemm(F, C, N, L.f, 1, F, p.dx, C, g.outW, C, 0, 0, 0); // dWout = fᵀ·dx
    k.colSumAdd(p.dx, N, C, g.outB);
    k.transpose(q.outW, F, C, C, p.wt, F); // Woutᵀ [C,F]
    k.gemm(N, F, C, p.dx, C, 1, p.wt, F, p.dz, F, 0, 0, 0); // dz = dx·Woutᵀ
    k.reluBackward(p.dz, L.f, N * F);
    k.gemm(C, F, N, L.h2, 1, C, p.dz, F, g.fcW, F, 0, 0, 0); // dWfc = h2ᵀ·dz
    k.colSumAdd(p.dz, N, F, g.fcB);
    k.transpose(q.fcW, C, F, F, p.wt, C); // Wfcᵀ [F,C]
    k.gemm(N, C, F, p.dz, F, 1, p.wt, C, p.dh, C, 0, 0, 0); // dh2
    k.lnBackward(p.dh, N, C, q.ln2g, L.xh2, L.rs2, p.dx, g.ln2g, g.ln2b); // dx += LN2 backward
    // x ← x + attn(ln1(x))·Wproj + bproj
    k.gemm(C, C, N, L.o, 1, C, p.dx, C, g.projW, C, 0, 0, 0); // dWproj = oᵀ·dx
    k.colSumAdd(p.dx, N, C, g.projB);
    k.transpose(q.projW, C, C, C, p.wt, C); // Wprojᵀ
    k.gemm(N, C, C, p.dx, C, 1, p.wt, C, p.dO, C, 0, 0, 0); // dO
    k.attnBackward(L.qkv, L.P, p.dO, B, T, H, D, p.dqkv, p.scratch);
    k.gemm(C, 3 * C, N, L.h, 1, C, p.dqkv, 3 * C, g.attnW, 3 * C, 0, 0, 0); // dWattn = hᵀ·dqkv
    k.colSumAdd(p.dqkv, N, 3 * C, g.attnB);
    k.transpose(q.attnW, C, 3 * C, 3 * C, p.wt, C); // Wattnᵀ [3C,C]
    k.gemm(N, C, 3 * C, p.dqkv, 3 * C, 1, p.wt, C, p.dh, C, 0, 0, 0); // dh
    k.lnBackward(p.dh, N, C, q.ln1g, L.xh1, L.rs1, p.dx, g.ln1g, g.ln1b); // dx += LN1 backward
  }
  k.embedBackward(p.ids, B, T, p.dx, C, gWte, gWpe);

  const out = new Float32Array(k.memory.buffer);
  const grads = phase('download', () => p.grads.map((off, i) => out.slice(at(off), at(off) + vars[i].size)));
  return { loss, grads };
}
