/**
 * The whole loop a user sees, in Chromium against `npm start`'s dashboard and
 * worker: create a run from the form, watch the hypervolume chart gain points
 * while the worker trains it, cancel it, then replay the front with the slider.
 * The run is small (a one-layer policy, a few rollouts per step) so it trains
 * in seconds; its warm start is stored under its cache name beforehand.
 */
import { expect, test } from '@playwright/test';
import { closeDb } from '../lib/db';
import { seedTinyWarmStart, TINY_POLICY } from '../tests/support/tiny-training';
import { fillNewRunForm, setRunOption } from './fixtures/new-run-form';

test.beforeAll(async () => {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  await seedTinyWarmStart(0);
  await closeDb();
});

const drawnSteps = () => (window.__paretoDrawn ?? []).length;

test('create from the form, watch it train live, cancel, replay the front', async ({ page }, testInfo) => {
  await page.goto('/runs/new');
  await expect(page.getByTestId('new-run-form')).toBeVisible();
  await fillNewRunForm(page, {
    env: 'calc',
    algorithm: 'paretopo',
    name: 'e2e · live ParetoPO',
    options: {
      steps: 400,
      promptsPerStep: 2,
      groupSize: 4,
      maxTokens: 16,
      evalEvery: 2,
      evalSize: 16,
      checkpointEvery: 50,
      policy: JSON.stringify(TINY_POLICY),
    },
  });
  await page.screenshot({ path: testInfo.outputPath('new-run-form.png'), fullPage: true });

  // A bad value is refused beside its field, and nothing is queued.
  await setRunOption(page, 'groupSize', 1);
  await page.getByRole('button', { name: 'Queue run' }).click();
  await expect(page.getByRole('alert').first()).toContainText(/greater than or equal to 2|>=2|≥ ?2/);
  await expect(page).toHaveURL(/\/runs\/new$/);
  await setRunOption(page, 'groupSize', 4);

  await page.getByRole('button', { name: 'Queue run' }).click();
  await expect(page).toHaveURL(/\/runs\/r_/, { timeout: 30_000 });
  await expect(page.getByTestId('run-header')).toContainText('e2e · live ParetoPO');

  // The worker picks it up and the hypervolume chart gains points live.
  await expect(page.getByTestId('run-status')).toContainText('running', { timeout: 60_000 });
  await expect.poll(() => page.evaluate(drawnSteps), { timeout: 90_000 }).toBeGreaterThanOrEqual(2);
  const before = await page.evaluate(drawnSteps);
  await expect.poll(() => page.evaluate(drawnSteps), { timeout: 60_000 }).toBeGreaterThan(before + 2);
  await expect(page.getByTestId('front-plane')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('run-training-live.png'), fullPage: true });

  // Cancel: the worker stops after the current step.
  await page.getByTestId('cancel-run').click();
  await expect(page.getByTestId('run-status')).toContainText('cancelled', { timeout: 60_000 });
  await expect(page.getByTestId('cancel-run')).toHaveCount(0);
  const stepsAtCancel = await page.evaluate(drawnSteps);
  await page.waitForTimeout(1500);
  expect(await page.evaluate(drawnSteps)).toBe(stepsAtCancel);

  // Replay: the slider at its first step shows fewer evaluation points than at its last.
  const slider = page.getByTestId('replay-slider');
  const plane = page.getByTestId('front-plane');
  const max = Number(await slider.getAttribute('max'));
  const min = Number(await slider.getAttribute('min'));
  expect(max).toBeGreaterThan(min);
  await slider.fill(String(min));
  const earlyStep = await plane.getAttribute('data-up-to-step');
  await page.screenshot({ path: testInfo.outputPath('run-replay-start.png'), fullPage: true });
  await slider.fill(String(max));
  await expect(plane).not.toHaveAttribute('data-up-to-step', earlyStep ?? '');
  await page.screenshot({ path: testInfo.outputPath('run-replay-end.png'), fullPage: true });
});

declare global {
  interface Window {
    __paretoDrawn?: { step: number; t: number }[];
  }
}
