/**
 * `npm run agent` flag handling in a real process: an eval of a warm-start
 * checkpoint takes the env seed (hops: the knowledge base) from the
 * checkpoint's name, and refuses flags that contradict it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWarmStartCheckpointName, warmStartCheckpointName, warmStartConfig } from '../lib/training';
import { getEnv } from '../lib/envs';

const ROOT = path.resolve(import.meta.dirname, '..');

function agent(args: string[]): Promise<{ code: number; stderr: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-cli-'));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/agent.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'cli.db')}` },
      },
      (err, _stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
  });
}

describe('agent CLI', () => {
  it('warm-start checkpoint names round-trip env, difficulty and seed', () => {
    for (const [name, seed] of [
      ['hops', 7],
      ['calc', 0],
    ] as const) {
      const env = getEnv(name, { seed });
      expect(parseWarmStartCheckpointName(warmStartCheckpointName(env, seed, warmStartConfig(env)))).toEqual({ env: name, difficulty: env.difficulty, seed });
    }
    expect(parseWarmStartCheckpointName('my-checkpoint')).toBeNull();
  });

  it('eval refuses --env or --seed that contradict a warm-start checkpoint, naming the flag', async () => {
    const ck = warmStartCheckpointName(getEnv('hops', { seed: 7 }), 7, warmStartConfig(getEnv('hops', { seed: 7 })));
    const wrongEnv = await agent(['eval', '--env', 'calc', '--checkpoint', ck]);
    expect(wrongEnv.code).toBe(2);
    expect(wrongEnv.stderr).toMatch(/--env calc: checkpoint .* was trained on hops/);
    const wrongSeed = await agent(['eval', '--env', 'hops', '--seed', '0', '--checkpoint', ck]);
    expect(wrongSeed.code).toBe(2);
    expect(wrongSeed.stderr).toMatch(/--seed 0: .* trained on seed 7/);
  });
});
