/**
 * (Named to sort after home.spec.ts, which needs the empty database of a fresh e2e server.)
 *
 * Issue 17 in Chromium: the run front over three objectives as parallel
 * coordinates whose brush filters the table of front points (and the plane's
 * N-D marks and keyboard tooltip); an experiment of three runs whose
 * parameter analysis has one axis per knob; every page in the dark theme
 * (system setting and the toggle), screenshotted; no console error and no
 * failed request (favicon included) on any page.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

const OBJECTIVES = [
  { name: 'accuracy', direction: 'maximize', reference: 0 },
  { name: 'tool_calls', direction: 'minimize', reference: 4 },
  { name: 'tokens', direction: 'minimize', reference: 64 },
];
const SHOTS = process.env.SHOTS_DIR;

async function ok(p: ReturnType<APIRequestContext['post']>): Promise<any> {
  const res = await p;
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

// A front over three objectives: accuracy up with calls, tokens traded against both.
// (0.7, 1.5, 10) is dominated by (0.8, 1.0, 40) in accuracy × calls but holds the fewest tokens.
const FRONT = [
  [0.8, 1.0, 40],
  [0.7, 1.5, 10],
  [0.9, 2.0, 30],
  [0.95, 3.0, 35],
  [0.6, 0.5, 45],
  [0.5, 0.2, 50],
];
const DOMINATED = [
  [0.4, 2.5, 55],
  [0.55, 2.2, 52],
];

async function threeObjectiveRun(request: APIRequestContext, name = 'e2e · front over three objectives') {
  const { run } = await ok(
    request.post('/api/runs', { data: { name, environment: 'calc', algorithm: 'paretopo', seed: 1, objectives: OBJECTIVES, totalSteps: 10 } }),
  );
  await ok(
    request.post(`/api/runs/${run.id}/steps`, {
      data: { batchId: 's', records: Array.from({ length: 6 }, (_, s) => ({ step: s, hypervolume: 1 + s / 10, weights: [0.5, 0.3, 0.2] })) },
    }),
  );
  const records = [...FRONT, ...DOMINATED].map((objectives, i) => ({ step: i % 6, objectives }));
  await ok(request.post(`/api/runs/${run.id}/eval-points`, { data: { batchId: 'e', records } }));
  return run;
}

/** Drags a d3 brush along an axis from fraction f0 to f1 of its height (0 = top). */
async function brush(page: Page, testId: string, f0: number, f1: number) {
  const overlay = page.getByTestId(testId).locator('rect.overlay');
  const box = (await overlay.boundingBox())!;
  const x = box.x + box.width / 2;
  await page.mouse.move(x, box.y + box.height * f0);
  await page.mouse.down();
  await page.mouse.move(x, box.y + box.height * ((f0 + f1) / 2), { steps: 4 });
  await page.mouse.move(x, box.y + box.height * f1, { steps: 4 });
  await page.mouse.up();
}

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).origin === new URL(page.url() || r.url()).origin) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

test('the front over three objectives: N-D marks on the plane, parallel coordinates whose brush filters the table, a keyboard tooltip', async ({
  page,
  request,
}) => {
  const run = await threeObjectiveRun(request);
  await page.setViewportSize({ width: 1400, height: 1100 });
  await page.goto(`/runs/${run.id}`);
  const plane = page.getByTestId('front-plane');
  await expect(plane.locator('[data-testid="plane-marks"] circle')).toHaveCount(8);
  // Six points are Pareto-optimal over the three objectives; fewer in accuracy × calls alone.
  await expect(plane).toHaveAttribute('data-front-size', '6');
  expect(Number(await plane.getAttribute('data-projection-front-size'))).toBeLessThan(6);
  await expect(plane.getByTestId('legend-staircase')).toContainText('front of these two objectives only');
  await expect(plane.locator('circle[data-dominated="false"]')).toHaveCount(6);

  // Keyboard: focus the plane, walk the front with the arrow keys.
  await plane.getByTestId('plane-svg').focus();
  await page.keyboard.press('ArrowRight');
  const tip = plane.getByTestId('plane-tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText("on the run's front");
  await expect(tip).toContainText('tokens:');
  await page.keyboard.press('End');
  await expect(tip).toContainText('accuracy: 0.95');
  await page.keyboard.press('Escape');
  await expect(tip).toHaveCount(0);

  // Parallel coordinates of the front; brushing the top of the accuracy axis keeps the most accurate points.
  const card = page.getByTestId('card-front-coordinates');
  await card.scrollIntoViewIfNeeded();
  await expect(card.getByTestId('pc-axis')).toHaveCount(4);
  await expect(card.getByTestId('front-table-row')).toHaveCount(6);
  await brush(page, 'pc-brush-accuracy', 0.02, 0.35);
  await expect(card.getByTestId('front-table-count')).toContainText('of 6 front points inside the brushes');
  const kept = await card.getByTestId('front-table-row').count();
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThan(6);
  for (const row of await card.getByTestId('front-table-row').all()) {
    const acc = Number((await row.locator('td').nth(2).textContent()) ?? 'NaN');
    expect(acc).toBeGreaterThanOrEqual(0.8);
  }
  await expect(card.getByTestId('front-pc')).toHaveAttribute('data-selected', String(kept));
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/run-front-brushed.png`, fullPage: true });
  await card.getByTestId('pc-clear').click();
  await expect(card.getByTestId('front-table-row')).toHaveCount(6);
});

test('parameter analysis of a three-run experiment: one axis per knob, importance computed on the server, brushing filters the runs', async ({
  page,
  request,
}) => {
  const exp = `e2e knobs ${Date.now()}`;
  const configs = [
    { algorithm: 'grpo', learningRate: 1e-4, groupSize: 4, final: [0.5, 1.8, 30] },
    { algorithm: 'paretopo', learningRate: 2e-4, groupSize: 8, final: [0.7, 1.2, 25] },
    { algorithm: 'static', learningRate: 4e-4, groupSize: 16, final: [0.8, 0.9, 20] },
  ];
  for (const [k, c] of configs.entries()) {
    const { run } = await ok(
      request.post('/api/runs', {
        data: {
          name: `${c.algorithm}-calc-s0`,
          environment: 'calc',
          algorithm: c.algorithm,
          seed: k,
          objectives: OBJECTIVES,
          experiment: exp,
          config: { learningRate: c.learningRate, groupSize: c.groupSize, evalSize: 64 },
        },
      }),
    );
    await ok(
      request.post(`/api/runs/${run.id}/eval-points`, {
        data: {
          batchId: 'e',
          records: [
            { step: 0, objectives: [0.4, 2, 40] },
            { step: 10, objectives: c.final },
          ],
        },
      }),
    );
    await ok(request.post(`/api/runs/${run.id}/finish`, { data: { status: 'finished' } }));
  }
  await page.setViewportSize({ width: 1400, height: 1100 });
  const errors = watchErrors(page);
  await page.goto(`/experiments/${encodeURIComponent(exp)}`);
  const card = page.getByTestId('card-parameters-calc');
  await card.scrollIntoViewIfNeeded();
  const knobAxes = card.locator('[data-testid="pc-axis"][data-axis^="knob."]');
  await expect(knobAxes).toHaveCount(3);
  expect(await knobAxes.evaluateAll((els) => els.map((e) => e.getAttribute('data-axis')))).toEqual(['knob.algorithm', 'knob.groupSize', 'knob.learningRate']);
  // evalSize is the same for every run: not a knob. Outcomes: three objectives and the hypervolume.
  await expect(card.locator('[data-axis="knob.evalSize"]')).toHaveCount(0);
  await expect(card.locator('[data-testid="pc-axis"][data-axis^="final."]')).toHaveCount(4);
  await expect(card.getByTestId('importance-row')).toHaveCount(3);
  // learningRate and groupSize rise with the final hypervolume: rho = +1, rho^2 = 1.
  await expect(card.locator('[data-testid="importance-row"][data-knob="learningRate"]')).toContainText('ρ² 1.00 (ρ +1.00: higher helps)');
  await expect(card.getByTestId('parameters-row')).toHaveCount(3);
  await brush(page, 'pc-brush-final.hypervolume', 0.0, 0.3);
  await expect(card.getByTestId('parameters-row')).toHaveCount(1);
  await expect(card.getByTestId('parameters-row')).toContainText('static-calc-s0');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/experiment-parameters.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test('dark theme on every page (system setting and the toggle), with no console error or failed request (favicon included)', async ({ browser, request }) => {
  const run = await threeObjectiveRun(request, 'e2e · dark theme');
  const other = await threeObjectiveRun(request, 'e2e · dark theme 2');
  const exp = `e2e dark ${Date.now()}`;
  await ok(
    request.post('/api/runs', { data: { name: 'static-calc-s0', environment: 'calc', algorithm: 'static', seed: 0, objectives: OBJECTIVES, experiment: exp } }),
  );
  const pages: [string, string][] = [
    ['runs', '/'],
    ['new-run', '/runs/new'],
    ['run', `/runs/${run.id}`],
    ['compare', `/compare?runs=${run.id},${other.id}`],
    ['experiments', '/experiments'],
    ['experiment', `/experiments/${encodeURIComponent(exp)}`],
    ['signin', '/signin'],
  ];
  for (const scheme of ['dark', 'light'] as const) {
    const ctx = await browser.newContext({ colorScheme: scheme, viewport: { width: 1300, height: 1000 } });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    for (const [name, path] of pages) {
      await page.goto(path);
      await page.waitForLoadState('networkidle').catch(() => {}); // the run page keeps its event stream open
      if (scheme === 'dark') await expect(page.locator('html')).toHaveClass(/\bdark\b/);
      else await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g)!.map(Number);
      if (scheme === 'dark') expect(r + g + b, `${name}: body ${bg}`).toBeLessThan(120);
      else expect(r + g + b, `${name}: body ${bg}`).toBeGreaterThan(600);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/${scheme}-${name}.png`, fullPage: true });
    }
    // The favicon is served (browsers ask for it on their own; ask explicitly too).
    for (const icon of ['/favicon.ico', '/icon.svg', '/apple-touch-icon.png', '/manifest.webmanifest']) {
      const res = await page.request.get(icon);
      expect(res.status(), icon).toBe(200);
    }
    expect(errors, `${scheme}: ${errors.join('\n')}`).toEqual([]);
    await ctx.close();
  }

  // The toggle overrides the system setting and is remembered.
  const ctx = await browser.newContext({ colorScheme: 'light' });
  const page = await ctx.newPage();
  await page.goto('/');
  const toggle = page.getByTestId('theme-toggle');
  await expect(toggle).toHaveAttribute('data-theme-choice', 'system');
  await toggle.click(); // system → light
  await toggle.click(); // light → dark
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await page.goto(`/runs/${run.id}`);
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await expect(page.getByTestId('theme-toggle')).toHaveAttribute('data-theme-choice', 'dark');
  // Chart ink follows: the axis ticks read a light colour from the dark palette.
  const tick = page.getByTestId('front-plane').locator('.tick text').first();
  await expect(tick).toBeVisible();
  const fill = await tick.evaluate((e) => getComputedStyle(e).fill);
  const [r, g, b] = fill.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeGreaterThan(450);
  await page.getByTestId('theme-toggle').click(); // dark → system (light here)
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);
  await ctx.close();
});
