'use client';
/**
 * The live run: the feed's history as one snapshot (GET /api/runs/:id/events/snapshot,
 * evaluation points in columns), then one EventSource on GET /api/runs/:id/events
 * from the snapshot's cursor, merged into state.
 *
 * Both read the same ordered feed (the snapshot is its prefix up to `cursor`,
 * the stream continues after it), so the initial history and every later step
 * arrive through one cursor: no gap and no duplicate between snapshot and tail
 * (metric, eval and frontier events carry their full rows). The browser's EventSource reconnects by
 * itself with Last-Event-ID. Events are applied in batches (one React update
 * per ~50 ms), so a replay of thousands of steps is one render, not thousands.
 */
import { useEffect, useState } from 'react';
import type { RunView } from '../contract/run-view';
import { FEED_EVENT_NAMES } from '../contract/run-events';
import { fetchFeedSnapshot, runEventFromWire, type EvalPoint, type Frontier, type MetricPoint, type RunEventMessage } from './wire';

export interface LiveRun {
  run: RunView;
  metrics: MetricPoint[];
  evalPoints: EvalPoint[];
  frontiers: Frontier[];
  /** Id of the last event applied (the cursor). */
  lastEventId: number;
  connected: boolean;
  /** True once the replay of the feed has caught up with the tail at least once. */
  loaded: boolean;
}

export function applyRunEvents(state: LiveRun, events: readonly RunEventMessage[]): LiveRun {
  if (events.length === 0) return state;
  let { run, metrics, evalPoints, frontiers, lastEventId } = state;
  let metricsCopied = false;
  for (const e of events) {
    if (e.id <= lastEventId) continue; // already applied
    lastEventId = e.id;
    if (e.kind === 'metric') {
      if (!metricsCopied) {
        metrics = metrics.slice();
        metricsCopied = true;
      }
      const m = e.metric;
      const last = metrics[metrics.length - 1];
      if (!last || m.step > last.step) metrics.push(m);
      else {
        const at = metrics.findIndex((x) => x.step >= m.step);
        if (metrics[at].step === m.step) metrics[at] = m;
        else metrics.splice(at, 0, m);
      }
      if (run.lastStep === null || m.step >= run.lastStep) {
        run = { ...run, lastStep: m.step, latestHypervolume: m.hypervolume ?? run.latestHypervolume };
      }
    } else if (e.kind === 'eval' || e.kind === 'evals') {
      if (evalPoints === state.evalPoints) evalPoints = evalPoints.slice();
      if (e.kind === 'eval') evalPoints.push(e.point);
      else for (const p of e.points) evalPoints.push(p);
    } else if (e.kind === 'frontier') {
      frontiers = frontiers === state.frontiers ? [...frontiers, e.frontier] : (frontiers.push(e.frontier), frontiers);
    } else if (e.kind === 'status') {
      run = {
        ...run,
        status: e.status,
        error: e.error,
        ...(e.cancelRequested ? { cancelRequestedAt: run.cancelRequestedAt ?? new Date() } : {}),
        ...(e.status === 'queued' ? { cancelRequestedAt: null } : {}),
      };
    }
  }
  return { ...state, run, metrics, evalPoints, frontiers, lastEventId };
}

/** A run's page state before any event of its feed. */
export function emptyLiveRun(run: RunView): LiveRun {
  return { run, metrics: [], evalPoints: [], frontiers: [], lastEventId: 0, connected: false, loaded: false };
}

export function useRunEvents(initialRun: RunView): LiveRun {
  const [state, setState] = useState<LiveRun>(() => emptyLiveRun(initialRun));
  const runId = initialRun.id;

  useEffect(() => {
    const ctl = new AbortController();
    let source: EventSource | null = null;
    let queue: RunEventMessage[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const batch = queue;
      queue = [];
      // `loaded` once a flush finds the stream idle: the replay has caught up.
      setState((s) => ({ ...applyRunEvents(s, batch), loaded: true, connected: true }));
    };
    const onEvent = (ev: MessageEvent<string>) => {
      const msg = runEventFromWire(ev.type, Number(ev.lastEventId), ev.data);
      if (msg) queue.push(msg);
      timer ??= setTimeout(flush, queue.length > 1 ? 50 : 16);
    };
    const tail = (after: number) => {
      if (ctl.signal.aborted) return;
      source = new EventSource(`/api/runs/${encodeURIComponent(runId)}/events${after ? `?after=${after}` : ''}`);
      for (const k of FEED_EVENT_NAMES) source.addEventListener(k, onEvent as EventListener);
      // Unchanged state when already connected: no render (one would restart the plane's deferred render).
      source.onopen = () => setState((s) => (s.connected ? s : { ...s, connected: true }));
      source.onerror = () => setState((s) => ({ ...s, connected: false }));
    };
    // The history first, as one snapshot (evaluation points in columns), then
    // the stream from its cursor. If the snapshot fails, the stream replays
    // from wherever the snapshot got to: the same events either way.
    // One state update for the whole history (every update restarts the
    // plane's deferred render, which costs ~0.3 s at 50,000 points).
    let after = 0;
    void (async () => {
      const history: RunEventMessage[] = [];
      try {
        for (;;) {
          const page = await fetchFeedSnapshot(runId, after, ctl.signal);
          after = page.cursor;
          for (const m of page.messages) history.push(m);
          if (page.nextCursor === null) break;
        }
        setState((s) => ({ ...applyRunEvents(s, history), loaded: true, connected: true }));
      } catch (err) {
        if ((err as Error).name === 'AbortError') return;
        console.warn('run feed snapshot:', (err as Error).message);
        if (history.length) setState((s) => applyRunEvents(s, history)); // the pages that did arrive
      }
      tail(after);
    })();
    // A run without events yet is loaded as soon as the stream opens.
    const idle = setTimeout(() => setState((s) => (s.loaded ? s : { ...s, loaded: true })), 1500);
    return () => {
      ctl.abort();
      source?.close();
      clearTimeout(idle);
      if (timer) clearTimeout(timer);
    };
  }, [runId]);

  return state;
}
