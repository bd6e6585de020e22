/**
 * A run the built-in worker trains on three objectives (accuracy, tool calls,
 * tokens) is drawn by the run page with the same code as any run: the front
 * plane plots its test evaluations, and the axis choosers switch the plotted
 * pair (accuracy × tokens, tool calls × tokens), the labels and the staircase
 * following, with no special case for the third objective.
 */
import { expect, test } from '@playwright/test';
import { closeDb } from '../lib/db';
import { seedTinyWarmStart, tinyConfig } from '../tests/support/tiny-training';

test.beforeAll(async () => {
  process.env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  await seedTinyWarmStart(0);
  await closeDb();
});

test('a run trained on three objectives: the plane draws them and the axes switch between them', async ({ page, request }, testInfo) => {
  const config = tinyConfig({ steps: 5, evalEvery: 1, objectives: ['accuracy', 'tool_calls', 'tokens'] });
  const res = await request.post('/api/runs', { data: { source: 'builtin', name: 'e2e · three objectives', seed: 0, config } });
  expect(res.status(), await res.text()).toBeLessThan(300);
  const { run } = await res.json();
  expect(run.objectives.map((o: { name: string }) => o.name)).toEqual(['accuracy', 'tool_calls', 'tokens']);
  await expect.poll(async () => (await (await request.get(`/api/runs/${run.id}`)).json()).run.status, { timeout: 90_000 }).toBe('finished');
  const evals = (await (await request.get(`/api/runs/${run.id}/eval-points`)).json()).evalPoints.filter((p: { split: string }) => p.split === 'test');
  expect(evals.map((p: { step: number }) => p.step)).toEqual([0, 1, 2, 3, 4, 5]);
  for (const p of evals) expect(p.objectives).toHaveLength(3);

  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`/runs/${run.id}`);
  const plane = page.getByTestId('front-plane');
  await expect(plane).toBeVisible();
  const svg = plane.getByTestId('plane-svg');
  await expect(plane.getByTestId('plane-marks').locator('circle')).toHaveCount(evals.length);
  // Default pair: accuracy (x) against tool calls (y).
  await expect(plane.getByTestId('plane-x')).toHaveValue('0');
  await expect(plane.getByTestId('plane-y')).toHaveValue('1');
  await expect(svg).toContainText('tool calls per question');

  // Tokens on the vertical axis: same marks, a new label, the pair's own front.
  await plane.getByTestId('plane-y').selectOption({ label: 'tokens' });
  await expect(svg).toContainText(/tokens/);
  await expect(svg).not.toContainText('tool calls per question');
  await expect(plane.getByTestId('plane-marks').locator('circle')).toHaveCount(evals.length);
  await expect(plane.getByTestId('front-staircase')).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('three-objectives-accuracy-tokens.png'), fullPage: true });

  // Tool calls × tokens: two minimize objectives, drawn the same way.
  await plane.getByTestId('plane-x').selectOption({ label: 'tool_calls' });
  await expect(svg).toContainText('tool calls per question');
  await expect(plane.getByTestId('plane-marks').locator('circle')).toHaveCount(evals.length);
  await plane.screenshot({ path: testInfo.outputPath('three-objectives-calls-tokens.png') });
});
