/**
 * Training in a browser without WebGPU (Chromium without
 * --enable-unsafe-webgpu has no adapter): the page says so and trains on
 * tfjs's wasm backend, its binaries served by the dashboard
 * (public/tfjs-wasm/, lib/agent/browser-wasm-path.ts), not on the much slower
 * cpu backend; a 2-step run finishes and logs steps 1 and 2.
 */
import { expect, test } from '@playwright/test';
import { fillNewRunForm } from './fixtures/new-run-form';

test('without a WebGPU adapter the browser trainer says so and trains on tfjs-wasm', async ({ page, request }, testInfo) => {
  const failed: string[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.wasm') && r.status() !== 200) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('/runs/new');
  expect(await page.evaluate(async () => !!(await (navigator as Navigator & { gpu?: GPU }).gpu?.requestAdapter().catch(() => null)))).toBe(false);
  await fillNewRunForm(page, {
    env: 'calc',
    algorithm: 'paretopo',
    name: 'e2e · browser without WebGPU',
    options: { steps: 2, promptsPerStep: 2, groupSize: 4, evalEvery: 1, evalSize: 8, validationSize: 8 },
  });
  await page.getByTestId('train-in-browser').click();
  await expect(page).toHaveURL(/\/runs\/r_[^/]+\/train$/, { timeout: 30_000 });
  const runId = page.url().split('/').at(-2)!;
  await expect(page.getByTestId('trainer-backend')).toHaveText(
    "No WebGPU adapter in this browser: training on the CPU with tfjs's WebAssembly backend instead.",
    {
      timeout: 60_000,
    },
  );
  await expect(page.getByTestId('trainer-phase')).toHaveText('finished', { timeout: 600_000 });
  await page.screenshot({ path: testInfo.outputPath('browser-trainer-wasm-finished.png'), fullPage: true });
  expect(failed).toEqual([]);
  const metrics = (await (await request.get(`/api/runs/${runId}/metrics?after=-1&limit=100`)).json()).metrics as { step: number }[];
  expect(metrics.map((m) => m.step)).toEqual([1, 2]);
  expect((await (await request.get(`/api/runs/${runId}`)).json()).run).toMatchObject({ source: 'browser', status: 'finished', lastStep: 2 });
});
