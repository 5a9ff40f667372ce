/**
 * The part of a content script every matched page pays for: detect the page
 * from its URL and, only when it is one of ours, load the overlay.
 */
import { detectPage, type PageKind } from '../core/page-detect';

// Timeline marks for the benchmark (npm run bench); they cost nothing measurable.
performance.mark('optout-sync-guard:start');

type OverlayModule = typeof import('./overlay');
let overlay: Promise<OverlayModule> | null = null;

export function showOverlayFor(url: string, kinds: readonly PageKind[]): void {
  const page = detectPage(url);
  if (page && kinds.includes(page.kind)) {
    overlay ??= import('./overlay');
    void overlay.then((module) => module.showOverlay(page));
  } else if (overlay) {
    void overlay.then((module) => module.hideOverlay());
  }
}

/**
 * Lightning changes records with history.pushState, which a content script's
 * isolated world cannot hook; the Navigation API's events reach every world.
 */
export function onUrlChange(callback: (url: string) => void): void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    callback(last);
  };
  const navigation = (window as { navigation?: EventTarget }).navigation;
  if (navigation) navigation.addEventListener('currententrychange', check);
  else setInterval(check, 1000);
  window.addEventListener('popstate', check);
}
