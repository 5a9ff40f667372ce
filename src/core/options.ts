import type { ExtensionOptions } from './messages';

/** How long the page writer gives an AE page to load and answer: AE pages are slow, and a hidden tab slower. */
export const PAGE_LOAD_SECONDS = 30;

/** The options a fresh install starts with: the connector's ~2-minute sync, checked every 30 s (Chrome's alarm minimum). */
export const DEFAULT_OPTIONS: ExtensionOptions = {
  syncIntervalSeconds: 120,
  marginSeconds: 30,
  pollSeconds: 30,
  maxAttempts: 3,
  confirmationExpiryMinutes: 15,
  pageLoadSeconds: PAGE_LOAD_SECONDS,
  oauthClientId: '',
  oauthLoginHost: '',
  businessUnitId: null,
};
