/**
 * What the content scripts share on a page that is one of ours. Each feature
 * runs under an AbortSignal that fires when the extension is reloaded under
 * the page (or, for the overlay, when the page is no longer one it shows),
 * which takes its listeners and UI away with it.
 */
import { hostOfUrl, isFamilyHost } from '../core/hosts';
import type { DetectedPage } from '../core/page-detect';

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
  const ancestors = [...(location.ancestorOrigins ?? [])].map(hostOfUrl);
  return ancestors.length > 0 && ancestors.every(isFamilyHost);
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
