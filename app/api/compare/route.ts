import { loadCompareView } from '@/lib/db';
import { parseQuery, route } from '@/lib/api/handler';
import { CompareQuery } from '@/lib/runs';

export const dynamic = 'force-dynamic';

/**
 * GET /api/compare?runs=ID,ID,... (2–20 distinct ids) → { runs: [{ run, points, metrics, hypervolume }], shared, unionFront, indicators }.
 * Hypervolumes are computed here from the evaluation points and each run's objective references.
 */
export const GET = route(async (req) => loadCompareView(parseQuery(CompareQuery, req).runs));
