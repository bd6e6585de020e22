/**
 * A trajectory as display segments for the run log: the prompt, free text
 * (mental steps), tool calls (CALL..ENDCALL), tool outputs, and the answer
 * (ANSWER..EOS), each decoded with the env vocabulary.
 */
import { ANSWER, CALL, ENDCALL, EOS, SRC_PROMPT, SRC_TOOL } from '../envs';
import type { Vocab } from '../envs';
import type { TokenSegment } from '../runs';

export function trajectorySegments(tokens: readonly number[], sources: ArrayLike<number>, vocab: Vocab): TokenSegment[] {
  const out: TokenSegment[] = [];
  let inCall = false;
  let inAnswer = false;
  const push = (kind: TokenSegment['kind'], tok: number) => {
    const text = vocab.decode([tok]);
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (sources[i] === SRC_PROMPT) push('prompt', t);
    else if (sources[i] === SRC_TOOL) push('tool', t);
    else if (inCall || t === CALL) {
      // A new CALL right after a closed one starts a new segment.
      if (t === CALL && !inCall) out.push({ kind: 'call', text: '' });
      push('call', t);
      inCall = t !== ENDCALL;
    } else if (inAnswer || t === ANSWER) {
      push('answer', t);
      inAnswer = t !== EOS;
    } else push('text', t);
  }
  return out.filter((s) => s.text.length > 0);
}
