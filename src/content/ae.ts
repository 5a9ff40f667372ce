import { detectPage } from '../core/page-detect';
import { showOverlayFor } from './boot';

// Classic AE pages reload on every navigation, and inside the AE Lightning
// app this runs in the pi.pardot.com frame (all_frames in the manifest).
const page = detectPage(location.href);
if (page?.kind === 'ae-prospect') showOverlayFor(location.href, ['ae-prospect']);
else if (page?.kind === 'ae-connector-settings' || page?.kind === 'ae-field-settings') {
  void import('./settings-main').then((module) => module.reportSettings(page));
}
