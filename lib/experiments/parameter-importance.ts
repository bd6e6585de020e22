/**
 * Which knob moves the front: a rank-based importance of each knob for the
 * runs' final hypervolume, on one scale for both kinds of knob — the share
 * of the variance of the hypervolume RANKS the knob explains:
 *
 * - numeric knob: ρ², ρ = Spearman's rank correlation (Pearson's r of the
 *   average ranks, ties averaged) between the knob and the final
 *   hypervolume; the sign of ρ says which way helps.
 * - categorical knob: η² of the hypervolume ranks grouped by the knob's value
 *   (between-group over total sum of squares; the effect size behind
 *   Kruskal–Wallis); the best value is the one with the highest mean rank.
 *   With k values over n runs η² leans toward (k − 1)/(n − 1) even by
 *   chance, and when every value has a single run (k = n) it is 1 whatever
 *   the data, so that case scores null.
 *
 * Rank-based, so it is invariant to any monotone rescaling of the
 * hypervolume or of a numeric knob, and a single outlier run cannot dominate
 * it. It measures association over the runs given, not causation: with few
 * runs, or knobs varied together, read it as a hint. Only runs with both a
 * knob value and a finite hypervolume count (n); below 3 such runs, or with
 * no spread in either, the score is null. O(n log n) per knob
 * (parameter-importance-naive.ts is the O(n²) twin the tests compare with).
 */
import type { KnobImportance } from '../contract/experiment-view';

export type { KnobImportance };

/** Average ranks (1-based; tied values share the mean of their positions). */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Array<number>(values.length);
  for (let s = 0; s < order.length;) {
    let e = s + 1;
    while (e < order.length && values[order[e]] === values[order[s]]) e++;
    const r = (s + 1 + e) / 2; // mean of positions s+1..e
    for (let k = s; k < e; k++) ranks[order[k]] = r;
    s = e;
  }
  return ranks;
}

function pearson(a: readonly number[], b: readonly number[]): number | null {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : null;
}

export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length < 3) return null;
  return pearson(averageRanks(x), averageRanks(y));
}

/** η² of the ranks of y grouped by g, and the group with the highest mean rank (ties: first in sort order). */
export function rankEta2(g: readonly string[], y: readonly number[]): { eta2: number | null; best: string | null } {
  if (y.length < 3) return { eta2: null, best: null };
  const r = averageRanks(y);
  const mean = (r.length + 1) / 2;
  let total = 0;
  for (const v of r) total += (v - mean) ** 2;
  const groups = new Map<string, { sum: number; n: number }>();
  g.forEach((k, i) => {
    const s = groups.get(k) ?? { sum: 0, n: 0 };
    s.sum += r[i];
    s.n++;
    groups.set(k, s);
  });
  let between = 0;
  let best: string | null = null;
  let bestMean = -Infinity;
  for (const k of [...groups.keys()].sort()) {
    const s = groups.get(k)!;
    between += s.n * (s.sum / s.n - mean) ** 2;
    if (s.sum / s.n > bestMean) {
      bestMean = s.sum / s.n;
      best = k;
    }
  }
  // Every value held by a single run: each "group" explains its own rank and η² is 1 whatever the data.
  if (groups.size < 2 || groups.size === r.length || total === 0) return { eta2: null, best: groups.size >= 2 ? best : null };
  return { eta2: between / total, best };
}

/** Importance of each knob for `hv` (one value per run, null/NaN = no hypervolume), most important first (null scores last). */
export function knobImportance(
  knobs: readonly { key: string; kind: 'numeric' | 'categorical'; values: readonly (number | string | null)[] }[],
  hv: readonly (number | null)[],
): KnobImportance[] {
  const out = knobs.map((k): KnobImportance => {
    const idx = k.values.map((_, i) => i).filter((i) => k.values[i] !== null && hv[i] !== null && Number.isFinite(hv[i]!));
    const y = idx.map((i) => hv[i]!);
    if (k.kind === 'numeric') {
      const rho = spearman(
        idx.map((i) => k.values[i] as number),
        y,
      );
      return { key: k.key, kind: k.kind, method: 'spearman-rho2', score: rho === null ? null : rho * rho, rho, best: null, n: idx.length };
    }
    const { eta2, best } = rankEta2(
      idx.map((i) => String(k.values[i])),
      y,
    );
    return { key: k.key, kind: k.kind, method: 'rank-eta2', score: eta2, rho: null, best, n: idx.length };
  });
  return out.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.key.localeCompare(b.key));
}
