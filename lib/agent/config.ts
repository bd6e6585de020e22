/**
 * Policy configuration (nanoGPT-shaped): every field has a commented default;
 * experiments override fields of DEFAULT_POLICY_CONFIG.
 */
export interface PolicyConfig {
  /** Vocabulary size; set from the env's vocab (calc 24, hops 37). */
  vocabSize: number;
  /** Maximum sequence length (prompt + generated + tool output). Default 48. */
  contextLength: number;
  /** Transformer blocks. Default 2. */
  nLayer: number;
  /** Residual stream width. Default 64. */
  nEmbd: number;
  /** Attention heads (nEmbd must be divisible by it). Default 4. */
  nHead: number;
  /** MLP hidden width = mlpRatio * nEmbd. Default 4. */
  mlpRatio: number;
  /** Std of the normal initialisation of weight matrices. Default 0.02. */
  initStd: number;
}

export const DEFAULT_POLICY_CONFIG: PolicyConfig = {
  vocabSize: 24,
  contextLength: 48,
  nLayer: 2,
  nEmbd: 64,
  nHead: 4,
  mlpRatio: 4,
  initStd: 0.02,
};

export function resolveConfig(overrides: Partial<PolicyConfig> = {}): PolicyConfig {
  const c = { ...DEFAULT_POLICY_CONFIG, ...overrides };
  for (const [k, v] of Object.entries(c)) {
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) throw new Error(`PolicyConfig.${k} must be a positive number, got ${v}`);
  }
  if (c.nEmbd % c.nHead !== 0) throw new Error(`PolicyConfig: nEmbd ${c.nEmbd} not divisible by nHead ${c.nHead}`);
  return c;
}

/** Short stable hash of a config, for checkpoint names. */
export function configHash(c: PolicyConfig): string {
  const s = JSON.stringify([c.vocabSize, c.contextLength, c.nLayer, c.nEmbd, c.nHead, c.mlpRatio, c.initStd]);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
