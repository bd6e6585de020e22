/**
 * The issue-11 routes over real HTTP on SQLite and PostgreSQL: notes and tags
 * (PATCH, 4xx naming the field, search), server-computed hypervolume (the
 * client-sent value kept apart), the compare view and experiments.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../support/databases';
import { useNextServer } from '../support/next-server';
import { runInput } from '../support/fixtures';
import { mintToken } from '../support/auth';

describe.each(DATABASES)('compare, experiments, notes and tags on %s', (provider) => {
  const next = useNextServer(provider);
  // PostgreSQL servers run in team mode: this suite acts as a writer that owns its runs.
  let auth: Record<string, string> = {};
  beforeAll(async () => {
    auth = (await mintToken(next.get(), 'writer')).headers;
  });

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(next.get().url + path, {
      method,
      headers: { 'content-type': 'application/json', ...auth },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };
  async function newRun(overrides = {}) {
    const res = await call('POST', '/api/runs', runInput(overrides));
    expect(res.status).toBe(201);
    return res.json.run as { id: string };
  }
  const post = async (path: string, body: unknown) => expect((await call('POST', path, body)).status).toBe(200);

  it('edits notes and tags; bad input is a 4xx naming the field and changes nothing; search finds name, notes and tags', async () => {
    const run = await newRun({ name: 'Alpha sweep', tags: ['old'] });
    const ok = await call('PATCH', `/api/runs/${run.id}`, { notes: '# Why\nLower **KL**, see <script>x</script>', tags: ['Baseline', 'kl-0.01', 'kl-0.01'] });
    expect(ok.status).toBe(200);
    expect(ok.json.run).toMatchObject({ notes: '# Why\nLower **KL**, see <script>x</script>', tags: ['Baseline', 'kl-0.01'] });

    for (const [body, field] of [
      [{ tags: ['has space'] }, 'tags[0]'],
      [{ notes: 5 }, 'notes'],
      [{ notes: 'x'.repeat(10_001) }, 'notes'],
      [{ tagz: ['a'] }, 'tagz'],
    ] as const) {
      const bad = await call('PATCH', `/api/runs/${run.id}`, body);
      expect(bad.status, JSON.stringify(bad.json)).toBe(422);
      expect(bad.json.error).toContain(field);
    }
    expect((await call('PATCH', `/api/runs/${run.id}`, {})).status).toBe(422);
    expect((await call('PATCH', '/api/runs/nope', { notes: 'x' })).status).toBe(404);
    const after = (await call('GET', `/api/runs/${run.id}`)).json.run;
    expect(after.tags).toEqual(['Baseline', 'kl-0.01']);
    expect(after.notes).toContain('Lower **KL**');

    const other = await newRun({ name: 'Beta' });
    const ids = async (q: string) => (await call('GET', `/api/runs?q=${encodeURIComponent(q)}&limit=200`)).json.runs.map((r: { id: string }) => r.id);
    expect(await ids('alpha')).toEqual([run.id]); // name, any case
    expect(await ids('lower **kl')).toEqual([run.id]); // notes
    expect(await ids('baseline')).toEqual([run.id]); // tag
    expect(await ids('beta')).toEqual([other.id]);
    expect(await ids('zzz-none')).toEqual([]);
    expect((await call('PATCH', `/api/runs/${run.id}`, { notes: null })).json.run.notes).toBeNull();
  });

  it('hypervolume is computed from evaluation points and references; the client-sent value is kept apart', async () => {
    const run = await newRun({ name: 'hv' });
    await post(`/api/runs/${run.id}/steps`, { batchId: 's', records: [{ step: 5, hypervolume: 39.2 }] });
    await post(`/api/runs/${run.id}/eval-points`, {
      batchId: 'e',
      records: [
        { step: 0, objectives: [0.5, 2] },
        { step: 5, objectives: [0.25, 1] },
        { step: 5, objectives: [0.75, 3] },
      ],
    });
    // objectives: accuracy ↑ (ref 0), tool_calls ↓ (ref 4)
    const hv = await call('GET', `/api/runs/${run.id}/hypervolume`);
    expect(hv.status).toBe(200);
    expect(hv.json.clientReported).toBe(39.2);
    expect(hv.json.hypervolume.steps).toEqual([0, 5]);
    expect(hv.json.hypervolume.atStep[0]).toBeCloseTo(1, 12);
    expect(hv.json.hypervolume.final).toBeCloseTo(0.75 + 0.5, 12);
    expect(hv.json.hypervolume.latest).toBeCloseTo(1.5, 12);
    const listed = (await call('GET', '/api/runs?q=hv')).json.runs[0];
    expect(listed.latestHypervolume).toBe(39.2);
    expect(listed.evaluation.hypervolume).toBeCloseTo(1.5, 12);
    expect(listed.evaluation.finalMeans).toEqual({ accuracy: 0.5, tool_calls: 2 });
    expect((await call('GET', '/api/runs/nope/hypervolume')).status).toBe(404);
  });

  it('compares 2–20 runs with indicators against the union front', async () => {
    const a = await newRun({ name: 'cmp-a' });
    const b = await newRun({ name: 'cmp-b' });
    await post(`/api/runs/${a.id}/eval-points`, {
      batchId: 'e',
      records: [
        { step: 0, objectives: [0.2, 1] },
        { step: 10, objectives: [0.6, 1] },
      ],
    });
    await post(`/api/runs/${b.id}/eval-points`, { batchId: 'e', records: [{ step: 10, objectives: [0.8, 2] }] });
    await post(`/api/runs/${b.id}/steps`, { batchId: 's', records: [{ step: 10, wallTime: 12.5, objectiveMeans: { accuracy: 0.7 }, weights: [0.4, 0.6] }] });
    const res = await call('GET', `/api/compare?runs=${a.id},${b.id}`);
    expect(res.status).toBe(200);
    expect(res.json.runs.map((r: any) => r.run.id)).toEqual([a.id, b.id]);
    expect(res.json.shared.map((o: any) => o.name)).toEqual(['accuracy', 'tool_calls']);
    expect(res.json.runs[1].metrics).toEqual({ steps: [10], wallTime: [12.5], means: { accuracy: [0.7], tool_calls: [null] }, weights: [[0.4, 0.6]] });
    expect(res.json.runs[0].points).toEqual({ split: 'test', steps: [0, 10], values: [0.2, 1, 0.6, 1] });
    expect(res.json.runs[0].hypervolume.archive).toHaveLength(2);
    const [ia, ib] = res.json.indicators;
    // union front of the final evaluations: (0.6, 1) and (0.8, 2), one from each run
    expect(res.json.unionFront).toHaveLength(2);
    expect(ia).toMatchObject({ runId: a.id, finalStep: 10 });
    expect(ia.igdPlus).toBeCloseTo((0 + 0.2) / 2, 12); // misses (0.8, 2) by 0.2 accuracy
    expect(ia.epsilonAdditive).toBeCloseTo(0.2, 12);
    expect(ib.igdPlus).toBeCloseTo((1 + 0) / 2, 12); // misses (0.6, 1) by one call
    expect(ib.epsilonAdditive).toBeCloseTo(1, 12);
    expect(ia.finalHypervolume).toBeCloseTo(0.6 * 3, 12);

    const one = await call('GET', `/api/compare?runs=${a.id}`);
    expect(one.status).toBe(400);
    expect(one.json.error).toContain('runs');
    expect((await call('GET', `/api/compare?runs=${a.id},${a.id}`)).status).toBe(400);
    expect((await call('GET', `/api/compare?runs=${Array.from({ length: 21 }, (_, i) => `r${i}`).join(',')}`)).status).toBe(400);
    const missing = await call('GET', `/api/compare?runs=${a.id},nope`);
    expect(missing.status).toBe(404);
    expect(missing.json.error).toContain('nope');
  });

  it('groups an experiment by task × method and builds the reproduction table', async () => {
    const exp = 'repro quick 1';
    for (const [method, seed, acc] of [
      ['grpo', 0, 0.5],
      ['grpo', 1, 0.7],
      ['paretopo', 0, 0.6],
    ] as const) {
      const r = await newRun({
        name: `${method}-calc-s${seed}`,
        algorithm: method,
        seed,
        experiment: exp,
        objectives: [
          { name: 'accuracy', direction: 'maximize', reference: 0 },
          { name: 'tool_calls', direction: 'minimize', reference: 3 },
          { name: 'tokens', direction: 'minimize', reference: 40 },
        ],
      });
      await post(`/api/runs/${r.id}/eval-points`, {
        batchId: 'e',
        records: [
          { step: 0, objectives: [0.4, 2, 10] },
          { step: 30, objectives: [acc, 1, 9] },
        ],
      });
      await post(`/api/runs/${r.id}/finish`, { status: 'finished' });
    }
    const list = await call('GET', '/api/experiments');
    expect(list.json.experiments.find((e: any) => e.name === exp)).toMatchObject({ runs: 3, environments: ['calc'], algorithms: ['grpo', 'paretopo'] });
    const res = await call('GET', `/api/experiments/${encodeURIComponent(exp)}`);
    expect(res.status).toBe(200);
    const e = res.json.experiment;
    expect(e.groups.map((g: any) => `${g.environment}/${g.method}/${g.runs.length}`)).toEqual(['calc/grpo/2', 'calc/paretopo/1']);
    const grpo = e.table.find((r: any) => r.method === 'grpo');
    expect(grpo).toMatchObject({ env: 'calc', n: 2, accuracy: [0.5, 0.7], toolCalls: [1, 1] });
    // HV of the final point (acc, 1 call) against (0, 3), over the 1 × 3 box
    expect(grpo.hvFinal[0]).toBeCloseTo((0.5 * 2) / 3, 12);
    expect(e.tableCsv.split('\n')[0]).toMatch(/^task,method,seeds,accuracy_mean/);
    // Parameter analysis: the knob that varies (algorithm; seeds are replicates), outcomes and importance, computed by the server.
    const [task] = e.parameters;
    expect(task.environment).toBe('calc');
    expect(task.knobs.map((k: any) => k.key)).toEqual(['algorithm']);
    expect(task.outcomes.map((o: any) => o.key)).toEqual(['final.accuracy', 'final.tool_calls', 'final.tokens', 'final.hypervolume']);
    const hvOut = task.outcomes.find((o: any) => o.key === 'final.hypervolume');
    // final step (acc, 1 call, 9 tokens) against the reference (0, 3, 40): acc × 2 × 31, runs in creation order
    hvOut.values.forEach((v: number, k: number) => expect(v).toBeCloseTo([0.5, 0.7, 0.6][k] * 2 * 31, 9));
    expect(task.importance[0].score).toBe(0); // grpo's mean rank (1 + 3) / 2 equals paretopo's 2: algorithm explains none of it
    expect(task.importance).toEqual([expect.objectContaining({ key: 'algorithm', method: 'rank-eta2', n: 3 })]);
    expect((await call('GET', '/api/experiments/none-such')).status).toBe(404);
  });
});
