import type { ObjectiveVector, Prompt } from '../envs/types';

/** One rollout: a prompt, what the policy wrote, what the tools answered, and its score. */
export interface Trajectory {
  prompt: Prompt;
  /** Index of the prompt in the sampleRollouts call, and of this rollout within its group. */
  promptIndex: number;
  groupIndex: number;
  /** Full token ids, prompt included. */
  tokens: number[];
  /** Per token: SRC_PROMPT (0) | SRC_POLICY (1) | SRC_TOOL (2). */
  sources: Uint8Array;
  /** Per token: 1 for policy tokens that form a tool call (CALL through ENDCALL), else 0. */
  isAction: Uint8Array;
  /** Per token: log-probability under the sampling distribution (0 for non-policy tokens). */
  logprobs: Float32Array;
  /** Display text: tool calls appear as [..], tool outputs as {..}. */
  text: string;
  /** The env's score, in env.objectives order (accuracy, tool_calls, tokens). */
  objectives: ObjectiveVector;
  bucket: string;
  /** True when the rollout hit the token/context limit before EOS. */
  truncated: boolean;
}

/**
 * Decode-time routing constraints: 'base' none; 'always-call' the call token
 * at every decision point (until a first call, answering is allowed only
 * after one); 'never-call' no call token; 'oracle' a call exactly on the
 * steps the env's toolPlan marks, no call elsewhere (and no answer while a
 * marked step is still ahead): the task's routing ceiling.
 */
export type PolicyMode = 'base' | 'always-call' | 'never-call' | 'oracle';
export const POLICY_MODES: readonly PolicyMode[] = ['base', 'always-call', 'never-call', 'oracle'];
