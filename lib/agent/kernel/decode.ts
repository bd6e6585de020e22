/**
 * Batched KV-cache decoding on the WebAssembly SIMD kernels (assembly/trunk.ts),
 * the same module as the training pass: per step the embedding, per layer
 * LayerNorm → qkv GEMM → attention over the cache (attnDecode) → projection
 * GEMM + residual → LayerNorm → MLP GEMMs + residual, then the final LayerNorm
 * and the head GEMM. Same maths as decodeStep of model.ts (the tfjs twin);
 * token choice and tool execution stay on the host (sample.ts), shared by both.
 *
 * Why: on tfjs-wasm a step is ~60 dispatches, with the cache re-concatenated
 * (O(t) copies) at every position; here a step is ~20 kernel calls on buffers
 * planned once, the cache is written in place, and finished sequences leave
 * the batch (rows are compacted; each keeps its cache slot), which the GEMMs
 * make free: a row's result does not depend on which other rows are present.
 */
import type { Policy } from '../model';
import { paramShapes } from '../model';
import { hostValue } from '../adam';
import type { Decoder } from '../decoder';
import { claimKernelMemory, kernelMemoryClaim, trunkKernelExports, trunkKernelSupports } from './trunk';

const LN_EPS = 1e-5;

export function createKernelDecoder(policy: Policy, B: number): Decoder {
  const k = trunkKernelExports();
  if (!k) throw new Error("decoder 'kernel': the WebAssembly kernels are not loaded (Node: initBackend(); build them with `npm run build:kernels`)");
  const c = policy.config;
  if (!trunkKernelSupports(c)) throw new Error(`decoder 'kernel': nEmbd ${c.nEmbd} / nHead ${c.nHead} is not in whole SIMD lanes; use decoder 'tfjs'`);
  const C = c.nEmbd;
  const H = c.nHead;
  const D = C / H;
  const F = c.mlpRatio * C;
  const V = c.vocabSize;
  const L = c.contextLength;
  const Lp = Math.ceil(L / 4) * 4;

  // ---- plan: every buffer from heapBase, 16-byte aligned
  let top = Math.ceil(k.heapBase() / 16) * 16;
  const alloc = (floats: number) => {
    const at = top;
    top += Math.ceil((floats * 4) / 16) * 16;
    return at;
  };
  const shapes = paramShapes(c);
  const params = shapes.map(([, s]) => alloc(s.reduce((a, b) => a * b, 1)));
  const ids = alloc(B);
  const slots = alloc(B);
  const x = alloc(B * C);
  const h = alloc(B * C);
  const xhat = alloc(B * C);
  const rstd = alloc(B);
  const qkv = alloc(B * 3 * C);
  const o = alloc(B * C);
  const f = alloc(B * F);
  const logits = alloc(B * V);
  const s = alloc(Lp);
  const kt = Array.from({ length: c.nLayer }, () => alloc(B * H * D * Lp)); // [B·H, D, Lp]
  const vc = Array.from({ length: c.nLayer }, () => alloc(B * H * L * D)); // [B·H, L, D]
  const need = top - k.memory.buffer.byteLength;
  if (need > 0) k.memory.grow(Math.ceil(need / 65536));
  const claim = claimKernelMemory();
  const f32 = new Float32Array(k.memory.buffer);
  const i32 = new Int32Array(k.memory.buffer);
  [...policy.params.values()].forEach((v, i) => f32.set(hostValue(v), params[i] >> 2));

  let pi = 0;
  const P = () => params[pi++];
  const wte = P();
  const wpe = P();
  const layers = Array.from({ length: c.nLayer }, () => ({
    ln1g: P(),
    ln1b: P(),
    attnW: P(),
    attnB: P(),
    projW: P(),
    projB: P(),
    ln2g: P(),
    ln2b: P(),
    fcW: P(),
    fcB: P(),
    outW: P(),
    outB: P(),
  }));
  const lnfG = P();
  const lnfB = P();
  const headW = P();

  const out = new Float32Array(B * V);
  let t = 0;
  return {
    step(idsIn, active) {
      if (kernelMemoryClaim() !== claim) throw new Error("decoder 'kernel': the kernels' memory was claimed by another pass during decoding");
      if (t >= L) throw new Error(`decoder 'kernel': position ${t} beyond context ${L}`);
      let n = 0;
      for (let b = 0; b < B; b++) {
        if (!active[b]) continue;
        const id = idsIn[b];
        if (!(id >= 0 && id < V)) throw new Error(`decoder 'kernel': ids[${b}] = ${id} outside the vocabulary [0, ${V})`);
        i32[(ids >> 2) + n] = id;
        i32[(slots >> 2) + n] = b;
        n++;
      }
      if (n > 0) {
        k.embedDecode(ids, n, t, wte, wpe, C, x); // x [n,C]
        for (let l = 0; l < c.nLayer; l++) {
          const q = layers[l];
          k.lnForward(x, n, C, q.ln1g, q.ln1b, LN_EPS, h, xhat, rstd); // h [n,C]
          k.gemm(n, 3 * C, C, h, C, 1, q.attnW, 3 * C, qkv, 3 * C, 0, q.attnB, 0); // qkv [n,3C]
          k.attnDecode(qkv, n, slots, H, D, t, L, kt[l], vc[l], o, s); // o [n,C]
          k.gemm(n, C, C, o, C, 1, q.projW, C, x, C, 1, q.projB, 0); // x += o·Wproj + b
          k.lnForward(x, n, C, q.ln2g, q.ln2b, LN_EPS, h, xhat, rstd); // h [n,C]
          k.gemm(n, F, C, h, C, 1, q.fcW, F, f, F, 0, q.fcB, 1); // f = relu(h·Wfc + b) [n,F]
          k.gemm(n, C, F, f, F, 1, q.outW, C, x, C, 1, q.outB, 0); // x += f·Wout + b
        }
        k.lnForward(x, n, C, lnfG, lnfB, LN_EPS, h, xhat, rstd);
        k.gemm(n, V, C, h, C, 1, headW, V, logits, V, 0, 0, 0); // logits [n,V]
        const res = new Float32Array(k.memory.buffer, logits, n * V);
        const sl = new Int32Array(k.memory.buffer, slots, n);
        for (let r = 0; r < n; r++) out.set(res.subarray(r * V, (r + 1) * V), sl[r] * V);
      }
      t++;
      return out;
    },
    dispose() {
      t = L;
    },
  };
}
