/**
 * Issue 11 in Chromium: select three runs from the list, compare them, move the
 * shared slider, switch axes, download the plane as SVG/PNG/CSV and the
 * indicators as CSV (contents checked), click a point and land on that step's
 * trajectories; open an experiment and see one attainment band per method;
 * edit notes (rendered as safe Markdown) and tags, and find the run by them.
 */
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Download, type Page } from '@playwright/test';

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

// Run k: three evaluation points at steps 0, 5, 10 that improve with the step; runs differ by k.
function evalPoints(k: number) {
  return [0, 5, 10].flatMap((s) => [
    { step: s, objectives: [0.3 + 0.03 * s + 0.05 * k, 1.5 - 0.05 * s + 0.1 * k, 20 - s] },
    { step: s, objectives: [0.2 + 0.02 * s + 0.05 * k, 0.8 - 0.03 * s + 0.1 * k, 16 - s] },
  ]);
}

function trajectories(step: number) {
  return Array.from({ length: 8 }, (_, i) => ({
    step,
    group: 0,
    index: i,
    prompt: `(${i} + 7) * 3 =`,
    tokens: [
      { kind: 'call', text: `calc(${i}+7)` },
      { kind: 'tool', text: String(i + 7) },
      { kind: 'answer', text: String((i + 7) * 3) },
    ],
    objectives: [i % 2, 1, 5],
    rank: 1,
    advantage: 0.5,
  }));
}

async function text(d: Download): Promise<string> {
  return fs.readFileSync((await d.path())!, 'utf8');
}

async function download(page: Page, box: ReturnType<Page['getByTestId']>, label: string): Promise<Download> {
  const [d] = await Promise.all([page.waitForEvent('download'), box.getByRole('button', { name: label, exact: true }).click()]);
  return d;
}

test('select three runs, compare, replay, switch axes, export and click through to trajectories', async ({ page, request }, testInfo) => {
  const ids: string[] = [];
  for (let k = 0; k < 3; k++) {
    const { run } = await ok(
      request.post('/api/runs', {
        data: {
          name: `cmp-${k} · calc`,
          environment: 'calc',
          algorithm: k ? 'static' : 'paretopo',
          seed: k,
          objectives: OBJECTIVES,
          tags: ['cmp'],
          totalSteps: 10,
        },
      }),
    );
    ids.push(run.id);
    await ok(
      request.post(`/api/runs/${run.id}/steps`, {
        data: {
          batchId: 'steps',
          records: [0, 5, 10].map((s) => ({
            step: s,
            hypervolume: 100 + s,
            wallTime: s * (2 + k),
            objectiveMeans: { accuracy: 0.3 + 0.02 * s, tool_calls: 1.5 - 0.05 * s, tokens: 20 - s },
            weights: [0.5, 0.3, 0.2],
          })),
        },
      }),
    );
    await ok(request.post(`/api/runs/${run.id}/eval-points`, { data: { batchId: 'eval', records: evalPoints(k) } }));
    await ok(request.post(`/api/runs/${run.id}/trajectories`, { data: { batchId: 'traj-5', records: trajectories(5) } }));
    if (k === 2) await ok(request.post(`/api/runs/${run.id}/finish`, { data: { status: 'finished' } }));
  }

  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/');
  for (let k = 0; k < 3; k++) await page.locator(`tr[data-run-id="${ids[k]}"]`).getByTestId('run-select').check();
  // the list shows the server's hypervolume, the trainer's labelled beside it
  await expect(page.locator(`tr[data-run-id="${ids[0]}"]`).getByTestId('client-hv')).toContainText('trainer: 110');
  await expect(page.locator(`tr[data-run-id="${ids[0]}"]`).getByTestId('server-hv')).not.toHaveText('—');
  await page.getByTestId('compare-button').click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?runs=${ids.join(',')}`));

  const plane = page.getByTestId('compare-plane');
  await expect(plane.locator('path[data-run]')).toHaveCount(3);
  await expect(plane.locator('circle')).toHaveCount(18);
  await expect(page.getByTestId('indicator-row')).toHaveCount(3);
  await expect(page.getByTestId('hv-step-chart').locator('path[data-series]')).toHaveCount(3);
  await expect(page.getByTestId('cross-run-chart').locator('circle')).toHaveCount(3);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/compare.png`, fullPage: true });
  await page.screenshot({ path: testInfo.outputPath('compare.png'), fullPage: true });

  // The shared slider replays every run at once, and the URL keeps it.
  const slider = page.getByTestId('step-slider');
  await slider.fill('0');
  await expect(page.getByTestId('step-label')).toHaveText('0');
  await expect(plane.locator('circle')).toHaveCount(6);
  await expect(page).toHaveURL(/step=0/);
  await slider.fill('1');
  await expect(plane.locator('circle')).toHaveCount(12);

  // Switch the vertical axis to tokens: the URL holds it, the label follows; a reload keeps the view.
  await page.getByTestId('axis-y').selectOption('tokens');
  await expect(page).toHaveURL(/y=tokens/);
  await expect(plane.locator('svg')).toContainText('generated tokens per question');
  await page.reload();
  await expect(page.getByTestId('axis-y')).toHaveValue('tokens');
  await expect(page.getByTestId('step-label')).toHaveText('5');
  await expect(plane.locator('circle')).toHaveCount(12);
  await page.getByTestId('axis-y').selectOption('tool_calls');
  await slider.fill('2');
  await expect(plane.locator('circle')).toHaveCount(18);

  // Exports: CSV with one row per point drawn, an SVG with one front path per run, a PNG that decodes.
  const exportPlane = page.getByTestId('export-plane');
  const csv = (await text(await download(page, exportPlane, 'CSV'))).trim().split('\n');
  expect(csv[0]).toBe('run_id,run,step,accuracy,tool_calls,dominated');
  expect(csv).toHaveLength(1 + 18);
  expect(new Set(csv.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(ids));
  const svg = await text(await download(page, exportPlane, 'SVG'));
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.match(/<path[^>]*data-run=/g)).toHaveLength(3);
  for (const id of ids) expect(svg).toContain(`data-run="${id}"`);
  expect(svg).toContain('cmp-1 · calc'); // legend drawn into the file
  const png = fs.readFileSync((await (await download(page, exportPlane, 'PNG')).path())!);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const size = await page.evaluate(async (b64) => {
    const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
    const bmp = await createImageBitmap(blob);
    return [bmp.width, bmp.height];
  }, png.toString('base64'));
  expect(size[0]).toBeGreaterThan(400);
  expect(size[1]).toBeGreaterThan(400);
  const ind = (await text(await download(page, page.getByTestId('export-indicators'), 'CSV'))).trim().split('\n');
  expect(ind).toHaveLength(1 + 3);
  expect(ind[0]).toBe('run_id,run,final_step,hv_final_server,hv_archive_server,igd_plus,epsilon_additive');

  // Hover shows run, step and values; a click opens that run at that step's trajectories.
  const point = plane.locator(`circle[data-point-run="${ids[1]}"][data-step="5"]`).first();
  await point.hover({ force: true });
  await expect(page.getByTestId('compare-tooltip')).toContainText('cmp-1 · calc');
  await expect(page.getByTestId('compare-tooltip')).toContainText('step 5');
  await point.click({ force: true });
  await expect(page).toHaveURL(new RegExp(`/runs/${ids[1]}\\?step=5#trajectories`));
  await expect(page.getByTestId('filter-step')).toHaveValue('5');
  await expect(page.getByTestId('trajectory-row')).toHaveCount(8);
});

test('an experiment shows one attainment band per method, the difference of two and the reproduction table', async ({ page, request }, testInfo) => {
  const exp = 'e2e-repro';
  for (const [method, algo] of [
    ['grpo', 'grpo'],
    ['paretopo', 'paretopo'],
  ] as const) {
    for (let seed = 0; seed < 3; seed++) {
      const { run } = await ok(
        request.post('/api/runs', {
          data: { name: `${method}-calc-s${seed}`, environment: 'calc', algorithm: algo, seed, objectives: OBJECTIVES, experiment: exp },
        }),
      );
      const better = method === 'paretopo' ? 0.1 : 0;
      await ok(
        request.post(`/api/runs/${run.id}/eval-points`, {
          data: {
            batchId: 'e',
            records: [0, 10, 20].map((s) => ({ step: s, objectives: [0.3 + better + 0.01 * s + 0.02 * seed, 2 - 0.04 * s - better - 0.1 * seed, 12] })),
          },
        }),
      );
      await ok(request.post(`/api/runs/${run.id}/finish`, { data: { status: 'finished' } }));
    }
  }
  await page.setViewportSize({ width: 1400, height: 1000 });
  await page.goto('/experiments');
  await page.getByTestId('experiment-row').filter({ hasText: exp }).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${exp}`));
  const bands = page.getByTestId('bands-chart-calc');
  await expect(bands.locator('path[data-band]')).toHaveCount(2);
  await expect(bands.locator('path[data-median]')).toHaveCount(2);
  await expect(page.getByTestId('difference-chart').locator('rect[data-diff]').first()).toBeVisible();
  await expect(page.getByTestId('repro-table').locator('tbody tr')).toHaveCount(2);
  // paretopo minus grpo, paired over the 3 seeds: paretopo is 0.1 better in both objectives on every seed
  const paired = page.getByTestId('paired-row');
  await expect(paired).toHaveCount(1);
  await expect(paired).toContainText('grpo');
  await expect(paired).toContainText('3/3');
  await page.getByTestId('pair-a').selectOption('paretopo');
  await expect(page).toHaveURL(/a=paretopo/);
  const table = (await text(await download(page, page.getByTestId('export-table'), 'CSV'))).trim().split('\n');
  expect(table).toHaveLength(1 + 2);
  const bandSvg = await text(await download(page, page.getByTestId('export-bands-calc'), 'SVG'));
  expect(bandSvg.match(/data-band=/g)).toHaveLength(2);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/experiment.png`, fullPage: true });
  await page.screenshot({ path: testInfo.outputPath('experiment.png'), fullPage: true });
});

test('notes render as safe Markdown, tags are editable, both are searchable', async ({ page, request }) => {
  const { run } = await ok(request.post('/api/runs', { data: { name: 'notes-run', environment: 'calc', algorithm: 'grpo', seed: 0, objectives: OBJECTIVES } }));
  await page.goto(`/runs/${run.id}`);
  await page.getByTestId('edit-notes').click();
  await page
    .getByTestId('notes-input')
    .fill('Lower **KL** helped.\n\n<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">\n\n[link](javascript:alert(1))');
  await page.getByTestId('tags-input').fill('has space');
  await page.getByTestId('save-notes').click();
  await expect(page.getByTestId('notes-error')).toContainText('tags[0]');
  await page.getByTestId('tags-input').fill('kl-sweep, notes-e2e');
  await page.getByTestId('save-notes').click();
  const rendered = page.getByTestId('run-notes-rendered');
  await expect(rendered.locator('strong')).toHaveText('KL');
  await expect(rendered.locator('script, img')).toHaveCount(0);
  expect(await rendered.locator('a').getAttribute('href')).not.toContain('javascript');
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByTestId('run-notes')).toContainText('kl-sweep');
  await page.reload();
  await expect(page.getByTestId('run-notes-rendered').locator('strong')).toHaveText('KL');

  await page.goto('/');
  // a tag no other spec uses: the e2e database is shared across specs
  for (const q of ['lower **kl', 'notes-e2e']) {
    await page.getByTestId('runs-search').fill(q);
    await page.getByTestId('runs-search').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === q);
    await expect(page.getByTestId('run-row')).toHaveCount(1);
    await expect(page.getByTestId('run-row')).toContainText('notes-run');
  }
});
