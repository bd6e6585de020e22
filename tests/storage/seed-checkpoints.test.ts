/**
 * The warm starts shipped in prisma/seed/checkpoints: named for the current
 * recipe (else `npm start` would never use them), importable on both
 * providers, and loadable as policies.
 */
import { describe, expect, it } from 'vitest';
import { getCheckpointByName } from '../../lib/db';
import { ENV_NAMES, getEnv } from '../../lib/envs';
import { initBackend, policyFromWeights, disposePolicy } from '../../lib/agent';
import { warmStartCheckpointName, warmStartConfig } from '../../lib/training';
import { importSeedCheckpoints, listSeedCheckpoints } from '../../scripts/lib/seed-checkpoints';
import { DATABASES, useDatabase } from '../support/databases';

describe('shipped warm starts', () => {
  it('are named for the current warm-start recipe of each task (seed 0, default policy)', () => {
    const shipped = listSeedCheckpoints()
      .map((s) => s.name)
      .sort();
    const current = ENV_NAMES.map((e) => {
      const env = getEnv(e, { seed: 0 });
      return warmStartCheckpointName(env, 0, warmStartConfig(env));
    }).sort();
    expect(shipped, 'stale shipped warm starts: run `npm run export-warm-starts`').toEqual(current);
  });
});

describe.each(DATABASES)('importing shipped warm starts on %s', (provider) => {
  useDatabase(provider);

  it('imports each once, and each loads as a policy', async () => {
    const first = await importSeedCheckpoints();
    expect(first.length).toBe(listSeedCheckpoints().length);
    expect(await importSeedCheckpoints()).toEqual([]);
    await initBackend();
    for (const name of first) {
      const row = await getCheckpointByName(name);
      expect(row?.meta).toMatchObject({ kind: 'warmstart', shipped: true });
      const policy = policyFromWeights(row!.weights);
      expect(policy.config.nLayer).toBeGreaterThan(0);
      disposePolicy(policy);
    }
  });
});
