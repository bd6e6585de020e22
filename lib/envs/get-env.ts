import { createCalcEnv } from './calc';
import { createHopsEnv } from './hops';
import type { EnvName, ToolEnv } from './types';

export const ENV_NAMES = ['calc', 'hops'] as const satisfies readonly EnvName[];

export interface EnvOptions {
  seed?: number;
  /** Difficulty knob in [0, 1]; env default when omitted (calc 0.5, hops 1). */
  difficulty?: number;
}

export function getEnv(name: EnvName, { seed = 0, difficulty }: EnvOptions = {}): ToolEnv {
  switch (name) {
    case 'calc':
      return createCalcEnv({ seed, difficulty });
    case 'hops':
      return createHopsEnv({ seed, difficulty });
    default:
      throw new Error(`unknown env ${JSON.stringify(name)}; valid: ${ENV_NAMES.join(', ')}`);
  }
}
