/** URL of a page of the run's feed snapshot: the same string on the server (preload in the page) and in the client's fetch, so the fetch reuses the preloaded response. */
export const feedSnapshotUrl = (runId: string, after: number) => `/api/runs/${encodeURIComponent(runId)}/events/snapshot?after=${after}`;
