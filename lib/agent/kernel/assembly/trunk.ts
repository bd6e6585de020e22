/**
 * WebAssembly SIMD kernels for the policy's training pass (AssemblyScript).
 *
 * Compiled by scripts/build-kernels.ts into lib/agent/kernel/build/ (twice:
 * plain SIMD, and with relaxed SIMD where `mad` becomes a fused multiply-add).
 * The orchestration (buffers, order of the passes) is lib/agent/kernel/trunk.ts;
 * the reference for every result is the tfjs pass of lib/agent/backprop.ts.
 *
 * Conventions: every pointer is a byte offset into this module's memory,
 * every matrix is float32 row-major, and a stride or size argument counts
 * elements. Functions never allocate.
 */

// ---------------------------------------------------------------- helpers

/** c + a·b; fused (one rounding) when built with relaxed SIMD. */
@inline function mad(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

@inline function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** Store c (+ old value when beta) (+ bias bv) (ReLU when relu) at pc. */
@inline function finish(pc: usize, c: v128, beta: i32, bv: v128, relu: i32): void {
  if (beta) c = f32x4.add(c, v128.load(pc));
  c = f32x4.add(c, bv);
  if (relu) c = f32x4.max(c, f32x4.splat(0));
  v128.store(pc, c);
}

@inline function finish1(pc: usize, c: f32, beta: i32, b: f32, relu: i32): void {
  if (beta) c += load<f32>(pc);
  c += b;
  if (relu && !(c > 0)) c = 0;
  store<f32>(pc, c);
}

// ------------------------------------------------------------------- GEMM

/** Rows of A·B accumulated per pass over k: keeps a block of B in cache when K is long. */
const K_BLOCK: i32 = 256;

/**
 * C = [C +] A·B [+ bias] [ReLU], C [M,N] with row stride ldc.
 * A(m,k) is read at A + 4·(m·sAm + k·sAk), so A or Aᵀ (sAm = 1) can be used
 * in place; B [K,N] has row stride ldb. beta ≠ 0 adds the old C; bias = 0
 * means none. Register tile 4×8 (8 accumulators), then 4×4, 4×1, and 1-row
 * tails, so any M, N, K works.
 */
export function gemm(
  M: i32, N: i32, K: i32, A: usize, sAm: i32, sAk: i32, B: usize, ldb: i32, C: usize, ldc: i32,
  beta: i32, bias: usize, relu: i32,
): void {
  for (let k0 = 0; k0 < K; k0 += K_BLOCK) {
    const kb = min(K_BLOCK, K - k0);
    const last = k0 + kb >= K;
    gemmBlock(
      M, N, kb, A + ((<usize>k0 * <usize>sAk) << 2), <usize>sAm << 2, <usize>sAk << 2,
      B + ((<usize>k0 * <usize>ldb) << 2), <usize>ldb << 2, C, <usize>ldc << 2,
      k0 > 0 ? 1 : beta, last ? bias : 0, last ? relu : 0,
    );
  }
}

/** gemm over one block of k, strides in bytes. */
function gemmBlock(
  M: i32, N: i32, K: i32, A: usize, am: usize, ak: usize, B: usize, lb: usize, C: usize, lc: usize,
  beta: i32, bias: usize, relu: i32,
): void {
  const zero = f32x4.splat(0);
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const pa0 = A + <usize>m * am;
    const pc0 = C + <usize>m * lc;
    let n = 0;
    for (; n + 8 <= N; n += 8) {
      let c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
      let pa = pa0;
      let pb = B + (<usize>n << 2);
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        let a = v128.load32_splat(pa);
        c00 = mad(a, b0, c00); c01 = mad(a, b1, c01);
        a = v128.load32_splat(pa + am);
        c10 = mad(a, b0, c10); c11 = mad(a, b1, c11);
        a = v128.load32_splat(pa + 2 * am);
        c20 = mad(a, b0, c20); c21 = mad(a, b1, c21);
        a = v128.load32_splat(pa + 3 * am);
        c30 = mad(a, b0, c30); c31 = mad(a, b1, c31);
        pa += ak;
        pb += lb;
      }
      const bv0 = bias ? v128.load(bias + (<usize>n << 2)) : zero;
      const bv1 = bias ? v128.load(bias + (<usize>n << 2), 16) : zero;
      const pc = pc0 + (<usize>n << 2);
      finish(pc, c00, beta, bv0, relu); finish(pc + 16, c01, beta, bv1, relu);
      finish(pc + lc, c10, beta, bv0, relu); finish(pc + lc + 16, c11, beta, bv1, relu);
      finish(pc + 2 * lc, c20, beta, bv0, relu); finish(pc + 2 * lc + 16, c21, beta, bv1, relu);
      finish(pc + 3 * lc, c30, beta, bv0, relu); finish(pc + 3 * lc + 16, c31, beta, bv1, relu);
    }
    for (; n + 4 <= N; n += 4) {
      let c0 = zero, c1 = zero, c2 = zero, c3 = zero;
      let pa = pa0;
      let pb = B + (<usize>n << 2);
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb);
        c0 = mad(v128.load32_splat(pa), b0, c0);
        c1 = mad(v128.load32_splat(pa + am), b0, c1);
        c2 = mad(v128.load32_splat(pa + 2 * am), b0, c2);
        c3 = mad(v128.load32_splat(pa + 3 * am), b0, c3);
        pa += ak;
        pb += lb;
      }
      const bv = bias ? v128.load(bias + (<usize>n << 2)) : zero;
      const pc = pc0 + (<usize>n << 2);
      finish(pc, c0, beta, bv, relu);
      finish(pc + lc, c1, beta, bv, relu);
      finish(pc + 2 * lc, c2, beta, bv, relu);
      finish(pc + 3 * lc, c3, beta, bv, relu);
    }
    for (; n < N; n++) {
      let s0: f32 = 0, s1: f32 = 0, s2: f32 = 0, s3: f32 = 0;
      let pa = pa0;
      let pb = B + (<usize>n << 2);
      for (let k = 0; k < K; k++) {
        const b = load<f32>(pb);
        s0 += load<f32>(pa) * b;
        s1 += load<f32>(pa + am) * b;
        s2 += load<f32>(pa + 2 * am) * b;
        s3 += load<f32>(pa + 3 * am) * b;
        pa += ak;
        pb += lb;
      }
      const bb: f32 = bias ? load<f32>(bias + (<usize>n << 2)) : 0;
      const pc = pc0 + (<usize>n << 2);
      finish1(pc, s0, beta, bb, relu);
      finish1(pc + lc, s1, beta, bb, relu);
      finish1(pc + 2 * lc, s2, beta, bb, relu);
      finish1(pc + 3 * lc, s3, beta, bb, relu);
    }
  }
  for (; m < M; m++) {
    const pa0 = A + <usize>m * am;
    const pc0 = C + <usize>m * lc;
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      let c0 = zero;
      let pa = pa0;
      let pb = B + (<usize>n << 2);
      for (let k = 0; k < K; k++) {
        c0 = mad(v128.load32_splat(pa), v128.load(pb), c0);
        pa += ak;
        pb += lb;
      }
      finish(pc0 + (<usize>n << 2), c0, beta, bias ? v128.load(bias + (<usize>n << 2)) : zero, relu);
    }
    for (; n < N; n++) {
      let s: f32 = 0;
      let pa = pa0;
      let pb = B + (<usize>n << 2);
      for (let k = 0; k < K; k++) {
        s += load<f32>(pa) * load<f32>(pb);
        pa += ak;
        pb += lb;
      }
      finish1(pc0 + (<usize>n << 2), s, beta, bias ? load<f32>(bias + (<usize>n << 2)) : 0, relu);
    }
  }
}

// ----------------------------------------------------------- elementwise

/** dst [cols, rows] (row stride ldd) = srcᵀ, src [rows, cols] with row stride lds. */
export function transpose(src: usize, rows: i32, cols: i32, lds: i32, dst: usize, ldd: i32): void {
  for (let r = 0; r < rows; r++) {
    const ps = src + ((<usize>r * <usize>lds) << 2);
    const pd = dst + (<usize>r << 2);
    for (let c = 0; c < cols; c++) store<f32>(pd + ((<usize>c * <usize>ldd) << 2), load<f32>(ps + (<usize>c << 2)));
  }
}

/** out[c] += Σ_r x[r, c] for x [N, C] (C a multiple of 4). */
export function colSumAdd(x: usize, N: i32, C: i32, out: usize): void {
  const w = <usize>C << 2;
  for (let c: usize = 0; c < w; c += 16) {
    let s = f32x4.splat(0);
    let p = x + c;
    for (let r = 0; r < N; r++) {
      s = f32x4.add(s, v128.load(p));
      p += w;
    }
    v128.store(out + c, f32x4.add(v128.load(out + c), s));
  }
}

/** dz[i] = f[i] > 0 ? dz[i] : 0 (ReLU backward from its output f), n a multiple of 4. */
export function reluBackward(dz: usize, f: usize, n: i32): void {
  const zero = f32x4.splat(0);
  const end = dz + (<usize>n << 2);
  for (; dz < end; dz += 16, f += 16) v128.store(dz, v128.and(v128.load(dz), f32x4.gt(v128.load(f), zero)));
}

/** x [B·T, C] (row b·T + t) = wte[ids[b·T + t]] + wpe[t]; ids int32 [B·T]. */
export function embedForward(ids: usize, B: i32, T: i32, wte: usize, wpe: usize, C: i32, x: usize): void {
  const w = <usize>C << 2;
  let px = x;
  for (let b = 0; b < B; b++)
    for (let t = 0; t < T; t++) {
      const pe = wte + <usize>load<i32>(ids) * w;
      const pp = wpe + <usize>t * w;
      for (let c: usize = 0; c < w; c += 16) v128.store(px + c, f32x4.add(v128.load(pe + c), v128.load(pp + c)));
      ids += 4;
      px += w;
    }
}

/** dwte[ids[r]] += dx[r], dwpe[t] += dx[r] for r = b·T + t. */
export function embedBackward(ids: usize, B: i32, T: i32, dx: usize, C: i32, dwte: usize, dwpe: usize): void {
  const w = <usize>C << 2;
  let pd = dx;
  for (let b = 0; b < B; b++)
    for (let t = 0; t < T; t++) {
      const pe = dwte + <usize>load<i32>(ids) * w;
      const pp = dwpe + <usize>t * w;
      for (let c: usize = 0; c < w; c += 16) {
        const d = v128.load(pd + c);
        v128.store(pe + c, f32x4.add(v128.load(pe + c), d));
        v128.store(pp + c, f32x4.add(v128.load(pp + c), d));
      }
      ids += 4;
      pd += w;
    }
}

// -------------------------------------------------------------- LayerNorm

/**
 * y = x̂·g + b with x̂ = (x − mean)·rstd per row of x [N, C] (C a multiple of
 * 4); saves x̂ [N, C] and rstd [N] for the backward pass.
 */
export function lnForward(x: usize, N: i32, C: i32, g: usize, b: usize, eps: f32, y: usize, xhat: usize, rstd: usize): void {
  const w = <usize>C << 2;
  const inv: f32 = 1 / <f32>C;
  for (let r = 0; r < N; r++) {
    let s = f32x4.splat(0);
    for (let c: usize = 0; c < w; c += 16) s = f32x4.add(s, v128.load(x + c));
    const mean = f32x4.splat(hsum(s) * inv);
    let q = f32x4.splat(0);
    for (let c: usize = 0; c < w; c += 16) {
      const d = f32x4.sub(v128.load(x + c), mean);
      q = mad(d, d, q);
    }
    const rs: f32 = 1 / Mathf.sqrt(hsum(q) * inv + eps);
    store<f32>(rstd, rs);
    const rv = f32x4.splat(rs);
    for (let c: usize = 0; c < w; c += 16) {
      const xh = f32x4.mul(f32x4.sub(v128.load(x + c), mean), rv);
      v128.store(xhat + c, xh);
      v128.store(y + c, mad(xh, v128.load(g + c), v128.load(b + c)));
    }
    x += w;
    y += w;
    xhat += w;
    rstd += 4;
  }
}

/**
 * LayerNorm backward: dx += rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) with
 * dx̂ = dy·g; dg += Σ_r dy·x̂, db += Σ_r dy.
 */
export function lnBackward(dy: usize, N: i32, C: i32, g: usize, xhat: usize, rstd: usize, dx: usize, dg: usize, db: usize): void {
  const w = <usize>C << 2;
  const inv: f32 = 1 / <f32>C;
  for (let r = 0; r < N; r++) {
    let s1 = f32x4.splat(0);
    let s2 = f32x4.splat(0);
    for (let c: usize = 0; c < w; c += 16) {
      const d = v128.load(dy + c);
      const xh = v128.load(xhat + c);
      const dxh = f32x4.mul(d, v128.load(g + c));
      s1 = f32x4.add(s1, dxh);
      s2 = mad(dxh, xh, s2);
      v128.store(dg + c, mad(d, xh, v128.load(dg + c)));
      v128.store(db + c, f32x4.add(v128.load(db + c), d));
    }
    const m1 = f32x4.splat(hsum(s1) * inv);
    const m2 = f32x4.splat(hsum(s2) * inv);
    const rv = f32x4.splat(load<f32>(rstd));
    for (let c: usize = 0; c < w; c += 16) {
      const dxh = f32x4.mul(v128.load(dy + c), v128.load(g + c));
      const t = f32x4.sub(f32x4.sub(dxh, m1), f32x4.mul(v128.load(xhat + c), m2));
      v128.store(dx + c, mad(t, rv, v128.load(dx + c)));
    }
    dy += w;
    xhat += w;
    dx += w;
    rstd += 4;
  }
}

// -------------------------------------------------------------- attention

/** Row stride of the score and probability matrices: T rounded up to whole SIMD lanes. */
@inline function padded(T: i32): i32 {
  return (T + 3) & ~3;
}

/**
 * e^x per lane (Cephes expf: range reduction by ln 2, degree-6 polynomial;
 * about 1 ulp). x is clamped to [−87.3, 88.3], so e^−∞ gives ~1e−38, not 0:
 * callers zero masked lanes themselves.
 */
@inline function expv(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.3));
  const k = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.44269504088896341)));
  let r = f32x4.sub(x, f32x4.mul(k, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(k, f32x4.splat(-2.12194440e-4)));
  let y = f32x4.splat(1.9875691500e-4);
  y = mad(y, r, f32x4.splat(1.3981999507e-3));
  y = mad(y, r, f32x4.splat(8.3334519073e-3));
  y = mad(y, r, f32x4.splat(4.1665795894e-2));
  y = mad(y, r, f32x4.splat(1.6666665459e-1));
  y = mad(y, r, f32x4.splat(5.0000001201e-1));
  y = mad(y, f32x4.mul(r, r), f32x4.add(r, f32x4.splat(1)));
  const pow2k = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2k);
}

@inline function hmax(v: v128): f32 {
  return max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
}

/** Lanes j..j+3 that are ≤ i (all ones), as a mask. */
@inline function causalLanes(j: i32, i: i32): v128 {
  return i32x4.le_s(i32x4.add(i32x4.splat(j), i32x4(0, 1, 2, 3)), i32x4.splat(i));
}

/**
 * Causal multi-head attention forward on qkv [B·T, 3C] (q | k | v, heads
 * contiguous; row b·T + t): o [B·T, C] and the probabilities P [B·H, T, Tp]
 * (Tp = T rounded up to 4; zero above the diagonal and in the padding), saved
 * for the backward pass. kt is scratch of D·T floats.
 */
export function attnForward(qkv: usize, B: i32, T: i32, H: i32, D: i32, P: usize, o: usize, kt: usize): void {
  const C = H * D;
  const C3 = 3 * C;
  const Tp = padded(T);
  const scale: f32 = 1 / Mathf.sqrt(<f32>D);
  const tt = <usize>(T * Tp) << 2;
  let pp = P;
  for (let b = 0; b < B; b++) {
    const row = qkv + ((<usize>(b * T) * <usize>C3) << 2);
    for (let h = 0; h < H; h++) {
      const q = row + (<usize>(h * D) << 2);
      const k = q + (<usize>C << 2);
      const v = k + (<usize>C << 2);
      transpose(k, T, D, C3, kt, T); // Kᵀ [D, T]
      gemm(T, T, D, q, C3, 1, kt, T, pp, Tp, 0, 0, 0); // S = Q·Kᵀ [T, Tp]
      causalSoftmax(pp, T, Tp, scale);
      gemm(T, D, T, pp, Tp, 1, v, C3, o + ((<usize>(b * T * C + h * D)) << 2), C, 0, 0, 0); // O = P·V
      pp += tt;
    }
  }
}

/** In place on S [T, Tp]: row i ← softmax(scale·S[i, 0..i]), zero after column i. */
function causalSoftmax(s: usize, T: i32, Tp: i32, scale: f32): void {
  const sv = f32x4.splat(scale);
  const ninf = f32x4.splat(-Infinity);
  for (let i = 0; i < T; i++) {
    const p = s + ((<usize>(i * Tp)) << 2);
    let mv = ninf;
    for (let j = 0; j <= i; j += 4)
      mv = f32x4.max(mv, v128.bitselect(f32x4.mul(v128.load(p + (<usize>j << 2)), sv), ninf, causalLanes(j, i)));
    const mx = f32x4.splat(hmax(mv));
    let sum = f32x4.splat(0);
    for (let j = 0; j < Tp; j += 4) {
      const at = p + (<usize>j << 2);
      const e = v128.and(expv(f32x4.sub(f32x4.mul(v128.load(at), sv), mx)), causalLanes(j, i));
      v128.store(at, e);
      sum = f32x4.add(sum, e);
    }
    const inv = f32x4.splat(1 / hsum(sum));
    for (let j = 0; j <= i; j += 4) {
      const at = p + (<usize>j << 2);
      v128.store(at, f32x4.mul(v128.load(at), inv));
    }
  }
}

/**
 * Attention backward: from dO [B·T, C], the saved P and qkv, writes
 * dqkv [B·T, 3C]. scratch holds D·T + T·Tp floats.
 */
export function attnBackward(qkv: usize, P: usize, dO: usize, B: i32, T: i32, H: i32, D: i32, dqkv: usize, scratch: usize): void {
  const C = H * D;
  const C3 = 3 * C;
  const Tp = padded(T);
  const scale: f32 = 1 / Mathf.sqrt(<f32>D);
  const sv = f32x4.splat(scale);
  const vt = scratch;
  const ds = scratch + ((<usize>(D * T)) << 2);
  const tt = <usize>(T * Tp) << 2;
  let pp = P;
  for (let b = 0; b < B; b++) {
    const row = qkv + ((<usize>(b * T) * <usize>C3) << 2);
    const drow = dqkv + ((<usize>(b * T) * <usize>C3) << 2);
    for (let h = 0; h < H; h++) {
      const off = <usize>(h * D) << 2;
      const q = row + off;
      const k = q + (<usize>C << 2);
      const v = k + (<usize>C << 2);
      const dq = drow + off;
      const dk = dq + (<usize>C << 2);
      const dv = dk + (<usize>C << 2);
      const dOh = dO + ((<usize>(b * T * C)) << 2) + off;
      transpose(v, T, D, C3, vt, T); // Vᵀ [D, T]
      gemm(T, T, D, dOh, C, 1, vt, T, ds, Tp, 0, 0, 0); // dP = dO·Vᵀ [T, Tp]
      gemm(T, D, T, pp, 1, Tp, dOh, C, dv, C3, 0, 0, 0); // dV = Pᵀ·dO
      for (let i = 0; i < T; i++) {
        // dS = P ⊙ (dP − Σ_j dP·P) · scale on j ≤ i, 0 elsewhere, in place of dP
        const pr = pp + ((<usize>(i * Tp)) << 2);
        const dr = ds + ((<usize>(i * Tp)) << 2);
        let dot = f32x4.splat(0);
        for (let j = 0; j <= i; j += 4) {
          const at = <usize>j << 2;
          dot = mad(v128.load(pr + at), v128.and(v128.load(dr + at), causalLanes(j, i)), dot);
        }
        const dv4 = f32x4.splat(hsum(dot));
        for (let j = 0; j < Tp; j += 4) {
          const at = <usize>j << 2;
          const g = f32x4.mul(f32x4.mul(v128.load(pr + at), f32x4.sub(v128.load(dr + at), dv4)), sv);
          v128.store(dr + at, v128.and(g, causalLanes(j, i)));
        }
      }
      gemm(T, D, T, ds, Tp, 1, k, C3, dq, C3, 0, 0, 0); // dQ = dS·K
      gemm(T, D, T, ds, 1, Tp, q, C3, dk, C3, 0, 0, 0); // dK = dSᵀ·Q
      pp += tt;
    }
  }
}

// ------------------------------------------------------ decoding (KV cache)

/**
 * One decoding step of causal attention over a KV cache, for `rows` rows of
 * qkv [rows, 3C] at position t (every row at the same position). Row r
 * belongs to cache slot slots[r] (int32), so finished sequences can be left
 * out of the batch while the others keep their cache in place.
 * Cache of one layer: keys transposed, kt [slots·H, D, Lp] (Lp = the context
 * rounded up to 4, so scores over j are whole SIMD lanes), values
 * vc [slots·H, L, D]. Writes this position's k, v into the cache, then
 * o [rows, C] = softmax(q·Kᵀ/√D over j ≤ t)·V. s is scratch of Lp floats.
 * Same order of operations as the tfjs decodeStep of model.ts: scores
 * scaled, max subtracted, exp, normalised, then P·V.
 */
export function attnDecode(qkv: usize, rows: i32, slots: usize, H: i32, D: i32, t: i32, L: i32, kt: usize, vc: usize, o: usize, s: usize): void {
  const C = H * D;
  const Lp = padded(L);
  const scale: f32 = 1 / Mathf.sqrt(<f32>D);
  const sv = f32x4.splat(scale);
  const ninf = f32x4.splat(-Infinity);
  const zero = f32x4.splat(0);
  const dw = <usize>D << 2;
  for (let r = 0; r < rows; r++) {
    const slot = load<i32>(slots + (<usize>r << 2));
    const row = qkv + ((<usize>r * <usize>(3 * C)) << 2);
    const orow = o + ((<usize>r * <usize>C) << 2);
    for (let h = 0; h < H; h++) {
      const q = row + (<usize>(h * D) << 2);
      const k = q + (<usize>C << 2);
      const v = k + (<usize>C << 2);
      const sh = <usize>(slot * H + h);
      const ktb = kt + ((sh * <usize>D * <usize>Lp) << 2);
      const vcb = vc + ((sh * <usize>L * <usize>D) << 2);
      for (let d = 0; d < D; d++) store<f32>(ktb + ((<usize>(d * Lp + t)) << 2), load<f32>(k + (<usize>d << 2)));
      memory.copy(vcb + <usize>t * dw, v, dw);
      // scores s[j] = scale·(q·k_j), j ≤ t, whole lanes (masked below)
      let mv = ninf;
      for (let j = 0; j <= t; j += 4) {
        let acc = zero;
        let pk = ktb + (<usize>j << 2);
        for (let d = 0; d < D; d++) {
          acc = mad(v128.load32_splat(q + (<usize>d << 2)), v128.load(pk), acc);
          pk += <usize>Lp << 2;
        }
        const sc = v128.bitselect(f32x4.mul(acc, sv), ninf, causalLanes(j, t));
        v128.store(s + (<usize>j << 2), sc);
        mv = f32x4.max(mv, sc);
      }
      const mx = f32x4.splat(hmax(mv));
      let sum = zero;
      for (let j = 0; j <= t; j += 4) {
        const at = s + (<usize>j << 2);
        const e = v128.and(expv(f32x4.sub(v128.load(at), mx)), causalLanes(j, t));
        v128.store(at, e);
        sum = f32x4.add(sum, e);
      }
      const inv: f32 = 1 / hsum(sum);
      // o = Σ_j p_j·v_j with p_j = e_j·inv
      const oh = orow + (<usize>(h * D) << 2);
      for (let d: usize = 0; d < dw; d += 16) v128.store(oh + d, zero);
      for (let j = 0; j <= t; j++) {
        const p = f32x4.splat(load<f32>(s + (<usize>j << 2)) * inv);
        const vj = vcb + <usize>j * dw;
        for (let d: usize = 0; d < dw; d += 16) v128.store(oh + d, mad(p, v128.load(vj + d), v128.load(oh + d)));
      }
    }
  }
}

/** x [rows, C] = wte[ids[r]] + wpe[t] for the rows of one decoding step (ids int32 [rows]). */
export function embedDecode(ids: usize, rows: i32, t: i32, wte: usize, wpe: usize, C: i32, x: usize): void {
  embedForward(ids, rows, 1, wte, wpe + ((<usize>t * <usize>C) << 2), C, x);
}

/** First byte after this module's static data (Mathf's tables): callers' buffers start here. */
export function heapBase(): usize {
  return __heap_base;
}
