/**
 * Batched sampling with tool execution inside the rollout.
 *
 * All B = prompts × groupSize sequences advance one position per decoding
 * step with a shared KV cache (prompt and tool-output tokens are fed one per
 * step as forced tokens, so every sequence sits at the same position t and
 * the cache needs no padding logic). When a sequence closes a call
 * (CALL args ENDCALL) the env executes it and its output is queued as forced
 * tool tokens. Decoding stops at EOS, maxTokens policy tokens, or the context.
 *
 * The forward pass per position is a Decoder (decoder.ts): tfjs (default, any
 * backend) or the WebAssembly kernels ('kernel', Node). Token choice, routing
 * constraints and tool execution are here, shared by both, so the two give
 * the same tokens from the same logits and the same uniforms.
 *
 * sampleRollouts = scoreRollouts(decodeRollouts(...)): the two halves are
 * exported so a trainer can time decoding and scoring apart.
 */
import type { Rng } from '../rng';
import type { Prompt, ToolEnv } from '../envs/types';
import { SRC_POLICY, SRC_PROMPT, SRC_TOOL } from '../envs/types';
import { ANSWER, CALL, ENDCALL, EOS, PAD, STEP } from '../envs/vocab';
import type { Policy } from './model';
import { createDecoder } from './decoder';
import type { DecoderKind } from './decoder';
import type { PolicyMode, Trajectory } from './trajectory';

export interface SampleOptions {
  /** Rollouts per prompt. Default 1. */
  groupSize?: number;
  /** Softmax temperature; ignored when greedy. Default 1. */
  temperature?: number;
  /** Seeded generator for token sampling. */
  rng: Rng;
  /** Cap on policy-generated tokens per rollout. Default: the context. */
  maxTokens?: number;
  /** Decode-time constraint (see PolicyMode): 'always-call', 'never-call', 'oracle' (call exactly on env.toolPlan's steps). Default 'base'. */
  policyMode?: PolicyMode;
  /** Argmax decoding. Default false. */
  greedy?: boolean;
  /** The forward pass per position: 'tfjs' (default; any backend) or 'kernel' (the WebAssembly kernels, Node). */
  decoder?: DecoderKind;
}

/** A rollout before scoring: what was decoded, in the order of Trajectory's fields. */
export type DecodedRollout = Pick<Trajectory, 'prompt' | 'promptIndex' | 'groupIndex' | 'tokens' | 'sources' | 'isAction' | 'logprobs' | 'truncated'>;

interface SeqState {
  tokens: number[];
  sources: number[];
  isAction: number[];
  logprobs: number[];
  done: boolean;
  truncated: boolean;
  openCall: number; // index of the open CALL token, -1 if none
  calls: number;
  generated: number;
  /** Finished steps (STEP tokens after the prompt): the index of the step a decision point starts. */
  steps: number;
  /** 'oracle': which steps need the tool. */
  plan: boolean[] | null;
}

const NEG = -1e30;

/** Roll out every prompt groupSize times; trajectories are ordered prompt-major. */
export async function sampleRollouts(policy: Policy, env: ToolEnv, prompts: Prompt[], opts: SampleOptions): Promise<Trajectory[]> {
  return scoreRollouts(env, await decodeRollouts(policy, env, prompts, opts));
}

/**
 * The decoding half of sampleRollouts: tokens, sources, action mask and log-probs, prompt-major.
 * Asynchronous because the tfjs decoder reads its logits back with `await data()` (WebGPU in a
 * browser); the kernel decoder's steps are awaited only when they return a promise (never).
 */
export async function decodeRollouts(policy: Policy, env: ToolEnv, prompts: Prompt[], opts: SampleOptions): Promise<DecodedRollout[]> {
  const groupSize = opts.groupSize ?? 1;
  const temperature = opts.temperature ?? 1;
  const mode = opts.policyMode ?? 'base';
  const ctx = policy.config.contextLength;
  const maxTokens = opts.maxTokens ?? ctx;
  const V = policy.config.vocabSize;
  if (env.vocab.size !== V) throw new Error(`sampleRollouts: env vocab ${env.vocab.size} != policy vocab ${V}`);
  const seqs: SeqState[] = [];
  for (const p of prompts)
    for (let g = 0; g < groupSize; g++) {
      if (p.tokens.length >= ctx) throw new Error(`prompt longer than context: ${p.id}`);
      seqs.push({
        tokens: [...p.tokens],
        sources: p.tokens.map(() => SRC_PROMPT),
        isAction: p.tokens.map(() => 0),
        logprobs: p.tokens.map(() => 0),
        done: false,
        truncated: false,
        openCall: -1,
        calls: 0,
        generated: 0,
        steps: 0,
        plan: mode === 'oracle' ? env.toolPlan(p) : null,
      });
    }
  const B = seqs.length;
  const decoder = createDecoder(opts.decoder ?? 'tfjs', policy, B);
  const ids = new Int32Array(B);
  const live = new Uint8Array(B); // sequences that still need logits
  const probs = new Float64Array(V);
  try {
    for (let t = 0; t < ctx - 1; t++) {
      let active = false;
      for (let b = 0; b < B; b++) {
        const s = seqs[b];
        ids[b] = t < s.tokens.length ? s.tokens[t] : PAD;
        live[b] = s.done ? 0 : 1;
        if (!s.done || t + 1 < s.tokens.length) active = true;
      }
      if (!active) break;
      const out = decoder.step(ids, live);
      const logits = out instanceof Float32Array ? out : await out; // [B,V]
      for (let b = 0; b < B; b++) {
        const s = seqs[b];
        if (s.done || t + 1 < s.tokens.length) continue; // next token already known (prompt / tool output)
        if (s.generated >= maxTokens) {
          s.done = s.truncated = true;
          continue;
        }
        // Decision point: right after the prompt or after a finished step (tool output or mental step).
        const last = s.tokens[s.tokens.length - 1];
        const atDecision = s.sources[s.tokens.length - 1] === SRC_PROMPT || (last === STEP && s.openCall < 0);
        // oracle: at a decision point, the tool iff the plan marks this step; no answer while a marked step is ahead
        const mustCall = s.plan !== null && atDecision && s.plan[s.steps] === true;
        const noCall = s.plan !== null && !mustCall;
        const noAnswer = s.plan !== null && atDecision && s.plan.indexOf(true, s.steps) >= 0;
        let max = -Infinity;
        for (let v = 0; v < V; v++) {
          let z = logits[b * V + v];
          if (mode === 'never-call' && v === CALL) z = NEG;
          else if (mode === 'always-call' && atDecision && v !== CALL && !(v === ANSWER && s.calls > 0)) z = NEG;
          else if (mustCall && v !== CALL) z = NEG;
          else if ((noCall && v === CALL) || (noAnswer && v === ANSWER)) z = NEG;
          probs[v] = z;
          if (z > max) max = z;
        }
        const temp = opts.greedy ? 1 : temperature;
        let sum = 0;
        for (let v = 0; v < V; v++) {
          probs[v] = probs[v] <= NEG ? 0 : Math.exp((probs[v] - max) / temp);
          sum += probs[v];
        }
        let tok = 0;
        if (opts.greedy) {
          for (let v = 1; v < V; v++) if (probs[v] > probs[tok]) tok = v;
        } else {
          let u = opts.rng.next() * sum;
          tok = V - 1;
          for (let v = 0; v < V; v++) {
            u -= probs[v];
            if (u < 0 && probs[v] > 0) {
              tok = v;
              break;
            }
          }
        }
        s.tokens.push(tok);
        s.sources.push(SRC_POLICY);
        s.logprobs.push(Math.log(probs[tok] / sum));
        s.generated++;
        if (tok === CALL && s.openCall < 0) {
          s.openCall = s.tokens.length - 1;
          s.calls++;
        }
        s.isAction.push(s.openCall >= 0 ? 1 : 0);
        if (tok === STEP && s.openCall < 0) s.steps++;
        if (tok === ENDCALL && s.openCall >= 0) {
          const args = s.tokens.slice(s.openCall + 1, s.tokens.length - 1);
          s.openCall = -1;
          s.steps++; // the tool output closes the step
          for (const o of env.executeTool(args).tokens) {
            s.tokens.push(o);
            s.sources.push(SRC_TOOL);
            s.isAction.push(0);
            s.logprobs.push(0);
          }
        }
        if (tok === EOS) s.done = true;
        if (s.tokens.length >= ctx) {
          // Context full: drop tokens beyond it and stop.
          s.tokens.length = s.sources.length = s.isAction.length = s.logprobs.length = ctx;
          if (!s.done) s.truncated = true;
          s.done = true;
        }
      }
    }
  } finally {
    decoder.dispose();
  }
  return seqs.map((s, i) => ({
    prompt: prompts[Math.floor(i / groupSize)],
    promptIndex: Math.floor(i / groupSize),
    groupIndex: i % groupSize,
    tokens: s.tokens,
    sources: Uint8Array.from(s.sources),
    isAction: Uint8Array.from(s.isAction),
    logprobs: Float32Array.from(s.logprobs),
    truncated: s.truncated || !s.done,
  }));
}

/** The scoring half of sampleRollouts: the env's objectives, display text and bucket of each rollout. */
export function scoreRollouts(env: ToolEnv, decoded: DecodedRollout[]): Trajectory[] {
  return decoded.map((d) => {
    return {
      ...d,
      text: env.render(d.tokens, d.sources),
      objectives: env.score({ prompt: d.prompt, tokens: d.tokens, sources: d.sources }),
      bucket: d.prompt.bucket,
    };
  });
}
