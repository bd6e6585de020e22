/**
 * lib/envs — tasks with tools.
 *
 *   const env = getEnv('calc', { seed: 0, difficulty: 0.5 });
 *   const prompts = env.samplePrompts('train', 64, new Rng(1));
 *   env.executeTool(argTokens)          // one calculator op / one KB hop
 *   env.score({ prompt, tokens, sources }) // [accuracy, tool_calls, tokens], env.objectives order
 *   env.warmStartTrace(prompt, rng)       // supervised trace mixing tool calls and direct answers
 *
 * Token grammar and special token ids: see vocab.ts.
 */
export { Rng, hashString } from '../rng';
export { Vocab, PAD, BOS, EOS, CALL, ENDCALL, STEP, ANSWER, ERR, SPECIAL_TOKENS } from './vocab';
export { OBJECTIVES, SRC_PROMPT, SRC_POLICY, SRC_TOOL } from './types';
export type { EnvName, EnvObjective, ObjectiveVector, Prompt, ScoredTrajectory, Split, ToolEnv, ToolResult, Trace } from './types';
export { getEnv, ENV_NAMES } from './get-env';
export type { EnvOptions } from './get-env';
export { splitOf, TEST_FRACTION, VALIDATION_FRACTION } from './trajectory';
export { CALC_TRACE_MIX, CALC_VERSION, calcHabitCalls, parseCalcCall } from './calc';
export { HOPS_TRACE_MIX, HOPS_VERSION, generateKnowledgeBase, hopsHabitCalls } from './hops';
