/**
 * The run log over HTTP, as the browser trainer uses it (lib/runs/http-run-log.ts),
 * against a real `next start` on both providers (PostgreSQL in team mode):
 * a browser run (source "browser") is created by a writer, trained through the
 * HTTP run log with its checkpoints, interrupted between a step's log and its
 * checkpoint (a reloaded tab), resumed from the latest checkpoint, and ends up
 * with exactly the steps — and the same numbers — as an uninterrupted run.
 * Then the checkpoint routes' validation and access.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { disposePolicy, initBackend, serializeWeights } from '../../lib/agent';
import { getEnv } from '../../lib/envs';
import { bytesToBase64 } from '../../lib/runs/base64';
import { fetchTransport, HttpRunLog } from '../../lib/runs/http-run-log';
import { parseTrainConfig, runTraining, warmStart, warmStartCheckpointName, warmStartConfig } from '../../lib/training';
import { mintToken, type TestToken } from '../support/auth';
import { DATABASES } from '../support/databases';
import { useNextServer } from '../support/next-server';
import { TINY_POLICY, tinyConfig } from '../support/tiny-training';

describe.each(DATABASES)('the HTTP run log on %s', (provider) => {
  const next = useNextServer(provider);
  const team = provider === 'postgresql';
  const tokens = {} as Record<'admin' | 'writer' | 'other' | 'reader', TestToken>;
  beforeAll(async () => {
    for (const [k, role] of [
      ['admin', 'admin'],
      ['writer', 'writer'],
      ['other', 'writer'],
      ['reader', 'reader'],
    ] as const)
      tokens[k] = await mintToken(next.get(), role);
    // The tiny warm start, shared by an admin under its cache name (as the shipped ones are).
    await initBackend();
    const env = getEnv('calc', { seed: 0 });
    const res = await warmStart(env, { seed: 0, config: TINY_POLICY, steps: 10, batchSize: 16 });
    const name = warmStartCheckpointName(env, 0, warmStartConfig(env, TINY_POLICY));
    const up = await call('admin', 'POST', `/api/checkpoints/${name}`, {
      step: res.steps,
      weights: bytesToBase64(await serializeWeights(res.policy)),
      meta: { kind: 'warmstart' },
    });
    disposePolicy(res.policy);
    expect(up.status, JSON.stringify(up.json)).toBe(200);
  }, 300_000);

  async function call(who: keyof typeof tokens, method: string, path: string, body?: unknown) {
    const res = await fetch(next.get().url + path, {
      method,
      headers: { 'content-type': 'application/json', ...tokens[who].headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Record<string, any> };
  }
  const log = (runId: string, who: keyof typeof tokens = 'writer') => new HttpRunLog(runId, fetchTransport(next.get().url, { headers: tokens[who].headers }));
  const config = parseTrainConfig(tinyConfig({ steps: 4, checkpointEvery: 2, evalEvery: 2 }));
  const browserRun = async (name: string) => {
    const res = await call('writer', 'POST', '/api/runs', { source: 'browser', name, seed: 0, config });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json.run as { id: string; source: string; status: string; workerId: string | null; config: Record<string, unknown> };
  };
  /** Everything a run logged per step, except wall-clock timings. */
  const logged = async (runId: string) => {
    const metrics = (await call('reader', 'GET', `/api/runs/${runId}/metrics?after=-1&limit=100`)).json.metrics.map((m: Record<string, any>) => {
      const { wallTime: _w, id: _i, createdAt: _c, runId: _r, extra, ...rest } = m;
      const { timing: _t, ...e } = extra ?? {};
      return { ...rest, extra: e };
    });
    const evals = (await call('reader', 'GET', `/api/runs/${runId}/eval-points`)).json.evalPoints.map((p: Record<string, any>) => [
      p.step,
      p.split,
      p.objectives,
    ]);
    return { metrics, evals };
  };

  it('trains a browser run through it; a trainer cut off after a step and resumed from its checkpoint duplicates no step', async () => {
    const reference = await browserRun('uninterrupted');
    expect(reference).toMatchObject({ source: 'browser', status: 'running', workerId: null });
    // Marked with who trains it: the creating token (team mode; local mode has no tokens).
    expect((reference as unknown as { createdBy: string | null }).createdBy).toBe(team ? tokens.writer.name : null);
    const a = log(reference.id);
    expect(await a.latestCheckpoint()).toBeNull();
    expect(await runTraining({ config, seed: 0, logger: a, pass: 'tfjs' })).toEqual({ status: 'finished' });
    await a.finish();

    const run = await browserRun('reloaded');
    // The tab goes away after step 3 is logged, before its checkpoint (checkpointEvery 2: the last one is step 2).
    const cut = new Error('tab reloaded');
    await expect(
      runTraining({
        config,
        seed: 0,
        logger: log(run.id),
        pass: 'tfjs',
        onProgress: (p) => {
          if (p.step === 3) throw cut;
        },
      }),
    ).rejects.toBe(cut);
    expect((await logged(run.id)).metrics.map((m: { step: number }) => m.step)).toEqual([1, 2, 3]);
    const b = log(run.id);
    const ckpt = await b.latestCheckpoint();
    expect(ckpt?.step).toBe(2);
    expect(await runTraining({ config, seed: 0, logger: b, pass: 'tfjs', resumeFrom: ckpt })).toEqual({ status: 'finished' });
    await b.finish();

    const [x, y] = [await logged(reference.id), await logged(run.id)];
    expect(y.metrics.map((m: { step: number }) => m.step)).toEqual([1, 2, 3, 4]);
    expect(y).toEqual(x);
    expect((await call('reader', 'GET', `/api/runs/${run.id}`)).json.run).toMatchObject({ status: 'finished', source: 'browser', lastStep: 4 });
  });

  it('validates checkpoints, naming the field, and keeps the newest `keep`', async () => {
    const run = await browserRun('checkpoints');
    const path = `/api/runs/${run.id}/checkpoints`;
    const weights = bytesToBase64(Uint8Array.from({ length: 300 }, (_, i) => i % 256));
    for (const [body, field] of [
      [{ step: 1, weights: 'not base64!', meta: {} }, /^weights: must be base64/],
      [{ step: -1, weights, meta: {} }, /^step:/],
      [{ step: 1, weights, meta: {}, keep: 0 }, /^keep:/],
      [{ step: 1, weights, meta: {}, extra: 1 }, /extra/],
      [{ step: 1, weights, meta: 'x' }, /^meta:/],
    ] as const) {
      const res = await call('writer', 'POST', path, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.json.error).toMatch(field);
    }
    for (const step of [1, 2, 3]) expect((await call('writer', 'POST', path, { step, weights, meta: { step }, keep: 2 })).status).toBe(200);
    const latest = await log(run.id).latestCheckpoint();
    expect(latest).toMatchObject({ step: 3, meta: { step: 3 } });
    expect(Array.from(latest!.weights)).toEqual(Array.from({ length: 300 }, (_, i) => i % 256));
    // Over the 8 MiB body limit: 413, nothing stored.
    const big = await call('writer', 'POST', path, `{"step":9,"meta":{},"weights":"${'A'.repeat(8 * 1024 * 1024)}"}`);
    expect(big.status).toBe(413);
    expect((await log(run.id).latestCheckpoint())?.step).toBe(3);
    expect((await call('reader', 'GET', '/api/checkpoints/no-such-warm-start')).json).toEqual({ checkpoint: null });
    expect((await call('reader', 'GET', '/api/checkpoints/bad name!')).status).toBe(422);
    expect((await call('reader', 'GET', '/api/runs/r_missing/checkpoints/latest')).status).toBe(404);
  });

  it('never takes a checkpoint for a built-in run over HTTP; only the owner writes a browser run; only admins share warm starts', async () => {
    const builtin = (await call('writer', 'POST', '/api/runs', { source: 'builtin', config: { steps: 2 } })).json.run;
    const body = { step: 1, weights: 'AAAA', meta: {} };
    expect((await call('admin', 'POST', `/api/runs/${builtin.id}/checkpoints`, body)).status).toBe(403);
    const run = await browserRun('owned');
    expect((await call('writer', 'POST', `/api/runs/${run.id}/checkpoints`, body)).status).toBe(200);
    if (team) {
      expect((await call('other', 'POST', `/api/runs/${run.id}/checkpoints`, body)).status).toBe(403);
      expect((await call('reader', 'POST', `/api/runs/${run.id}/checkpoints`, body)).status).toBe(403);
      expect((await call('writer', 'POST', '/api/checkpoints/warmstart-mine', body)).status).toBe(403);
      // A browser run's trainer that is not an admin keeps a warm start it trained to itself (no error).
      await expect(log(run.id).saveNamedCheckpoint('warmstart-mine', { step: 1, weights: new Uint8Array(3), meta: {} })).resolves.toBeUndefined();
      expect((await call('reader', 'GET', '/api/checkpoints/warmstart-mine')).json).toEqual({ checkpoint: null });
    }
    // Cancel from the dashboard is for the worker's runs: a browser run is stopped by its page (or its trainer's finish).
    expect((await call('writer', 'POST', `/api/runs/${run.id}/cancel`)).status).toBe(409);
    expect((await call('writer', 'POST', `/api/runs/${run.id}/finish`, { status: 'cancelled' })).status).toBe(200);
    expect((await call('writer', 'POST', `/api/runs/${run.id}/checkpoints`, body)).status).toBe(409);
  });
});
