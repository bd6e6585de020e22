import { getRunOrThrow } from '@/lib/db';
import { route } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

/** GET /api/runs/:id */
export const GET = route<{ id: string }>(async (_req, { id }) => ({ run: await getRunOrThrow(id) }));
