/**
 * A page on another origin, opened in Chromium, tries every way a web page can
 * send a request to the dashboard (form posts, text/plain, no-cors fetches,
 * a JSON fetch that needs a preflight, DELETE) to create, fail, cancel and
 * delete runs. Nothing may change.
 */
import http from 'node:http';
import { expect, test } from '@playwright/test';

const OBJECTIVES = [
  { name: 'accuracy', direction: 'maximize', reference: 0 },
  { name: 'tool_calls', direction: 'minimize', reference: 4 },
];

function attackPage(target: string, ext: string, builtin: string): string {
  const runJson = JSON.stringify({ name: 'forged by evil', environment: 'calc', algorithm: 'grpo', seed: 1, objectives: OBJECTIVES });
  return `<!doctype html><html><body><h1>cute cats</h1>
<iframe name="sink" style="display:none"></iframe>
<form id="f1" method="POST" action="${target}/api/runs" enctype="text/plain" target="sink"><input name='${runJson.slice(0, -1)}, "x": "' value='"}'></form>
<form id="f2" method="POST" action="${target}/api/runs/${ext}/finish" enctype="application/x-www-form-urlencoded" target="sink"><input name="status" value="failed"><input name="error" value="forged"></form>
<form id="f3" method="POST" action="${target}/api/runs/${builtin}/cancel" target="sink"></form>
<script>
(async () => {
  const results = [];
  const t = ${JSON.stringify(target)};
  const tryIt = async (name, p) => { try { const r = await p; results.push(name + ':' + (r.type === 'opaque' ? 'opaque' : r.status)); } catch (e) { results.push(name + ':blocked'); } };
  await tryIt('no-cors text/plain create', fetch(t + '/api/runs', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(runJson)} }));
  await tryIt('no-cors cancel', fetch(t + '/api/runs/${builtin}/cancel', { method: 'POST', mode: 'no-cors' }));
  await tryIt('no-cors finish', fetch(t + '/api/runs/${ext}/finish', { method: 'POST', mode: 'no-cors', body: '{"status":"failed","error":"forged"}' }));
  await tryIt('cors json create', fetch(t + '/api/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(runJson)} }));
  await tryIt('cors delete', fetch(t + '/api/runs/${ext}?confirm=${ext}', { method: 'DELETE' }));
  for (const id of ['f1', 'f2', 'f3']) { document.getElementById(id).submit(); await new Promise((r) => setTimeout(r, 400)); }
  document.title = 'done ' + results.join(', ');
})();
</script></body></html>`;
}

test('a page on another origin cannot create, fail, cancel or delete anything', async ({ page, request, baseURL }, testInfo) => {
  const ext = (
    await (
      await request.post('/api/runs', { data: { name: 'victim external', environment: 'calc', algorithm: 'grpo', seed: 3, objectives: OBJECTIVES } })
    ).json()
  ).run;
  const builtin = (await (await request.post('/api/runs', { data: { source: 'builtin', name: 'victim builtin', config: { env: 'calc', steps: 400 } } })).json())
    .run;
  const countBefore = (await (await request.get('/api/runs?limit=200')).json()).runs.length;

  // The attacker's site: another port on localhost is another origin.
  const evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(attackPage(baseURL!, ext.id, builtin.id));
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.1', () => r()));
  const port = (evil.address() as { port: number }).port;
  try {
    await page.goto(`http://localhost:${port}/`);
    await expect(page).toHaveTitle(/^done /, { timeout: 30_000 });
    await page.waitForTimeout(1500); // let the form posts land
    const title = await page.title();
    testInfo.annotations.push({ type: 'attack results', description: title });
    console.log(`[e2e] attacker page: ${title}`);
    await page.screenshot({ path: testInfo.outputPath('attacker-page.png') });
  } finally {
    evil.close();
  }

  const runs = (await (await request.get('/api/runs?limit=200')).json()).runs as { name: string }[];
  expect(runs.length).toBe(countBefore);
  expect(runs.some((r) => r.name === 'forged by evil')).toBe(false);
  const extNow = (await (await request.get(`/api/runs/${ext.id}`)).json()).run;
  expect(extNow.status).toBe('running');
  expect(extNow.error).toBeNull();
  const builtinNow = (await (await request.get(`/api/runs/${builtin.id}`)).json()).run;
  expect(['queued', 'running']).toContain(builtinNow.status);
  expect(builtinNow.cancelRequestedAt).toBeNull();

  // The dashboard cannot be framed by that page either.
  const framed = await request.get('/');
  expect(framed.headers()['x-frame-options']).toBe('DENY');
  expect(framed.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

  // And the dashboard's own pages still work: cancel from the run page succeeds (same origin).
  await page.goto(`/runs/${builtin.id}`);
  await page.getByTestId('cancel-run').click();
  await expect
    .poll(
      async () => {
        const r = (await (await request.get(`/api/runs/${builtin.id}`)).json()).run;
        return r.status === 'cancelled' || r.cancelRequestedAt !== null;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
});
