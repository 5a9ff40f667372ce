/**
 * The overlay's life with the worker and the page: what it asks, when it asks again, and what it
 * tells its host. Every listener and timer here belongs to a child of the overlay's Lifetime, so it
 * stops when the effect is done, the page is no longer one the overlay shows, or the extension is
 * updated under the page.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Lifetime } from '../content/lifetime';
import { AE_LABELS, matchesLabel } from '../core/labels';
import type { JobView, PairStatus, PairWhy, Response } from '../core/messages';
import type { DetectedPage } from '../core/page-detect';

/** What the overlay asks the worker about this page's pair (content/overlay.tsx sends the messages). */
export interface PairWorker {
  /** `fresh`: after the admin's own action, read the pair now rather than as the worker read it lately. */
  status: (fresh?: boolean) => Promise<Response<PairStatus>>;
  /**
   * How the pair got opted out, earlier opt-ins and who undid the last one: the worker reads them.
   * `history`: the admin unfolded the history, which needs the AE page's activity list read too.
   */
  why: (history: boolean) => Promise<Response<PairWhy>>;
  /** Opens the confirmation window (an extension page), where the admin decides. */
  offer: () => Promise<Response<{ window: true } | { job: JobView }>>;
  /** Hears the worker say the pair changed, until the returned function is called. */
  subscribe: (listener: () => void) => () => void;
  openSettings: () => void;
}

/** The overlay's place in the page: its host element and the life it has there. */
export interface OverlayHost {
  /** Ends when the page is no longer one the overlay shows, or the extension is updated under it. */
  lifetime: Lifetime;
  /** Tells the host element the panel's state and the job's (its data-state and data-job). */
  onState: (state: string, job: string) => void;
  onClose: () => void;
  /** On AE pages: a sanitized outline of the page, for a bug report. */
  outline: (() => Promise<string>) | null;
}

/** Refreshes caused by the page (its Save, the tab coming back) wait at least this long after the last. */
const PAGE_REFRESH_GAP_MS = 2_000;

/** While a job runs, the pair is read again this often (when the tab is visible). */
const RUNNING_REFRESH_MS = 5_000;

/** The pair's status as the worker reads it: one request at a time, a refresh asked for meanwhile runs once after it. */
export function usePairStatus(page: DetectedPage, loadStatus: PairWorker['status'], lifetime: Lifetime) {
  const [status, setStatus] = useState<Response<PairStatus> | null>(null);
  const inFlight = useRef(false);
  const again = useRef<{ fresh: boolean } | null>(null);
  const lastRefresh = useRef(0);
  const refresh = useCallback(
    (fresh = false) => {
      if (inFlight.current) {
        again.current = { fresh: fresh || Boolean(again.current?.fresh) };
        return;
      }
      inFlight.current = true;
      lastRefresh.current = Date.now();
      void loadStatus(fresh).then((reply) => {
        inFlight.current = false;
        if (lifetime.ended) return;
        setStatus(reply);
        if (again.current) {
          const next = again.current;
          again.current = null;
          refresh(next.fresh);
        }
      });
    },
    [loadStatus, lifetime],
  );
  // A new page starts from "Checking…".
  useEffect(() => setStatus(null), [page]);
  return { status, refresh, lastRefresh };
}

/**
 * Reads the pair again when the worker says it changed, and after the admin's own Save on the page
 * or return to the tab (coalesced: at most one per gap, the last one always runs).
 */
export function useRefreshOnChanges(
  page: DetectedPage,
  refresh: (fresh?: boolean) => void,
  lastRefresh: { current: number },
  subscribe: PairWorker['subscribe'],
  lifetime: Lifetime,
) {
  useEffect(() => {
    const listening = lifetime.child();
    refresh();
    const unsubscribe = subscribe(refresh);
    let pending = false;
    const fromPage = (event: Event) => {
      // Only the admin's own actions count: a page script's events are not trusted and cost nothing.
      if (!event.isTrusted || document.visibilityState !== 'visible' || pending) return;
      pending = true;
      listening.after(Math.max(0, lastRefresh.current + PAGE_REFRESH_GAP_MS - Date.now()), () => {
        pending = false;
        refresh(true);
      });
    };
    // After the admin saves the record on the page, read the pair again.
    const onClick = (event: Event) => {
      const target = event.target instanceof Element ? event.target.closest('button, input[type="submit"]') : null;
      const text = target?.textContent || (target as HTMLInputElement | null)?.value || '';
      if (matchesLabel(text, [...AE_LABELS.save, ...AE_LABELS.saveProspect]))
        listening.after(1500, () => fromPage(event));
    };
    listening.on(document, 'click', onClick, { capture: true });
    listening.on(document, 'visibilitychange', fromPage);
    return () => {
      unsubscribe();
      listening.end();
    };
  }, [page, refresh, subscribe, lifetime, lastRefresh]);
}

/** While a job runs, the pair is also read every few seconds the tab is visible, besides when the worker says it changed. */
export function useRefreshWhileRunning(running: boolean, refresh: () => void, lifetime: Lifetime) {
  useEffect(() => {
    if (!running) return;
    const polling = lifetime.child();
    polling.every(RUNNING_REFRESH_MS, () => document.visibilityState === 'visible' && refresh());
    return () => polling.end();
  }, [running, refresh, lifetime]);
}

/**
 * Tells the host element what the panel shows (`loading`, `hidden` or the pair's state, and the
 * job's); marks the moment both sides are first shown, for the benchmark.
 */
export function useHostState(host: OverlayHost, status: Response<PairStatus> | null, job: string, hidden: boolean) {
  const { onState } = host;
  useEffect(() => {
    if (hidden) return onState(status === null ? 'loading' : 'hidden', 'idle');
    onState(status === null ? 'loading' : status.ok ? status.value.state : 'error', job);
    if (status?.ok && status.value.prospect && status.value.record) performance.mark('optout-sync-guard:status');
  }, [status, job, onState, hidden]);
}
