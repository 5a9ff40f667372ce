import { showOverlayFor } from './boot';

// Classic AE pages reload on every navigation, and inside the AE Lightning
// app this runs in the pi.pardot.com frame (all_frames in the manifest).
showOverlayFor(location.href, ['pardot-prospect']);
