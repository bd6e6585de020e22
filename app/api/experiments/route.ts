import { listExperiments } from '@/lib/db';
import { route } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

/** GET /api/experiments → { experiments: [{ name, description, createdAt, runs, environments, algorithms }] }, newest first. */
export const GET = route(async () => ({ experiments: await listExperiments() }));
