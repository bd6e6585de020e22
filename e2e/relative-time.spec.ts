/**
 * "N min ago" used to be rendered with the server's clock and hydrated with
 * the browser's: whenever the two disagreed on the bucket, React reported a
 * hydration mismatch. With the browser's clock 10 minutes ahead, the runs
 * list and a run page hydrate cleanly and then show the relative time.
 */
import { expect, test } from '@playwright/test';

test('relative times hydrate without a mismatch even when the browser clock differs', async ({ page, request }) => {
  const { run } = await (
    await request.post('/api/runs', {
      data: {
        name: 'clock skew',
        environment: 'calc',
        algorithm: 'grpo',
        seed: 5,
        objectives: [
          { name: 'accuracy', direction: 'maximize', reference: 0 },
          { name: 'tool_calls', direction: 'minimize', reference: 4 },
        ],
      },
    })
  ).json();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.clock.setFixedTime(Date.now() + 10 * 60_000);
  await page.goto('/');
  const row = page.getByTestId('run-row').filter({ hasText: 'clock skew' });
  await expect(row).toContainText('10 min ago');
  await page.goto(`/runs/${run.id}`);
  await expect(page.getByText('created 10 min ago')).toBeVisible();
  expect(errors.filter((e) => /hydrat/i.test(e))).toEqual([]);
});
