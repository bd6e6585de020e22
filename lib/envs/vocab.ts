/**
 * Token vocabulary shared by every env: a fixed block of special tokens
 * (same ids in every env, so the agent can drive any env's tool protocol)
 * followed by the env's own single-character tokens.
 *
 * Trace grammar (both envs):
 *   prompt   := BOS question '='
 *   step     := CALL args ENDCALL <tool output: value STEP | ERR STEP>   (tool call)
 *             | value STEP                                               (mental step)
 *   answer   := ANSWER value EOS
 *   trace    := prompt step* answer
 */
export const PAD = 0;
export const BOS = 1;
export const EOS = 2;
export const CALL = 3;
export const ENDCALL = 4;
export const STEP = 5;
export const ANSWER = 6;
export const ERR = 7;

/** Display strings of the special tokens, in id order. */
export const SPECIAL_TOKENS = ['·', '^', '$', '[', ']', ';', '#', '?'] as const;

export class Vocab {
  readonly tokens: readonly string[];
  private readonly index: Map<string, number>;

  constructor(envTokens: readonly string[]) {
    this.tokens = [...SPECIAL_TOKENS, ...envTokens];
    this.index = new Map(this.tokens.map((t, i) => [t, i]));
    if (this.index.size !== this.tokens.length) throw new Error('Vocab: duplicate token');
  }

  get size(): number {
    return this.tokens.length;
  }

  id(token: string): number {
    const i = this.index.get(token);
    if (i === undefined) throw new Error(`Vocab: unknown token ${JSON.stringify(token)}`);
    return i;
  }

  /** Encode a string of single-character tokens. */
  encode(text: string): number[] {
    return Array.from(text, (ch) => this.id(ch));
  }

  decode(ids: ArrayLike<number>): string {
    let s = '';
    for (let i = 0; i < ids.length; i++) s += this.tokens[ids[i]] ?? '�';
    return s;
  }
}
