import { listHypervolumeHistories } from '@/lib/db';
import { parseQuery, route } from '@/lib/api/handler';
import { SparklinesQuery } from '@/lib/contract/read-queries';
import { lttbIndices } from '@/lib/charts/lttb';

export const dynamic = 'force-dynamic';

/**
 * GET /api/runs/sparklines?ids=a,b&points=48 — each run's hypervolume history,
 * downsampled with LTTB to at most `points` points: { series: { [id]: { steps, values, total } } }.
 * Unknown ids get an empty series.
 */
export const GET = route(async (req) => {
  const q = parseQuery(SparklinesQuery, req);
  const histories = await listHypervolumeHistories([...new Set(q.ids)]);
  const series: Record<string, { steps: number[]; values: number[]; total: number }> = {};
  for (const [id, h] of histories) {
    const keep = lttbIndices(h.steps, h.values, q.points);
    series[id] = { steps: Array.from(keep, (i) => h.steps[i]), values: Array.from(keep, (i) => h.values[i]), total: h.steps.length };
  }
  return { series };
});
