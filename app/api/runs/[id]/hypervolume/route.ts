import { getRunOrThrow, serverHypervolumes } from '@/lib/db';
import { route } from '@/lib/api/handler';

export const dynamic = 'force-dynamic';

/**
 * GET /api/runs/:id/hypervolume → { hypervolume: { split, steps, atStep, archive, final, latest, finalMeans }, clientReported }:
 * computed by the server from the run's evaluation points and objective references; `clientReported` is the
 * latest value the run's trainer sent with its steps or frontiers (kept, labelled, never used in place of ours).
 */
export const GET = route<{ id: string }>(async (_req, { id }) => {
  const run = await getRunOrThrow(id);
  const hv = (await serverHypervolumes([run])).get(id)!;
  return { hypervolume: hv, clientReported: run.latestHypervolume };
});
