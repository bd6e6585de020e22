/**
 * The policy's forward pass on tfjs-webgpu in Chromium matches the wasm
 * result computed in Node (same seeded weights, same tokens).
 * Self-contained: bundles e2e/fixtures/webgpu-entry.ts with esbuild and serves
 * it from a tiny static server on a free localhost port.
 */
import { test, expect } from '@playwright/test';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import * as esbuild from 'esbuild';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../lib/agent/backend';
import { createPolicy, forward } from '../lib/agent/model';

test.use({
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-webgpu'],
  },
});
test.setTimeout(180_000);

const CONFIG = { vocabSize: 24, contextLength: 16, nLayer: 2, nEmbd: 32, nHead: 4 };
const SEED = 42;
const B = 2;
const T = 8;
const IDS = [1, 8, 9, 20, 10, 23, 11, 5, 1, 17, 12, 22, 13, 14, 6, 2];

let server: http.Server;
let url = '';

test.beforeAll(async () => {
  const bundle = await esbuild.build({
    entryPoints: [path.join(import.meta.dirname, 'fixtures/webgpu-entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    external: ['node:*'],
    write: false,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0].contents;
  server = http.createServer((req, res) => {
    if (req.url === '/bundle.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(js);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><script type="module" src="/bundle.js"></script>');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://localhost:${(server.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((r) => server?.close(r));
});

test('forward pass on WebGPU matches wasm', async ({ page }) => {
  await initBackend('wasm');
  const policy = createPolicy(CONFIG, SEED);
  const expected = Array.from(tf.tidy(() => forward(policy, tf.tensor2d(IDS, [B, T], 'int32')).dataSync()));

  await page.goto(url);
  expect(await page.evaluate(() => !!(navigator as unknown as { gpu?: unknown }).gpu)).toBe(true);
  await page.waitForFunction(() => typeof window.runForward === 'function');
  const got = await page.evaluate(([c, s, ids, b, t]) => window.runForward(c as never, s as number, ids as number[], b as number, t as number), [
    CONFIG,
    SEED,
    IDS,
    B,
    T,
  ] as const);
  expect(got.backend).toBe('webgpu');
  expect(got.logits.length).toBe(B * T * CONFIG.vocabSize);
  let maxDiff = 0;
  for (let i = 0; i < expected.length; i++) maxDiff = Math.max(maxDiff, Math.abs(expected[i] - got.logits[i]));
  expect(maxDiff).toBeLessThan(1e-3);
  // and the logits are not trivially equal (e.g. all zero)
  expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(1e-3);
});
