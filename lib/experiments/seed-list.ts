/**
 * The seeds of a reproduction, as `--seeds` spells them:
 *   "5"          seeds 0..4 (a count, as before)
 *   "0-4"        the range 0, 1, 2, 3, 4
 *   "11,17,23"   a list; items may be ranges ("0-2,9")
 * Seeds are non-negative integers, returned ascending without duplicates.
 * Throws an Error naming the bad item.
 */
export const MAX_SEEDS = 100;

export function parseSeedList(spec: string): number[] {
  const text = spec.trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < 1 || n > MAX_SEEDS) throw new Error(`--seeds ${text}: a count must be 1..${MAX_SEEDS} (use "${text}-${text}" for the single seed ${text})`);
    return Array.from({ length: n }, (_, i) => i);
  }
  const out = new Set<number>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const range = /^(\d+)-(\d+)$/.exec(item);
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      if (b < a) throw new Error(`--seeds: range "${item}" is empty (${a} > ${b})`);
      if (b - a + 1 > MAX_SEEDS) throw new Error(`--seeds: range "${item}" has more than ${MAX_SEEDS} seeds`);
      for (let s = a; s <= b; s++) out.add(s);
    } else if (/^\d+$/.test(item)) out.add(Number(item));
    else throw new Error(`--seeds: "${item}" is not a seed or a range a-b (use e.g. 0-4 or 11,17,23)`);
  }
  if (out.size > MAX_SEEDS) throw new Error(`--seeds: more than ${MAX_SEEDS} seeds`);
  for (const s of out) if (!Number.isSafeInteger(s) || s > 2 ** 31 - 1) throw new Error(`--seeds: seed ${s} is too large`);
  return [...out].sort((a, b) => a - b);
}
