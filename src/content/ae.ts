/**
 * On Account Engagement's own host (top level, or the frame inside the
 * Account Engagement Lightning app; all_frames in the manifest): a prospect
 * page gets the page agent and the overlay, a settings page is read.
 * Classic AE pages reload on every navigation, so this runs once per page.
 */
import { detectPage } from '../core/page-detect';
import { extensionLifetime, framedByFamily, showOverlay } from './boot';

const page = detectPage(location.href);
if (page && framedByFamily()) {
  if (page.kind === 'ae-prospect') {
    void import('./ae-agent').then((agent) => agent.startAgent(page, extensionLifetime.signal));
    showOverlay(page);
  } else if (page.kind === 'ae-connector-settings' || page.kind === 'ae-field-settings') {
    void import('./settings-main').then((module) => module.reportSettings(page));
  }
}
