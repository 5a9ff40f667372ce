/**
 * What the content scripts share on a page that is one of ours. Each feature
 * runs under a Lifetime (lifetime.ts) that ends when the extension is
 * reloaded under the page (or, for the overlay, when the page is no longer
 * one it shows), which takes its listeners and UI away with it.
 */
import { hostOfUrl, isFamilyHost } from '../core/hosts';
import type { AePageState } from '../core/messages';
import type { DetectedPage } from '../core/page-detect';
import { checkExtension, extensionLifetime, type Lifetime } from './lifetime';

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
function whenVisible(run: () => void, lifetime: Lifetime): void {
  if (document.visibilityState === 'visible') return run();
  const onChange = (event: Event) => {
    if (!event.isTrusted || document.visibilityState !== 'visible') return;
    document.removeEventListener('visibilitychange', onChange);
    run();
  };
  lifetime.on(document, 'visibilitychange', onChange);
}

// On a page that is one of ours, the extension's end is also noticed when the admin comes back to it.
extensionLifetime.on(document, 'visibilitychange', checkExtension);

type OverlayModule = typeof import('./overlay');
let overlay: Promise<OverlayModule> | null = null;
let shown: { lifetime: Lifetime; page: DetectedPage } | null = null;
/** The page the admin hid the overlay on ("Hide for this page"); another record shows it again. */
let hiddenOn: string | null = null;

const pageKey = (page: DetectedPage) => JSON.stringify(page);

/**
 * Shows the overlay for `page` (reusing it across Lightning's in-place navigation), or takes it away
 * for null. On an AE prospect page, `readPage` is the page's reader, which the AE entry already holds
 * (the overlay sends what the page shows with each request).
 */
export function showOverlay(page: DetectedPage | null, readPage?: () => AePageState): void {
  if (!page || !checkExtension() || pageKey(page) === hiddenOn) {
    shown?.lifetime.end();
    shown = null;
    return;
  }
  hiddenOn = null;
  if (!shown || shown.lifetime.ended) shown = { lifetime: extensionLifetime.child(), page };
  const current = shown;
  current.page = page;
  overlay ??= import('./overlay');
  whenVisible(() => {
    void overlay?.then((module) => {
      if (shown !== current) return;
      module.mountOverlay(
        current.page,
        current.lifetime,
        () => {
          hiddenOn = pageKey(current.page);
          current.lifetime.end();
          if (shown === current) shown = null;
        },
        readPage,
      );
    });
  }, current.lifetime);
}
