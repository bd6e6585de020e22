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
