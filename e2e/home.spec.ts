import { expect, test } from '@playwright/test';

const OBJECTIVES = [
  { name: 'accuracy', direction: 'maximize', reference: 0 },
  { name: 'tool_calls', direction: 'minimize', reference: 4 },
];

test('a new user sees the empty state, then a run logged through the run log', async ({ page, request }, testInfo) => {
  // The e2e database is shared by every spec, whatever their order: start from an empty one.
  for (;;) {
    const { runs } = (await (await request.get('/api/runs?limit=100')).json()) as { runs: { id: string }[] };
    if (runs.length === 0) break;
    for (const r of runs) expect((await request.delete(`/api/runs/${r.id}?confirm=${r.id}`)).status()).toBe(200);
  }
  await page.goto('/');
  await expect(page.getByTestId('empty-runs')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No runs yet' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('home-empty.png'), fullPage: true });

  // Add a run through the run log's HTTP API, as an external trainer would.
  const created = await request.post('/api/runs', {
    data: { name: 'e2e · calc · grpo', environment: 'calc', algorithm: 'grpo', seed: 7, objectives: OBJECTIVES, tags: ['e2e'] },
  });
  expect(created.status()).toBe(201);
  const { run } = await created.json();
  const steps = await request.post(`/api/runs/${run.id}/steps`, {
    data: { batchId: 'steps-0', records: [{ step: 0, hypervolume: 1.234, objectiveMeans: { accuracy: 0.5, tool_calls: 1.5 } }] },
  });
  expect(steps.status()).toBe(200);

  // The list refreshes itself while the run is live; reload is not needed.
  const row = page.getByTestId('run-row').filter({ hasText: 'e2e · calc · grpo' });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText('calc');
  await expect(row).toContainText('grpo');
  await expect(row).toContainText('running');
  await expect(row).toContainText('1.234');
  await page.screenshot({ path: testInfo.outputPath('home-one-run.png'), fullPage: true });

  // Newest first.
  await request.post('/api/runs', { data: { name: 'e2e · newer', environment: 'hops', algorithm: 'paretopo', seed: 1, objectives: OBJECTIVES } });
  await page.reload();
  await expect(page.getByTestId('run-row').first()).toContainText('e2e · newer');
});

test('the runs table fits a 1280-px window: every column, the history sparkline included, without a horizontal scroll', async ({ page, request }) => {
  // A row with every cell filled, as the demo run has: a tag, a progress bar, server and trainer hypervolumes, final
  // means and a hypervolume history.
  const created = await request.post('/api/runs', {
    data: {
      name: 'e2e · fit · ParetoPO on calc',
      environment: 'calc',
      algorithm: 'paretopo',
      seed: 3,
      objectives: OBJECTIVES,
      tags: ['demo'],
      totalSteps: 150,
    },
  });
  expect(created.status()).toBe(201);
  const { run } = await created.json();
  const records = Array.from({ length: 151 }, (_, s) => ({
    step: s,
    hypervolume: 0.5 + 0.002 * s,
    objectiveMeans: { accuracy: 0.5 + 0.003 * s, tool_calls: 1.5 - 0.006 * s },
  }));
  expect((await request.post(`/api/runs/${run.id}/steps`, { data: { batchId: 'fit-steps', records } })).status()).toBe(200);
  const points = [0, 75, 150].flatMap((step) =>
    [0, 1].map((i) => ({ step, split: 'test', objectives: [0.6 + 0.001 * step + 0.1 * i, 1.2 - 0.004 * step + 0.3 * i] })),
  );
  expect((await request.post(`/api/runs/${run.id}/eval-points`, { data: { batchId: 'fit-eval', records: points } })).status()).toBe(200);
  expect((await request.post(`/api/runs/${run.id}/finish`, { data: { status: 'finished' } })).status()).toBe(200);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const row = page.getByTestId('run-row').filter({ hasText: 'e2e · fit' });
  await expect(row.getByTestId('sparkline')).toBeVisible();
  await expect(row).toContainText('150/150');
  const table = page.getByTestId('runs-table');
  const { scroll, box } = await table.evaluate((t) => ({ scroll: t.scrollWidth, box: t.parentElement!.clientWidth }));
  expect(scroll, `table ${scroll} px in a box of ${box} px`).toBeLessThanOrEqual(box);
  const spark = await row.getByTestId('sparkline').boundingBox();
  const frame = await table.evaluate((t) => t.parentElement!.getBoundingClientRect().right);
  expect(spark!.x + spark!.width).toBeLessThanOrEqual(frame);
});
