import type { Objectives, Prompt } from '../envs/types';

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
  objectives: Objectives;
  /** [accuracy, tool_calls, tokens], in env.objectives order. */
  objectiveVector: number[];
  bucket: string;
  /** True when the rollout hit the token/context limit before EOS. */
  truncated: boolean;
}

export type PolicyMode = 'base' | 'always-call' | 'never-call';
export const POLICY_MODES: readonly PolicyMode[] = ['base', 'always-call', 'never-call'];
