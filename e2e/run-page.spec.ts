/**
 * The live run page in Chromium, on a run logged through the run log's HTTP
 * API: charts render, a newly logged step appears live, the replay slider moves
 * the front, trajectories filter by rank. Screenshots are kept as artifacts.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';

const OBJECTIVES = [
  { name: 'accuracy', direction: 'maximize', reference: 0 },
  { name: 'tool_calls', direction: 'minimize', reference: 4 },
  { name: 'tokens', direction: 'minimize', reference: 64 },
];

async function ok(p: ReturnType<APIRequestContext['post']>): Promise<any> {
  const res = await p;
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

function stepRecord(s: number) {
  const stage = s < 6 ? 1 : 2;
  const w = 0.5 + 0.3 * Math.sin(s / 3);
  return {
    step: s,
    stage,
    hypervolume: 0.8 + 1.6 * (1 - Math.exp(-s / 5)),
    objectiveMeans: { accuracy: 0.35 + 0.04 * s, tool_calls: 2.2 - 0.09 * s, tokens: 30 - s },
    ...(stage === 1 ? { weights: [w, (1 - w) * 0.7, (1 - w) * 0.3] } : {}),
    loss: 1 / (s + 1),
  };
}

// Evaluation points that improve over time: early ones are dominated later.
function evalPoints(s: number) {
  const a = 0.3 + 0.05 * s;
  return [
    { step: s, objectives: [a, 0.9 + 0.05 * s, 20] },
    { step: s, objectives: [a + 0.15, 1.6 + 0.02 * s, 24] },
    { step: s, objectives: [a - 0.1, 0.4 + 0.03 * s, 16] },
  ];
}

function trajectories(step: number) {
  return Array.from({ length: 24 }, (_, i) => ({
    step,
    group: Math.floor(i / 8),
    index: i % 8,
    split: 'train',
    prompt: `(${i} + 7) * 3 =`,
    tokens:
      i % 3 === 0
        ? [{ kind: 'answer', text: String((i + 7) * 3) }]
        : [
            { kind: 'text', text: 'add first' },
            { kind: 'call', text: `calc(${i}+7)` },
            { kind: 'tool', text: String(i + 7) },
            { kind: 'call', text: `calc(${i + 7}*3)` },
            { kind: 'tool', text: String((i + 7) * 3) },
            { kind: 'answer', text: String((i + 7) * 3) },
          ],
    objectives: [i % 4 === 0 ? 0 : 1, i % 3 === 0 ? 0 : 2, 6 + (i % 5)],
    rank: 1 + (i % 3),
    advantage: ((i % 5) - 2) / 2,
  }));
}

test('the run page shows live charts, replays the front and filters trajectories', async ({ page, request }, testInfo) => {
  const { run } = await ok(
    request.post('/api/runs', {
      data: {
        name: 'e2e · calc · paretopo · seed 3',
        environment: 'calc',
        algorithm: 'paretopo',
        seed: 3,
        objectives: OBJECTIVES,
        tags: ['e2e', 'live'],
        totalSteps: 20,
      },
    }),
  );
  await ok(request.post(`/api/runs/${run.id}/steps`, { data: { batchId: 'steps-0-9', records: Array.from({ length: 10 }, (_, s) => stepRecord(s)) } }));
  for (const s of [0, 3, 6, 9]) {
    await ok(request.post(`/api/runs/${run.id}/eval-points`, { data: { batchId: `eval-${s}`, records: evalPoints(s) } }));
    await ok(
      request.post(`/api/runs/${run.id}/frontiers`, {
        data: { batchId: `front-${s}`, records: [{ step: s, points: evalPoints(s).map((p) => p.objectives), hypervolume: 1 + s / 10 }] },
      }),
    );
  }
  for (const s of [0, 9]) await ok(request.post(`/api/runs/${run.id}/trajectories`, { data: { batchId: `traj-${s}`, records: trajectories(s) } }));

  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto(`/runs/${run.id}`);
  await expect(page.getByRole('heading', { name: 'e2e · calc · paretopo · seed 3' })).toBeVisible();
  await expect(page.getByTestId('run-status')).toContainText('running');
  // Steps 0..9 logged: step 0 is the state before training, so 9 of 20 training steps are done.
  await expect(page.getByTestId('run-progress')).toContainText('9/20');

  // Curves, with the stage switch marked.
  const hv = page.getByTestId('hypervolume-chart');
  await expect(hv.locator('path[data-series="hv"]')).toHaveCount(1);
  await expect(hv.getByTestId('stage-switch')).toHaveText('stage 2: Pareto ranking');
  // The server's hypervolume (its own scale) is the other view of the same card.
  await page.getByTestId('hv-source').getByRole('button', { name: 'computed by the server' }).click();
  await expect(hv.locator('path[data-series="hv-server"]')).toHaveCount(1);
  await expect(hv.locator('path[data-series="hv"]')).toHaveCount(0);
  await page.getByTestId('hv-source').getByRole('button', { name: 'as the trainer reported it' }).click();
  await expect(hv.locator('path[data-series="hv"]')).toHaveCount(1);
  await expect(page.getByTestId('weights-chart').locator('path[data-series]')).toHaveCount(3);
  await expect(page.getByTestId('objective-means').locator('svg')).toHaveCount(3);

  // The plane: 12 evaluation points, a staircase, the cloud of 48 rollouts.
  const plane = page.getByTestId('front-plane');
  await expect(plane.locator('svg circle')).toHaveCount(12);
  await expect(plane.getByTestId('front-staircase')).toHaveCount(1);
  await expect(plane.getByTestId('cloud-count')).toContainText('48 train rollouts');
  await expect.poll(() => page.evaluate(() => window.__paretoCloudDrawn?.points)).toBe(48);

  // Trajectories with highlighted tool calls.
  await expect(page.getByTestId('trajectory-row').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('run-page.png'), fullPage: true });

  // A step logged now appears on the hypervolume chart without a reload.
  await ok(request.post(`/api/runs/${run.id}/steps`, { data: { batchId: 'steps-10', records: [stepRecord(10)] } }));
  await expect(hv.locator('circle[data-last-x="10"]')).toHaveCount(1, { timeout: 5000 });
  await expect(page.getByTestId('run-progress')).toContainText('10/20');
  expect(await page.evaluate(() => window.__paretoDrawn?.some((d) => d.step === 10))).toBe(true);

  // Replay: back to step 0 the front is that step's own points.
  const latestFront = await plane.getAttribute('data-front-size');
  const slider = page.getByTestId('replay-slider');
  await slider.fill('0');
  await expect(page.getByTestId('replay-label')).toContainText('up to step 0');
  await expect(plane.locator('svg circle')).toHaveCount(3);
  await expect(plane).toHaveAttribute('data-front-size', '3');
  expect(latestFront).not.toBe('3');
  await slider.fill('1');
  await expect(page.getByTestId('replay-label')).toContainText('up to step 3');
  await expect(plane.locator('svg circle')).toHaveCount(6);
  // hover shows the values of a point
  const box = (await plane.locator('svg[role=img]').boundingBox())!;
  const first = plane.locator('svg circle').last();
  const cx = Number(await first.getAttribute('cx'));
  const cy = Number(await first.getAttribute('cy'));
  await page.mouse.move(box.x + 58 + cx, box.y + 14 + cy);
  await expect(page.getByTestId('plane-tooltip')).toContainText('step');
  await plane.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('run-page-replay.png'), fullPage: true });

  // Filter trajectories by rank.
  await page.getByTestId('filter-rank').selectOption('1');
  const ranks = () => page.getByTestId('trajectory-row').evaluateAll((rows) => [...new Set(rows.map((r) => r.getAttribute('data-rank')))]);
  await expect.poll(ranks).toEqual(['1']);
  await page.getByTestId('filter-step').fill('9');
  await expect(page.getByTestId('trajectory-row')).toHaveCount(8);
  await page.getByTestId('card-trajectories').screenshot({ path: testInfo.outputPath('run-page-trajectories.png') });

  // Narrow screens: one column.
  await page.setViewportSize({ width: 420, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('run-page-narrow.png'), fullPage: true });
});

test('an unknown run is a 404 page', async ({ page }) => {
  const res = await page.goto('/runs/does-not-exist');
  expect(res?.status()).toBe(404);
});

test('the runs list shows progress and a sparkline, and filters through the URL', async ({ page, request }, testInfo) => {
  const make = async (name: string, algorithm: string, tags: string[]) => {
    const { run } = await ok(
      request.post('/api/runs', { data: { name, environment: 'hops', algorithm, seed: 1, objectives: OBJECTIVES.slice(0, 2), tags, totalSteps: 10 } }),
    );
    await ok(
      request.post(`/api/runs/${run.id}/steps`, {
        data: { batchId: 's', records: Array.from({ length: 5 }, (_, s) => ({ step: s, hypervolume: 1 + Math.sqrt(s) })) },
      }),
    );
    return run;
  };
  await make('list · grpo', 'grpo', ['baseline']);
  await make('list · otc', 'otc', ['baseline', 'otc']);
  await page.goto('/?environment=hops');
  const row = page.getByTestId('run-row').filter({ hasText: 'list · otc' });
  await expect(row).toContainText('4/10'); // steps 0..4: four training steps after step 0
  await expect(row.getByTestId('sparkline')).toBeVisible();
  await page.getByTestId('filter-algorithm').selectOption('grpo');
  await expect(page).toHaveURL(/algorithm=grpo/);
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('run-row')).toContainText('list · grpo');
  await page.screenshot({ path: testInfo.outputPath('runs-list.png'), fullPage: true });
  // the link is shareable
  await page.goto('/?tag=otc');
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('filter-tag')).toHaveValue('otc');
});
