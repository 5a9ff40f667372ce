/**
 * On an AE page whose path may be ours: a prospect page gets the page agent
 * and the overlay, a settings page is read. Classic AE pages reload on every
 * navigation, so this runs once per page.
 */
import { detectPage } from '../core/page-detect';
import { startAgent } from './ae-agent';
import { readProspectPage } from './ae-read';
import { framedByFamily, showOverlay } from './boot';
import { extensionLifetime } from './lifetime';

export function run(): void {
  const page = detectPage(location.href);
  if (!page) return;
  if (!framedByFamily()) {
    // Framed by a site outside the family: nothing runs. The mark says why, in DevTools' timeline.
    performance.mark('optout-sync-guard:framed-by-another-site');
    return;
  }
  if (page.kind === 'ae-prospect') {
    startAgent(page, extensionLifetime.signal);
    showOverlay(page, readProspectPage);
  } else if (page.kind === 'ae-connector-settings' || page.kind === 'ae-field-settings') {
    void import('./settings-main').then((module) => module.reportSettings(page));
  }
}
