/** Query schemas of the live-view read routes (SSE feed, trajectory cloud, sparklines). */
import { z } from 'zod';
import { intParam } from './params';
import { RunId } from './run-log';

/** A RunEvent id: the SSE cursor (also accepted from the Last-Event-ID header). */
export const EventCursor = intParam(0, 2_147_483_647);

export const EventsQuery = z.object({
  /** Only events with an id strictly greater than this one. */
  after: EventCursor.optional(),
});
export type EventsQuery = z.infer<typeof EventsQuery>;

export const TrajectoryPointsQuery = z.object({
  /** Trajectory id to continue after (from `nextCursor`); 0 starts at the beginning. */
  after: intParam(0, 2_147_483_647).default(0),
  limit: intParam(1, 200_000).default(100_000),
});
export type TrajectoryPointsQuery = z.infer<typeof TrajectoryPointsQuery>;

export const SparklinesQuery = z.object({
  ids: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(RunId).min(1).max(200)),
  /** Points per series after downsampling (LTTB). */
  points: intParam(3, 500).default(48),
});
export type SparklinesQuery = z.infer<typeof SparklinesQuery>;

/** Query parameters of the runs list page that filter it (kept in the URL so links are shareable). */
export const RUN_FILTER_KEYS = ['status', 'environment', 'algorithm', 'tag', 'q'] as const;

export const FeedSnapshotQuery = z.object({
  /** Event seq to continue after (the previous page's `nextCursor`); 0 starts at the beginning. */
  after: EventCursor.default(0),
  limit: intParam(1, 200_000).default(100_000),
});
export type FeedSnapshotQuery = z.infer<typeof FeedSnapshotQuery>;
