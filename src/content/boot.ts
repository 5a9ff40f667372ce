/**
 * The part of a content script every matched page pays for: detect the page
 * from its URL and, only when it is one of ours, load the rest. Each
 * feature runs under an AbortSignal that fires when the extension is
 * reloaded under the page (or, for the overlay, when the page is no longer
 * one it shows), which takes its listeners and UI away with it.
 */
import { isAeHost, isSalesforceHost } from '../core/hosts';
import type { DetectedPage } from '../core/page-detect';

// Timeline marks for the benchmark (npm run bench); they cost nothing measurable.
performance.mark('optout-sync-guard:start');

/** The extension is still there (`chrome.*` directly: the polyfill would cost every page 10 KB here). */
export function extensionAlive(): boolean {
  try {
    return Boolean(chrome.runtime?.id);
  } catch {
    return false;
  }
}

/**
 * Aborted once the extension is gone from under this page (reloaded or
 * updated). A content script gets no event for that; it is noticed when the
 * page becomes visible again or a message to the worker fails.
 */
export const extensionLifetime = new AbortController();
export function checkExtension(): boolean {
  if (!extensionAlive()) extensionLifetime.abort();
  return !extensionLifetime.signal.aborted;
}
document.addEventListener('visibilitychange', checkExtension, { signal: extensionLifetime.signal });

/**
 * A frame runs the extension only inside pages of the family: an AE page
 * framed by any other site (which could dress it up or click it) gets
 * nothing. The worker checks the same for every message.
 */
export function framedByFamily(): boolean {
  if (window.top === window) return true;
  const ancestors = [...(location.ancestorOrigins ?? [])].map((origin) => {
    try {
      return new URL(origin).hostname;
    } catch {
      return '';
    }
  });
  return ancestors.length > 0 && ancestors.every((host) => isAeHost(host) || isSalesforceHost(host));
}

/** Calls `run` once the page is visible: work for the admin's eyes waits until someone can see it. */
export function whenVisible(run: () => void, signal: AbortSignal): void {
  if (document.visibilityState === 'visible') return run();
  const onChange = (event: Event) => {
    if (!event.isTrusted || document.visibilityState !== 'visible') return;
    document.removeEventListener('visibilitychange', onChange);
    run();
  };
  document.addEventListener('visibilitychange', onChange, { signal });
}

type OverlayModule = typeof import('./overlay');
let overlay: Promise<OverlayModule> | null = null;
let shown: { controller: AbortController; page: DetectedPage } | null = null;
/** The page the admin hid the overlay on ("Hide for this page"); another record shows it again. */
let hiddenOn: string | null = null;

const pageKey = (page: DetectedPage) => JSON.stringify(page);

/** Shows the overlay for `page` (reusing it across Lightning's in-place navigation), or takes it away for null. */
export function showOverlay(page: DetectedPage | null): void {
  if (!page || !checkExtension() || pageKey(page) === hiddenOn) {
    shown?.controller.abort();
    shown = null;
    return;
  }
  hiddenOn = null;
  if (!shown || shown.controller.signal.aborted) {
    const controller = new AbortController();
    extensionLifetime.signal.addEventListener('abort', () => controller.abort(), { once: true });
    shown = { controller, page };
  }
  const current = shown;
  current.page = page;
  overlay ??= import('./overlay');
  whenVisible(() => {
    void overlay?.then((module) => {
      if (shown !== current) return;
      module.mountOverlay(current.page, current.controller.signal, () => {
        hiddenOn = pageKey(current.page);
        current.controller.abort();
        if (shown === current) shown = null;
      });
    });
  }, current.controller.signal);
}

/**
 * Lightning changes records with history.pushState, which a content script's
 * isolated world cannot hook; the Navigation API's events reach every world.
 */
export function onUrlChange(callback: (url: string) => void, signal: AbortSignal): void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    callback(last);
  };
  const navigation = (window as { navigation?: EventTarget }).navigation;
  if (navigation) navigation.addEventListener('currententrychange', check, { signal });
  else {
    const timer = setInterval(check, 1000);
    signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  }
  window.addEventListener('popstate', check, { signal });
}
