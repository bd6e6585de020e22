/**
 * What the scalarization-weights card says and draws for a run's algorithm:
 * ParetoPO's weights move (logged per step); `static`, `mo-grpo`, `hv-meta`
 * and `hv-contrib` use fixed weights (their `weights` option, equal when
 * unset, resolved with lib/paretopo's own resolveWeights) which are drawn
 * when the trainer logged none; `grpo` and `otc` weight nothing. An algorithm
 * this build does not know (an external trainer's) gets a neutral text.
 */
import { ALGORITHMS, parseOptions, resolveWeights, type AlgorithmName } from '@/lib/paretopo';

export interface WeightsCard {
  subtitle: string;
  /** Fixed weights in objective order, drawn flat over the run's steps when none were logged; null when the algorithm has none. */
  fixed: number[] | null;
  /** What the empty chart says once steps exist but no weights do. */
  empty: string;
}

const WHY: Partial<Record<AlgorithmName, string>> = {
  paretopo:
    'Stage 1 (dynamic scalarization) moves weight toward the objective with the most hypervolume left to gain; stage 2 ranks by Pareto fronts and uses no weights.',
  static: 'Fixed linear scalarization: the same weights at every step.',
  'mo-grpo': 'Each objective standardized within its group, then summed with fixed weights.',
  'hv-meta': 'A fixed-weight scalarized reward, scaled by the hypervolume gain of the last validation checkpoint.',
  'hv-contrib': 'A fixed-weight scalarized reward plus each trajectory’s hypervolume contribution within its group.',
  grpo: 'Accuracy-only GRPO does not scalarize: its reward is accuracy alone.',
  otc: 'OTC does not scalarize: its reward is gated on correctness and peaks at the fewest tool calls.',
};

const known = (a: string): a is AlgorithmName => Object.prototype.hasOwnProperty.call(ALGORITHMS, a);

export function weightsCard(
  algorithm: string,
  config: Record<string, unknown>,
  objectives: readonly { name: string; direction: 'maximize' | 'minimize' }[],
): WeightsCard {
  if (!known(algorithm)) {
    return {
      subtitle: `Weights logged by the trainer of this ${algorithm} run, if it scalarizes.`,
      fixed: null,
      empty: 'No weights logged by this run’s trainer.',
    };
  }
  let fixed: number[] | null = null;
  const opts = (config as { algorithmOptions?: unknown }).algorithmOptions;
  if (algorithm !== 'paretopo') {
    try {
      const parsed = parseOptions(algorithm, opts ?? {}) as { weights?: Record<string, number> };
      if (parsed.weights) fixed = resolveWeights(objectives, parsed.weights);
    } catch {
      fixed = null; // options this build cannot read: draw nothing rather than a guess
    }
  }
  const subtitle = `${WHY[algorithm] ?? ALGORITHMS[algorithm].description}${fixed ? ` Weights: ${objectives.map((o, k) => `${o.name} ${fixed![k].toFixed(2)}`).join(', ')}.` : ''}`;
  const empty = fixed ? 'No steps logged yet.' : algorithm === 'paretopo' ? 'No weights logged yet.' : `No weights: ${algorithm} does not scalarize.`;
  return { subtitle, fixed, empty };
}
