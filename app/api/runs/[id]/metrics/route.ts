import { getRunOrThrow, listMetrics } from '@/lib/db';
import { parseQuery, route } from '@/lib/api/handler';
import { MetricsQuery } from '@/lib/runs';

export const dynamic = 'force-dynamic';

/** GET /api/runs/:id/metrics?after=STEP&limit=N — steps strictly after `after`, ascending. */
export const GET = route<{ id: string }>(async (req, { id }) => {
  const q = parseQuery(MetricsQuery, req);
  await getRunOrThrow(id);
  return { metrics: await listMetrics(id, q) };
});
