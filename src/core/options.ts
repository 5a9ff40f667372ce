import type { ExtensionOptions } from './messages';

/** The options a fresh install starts with: the connector's ~2-minute sync, checked every 30 s (Chrome's alarm minimum). */
export const DEFAULT_OPTIONS: ExtensionOptions = {
  syncIntervalSeconds: 120,
  marginSeconds: 30,
  pollSeconds: 30,
  maxAttempts: 3,
  confirmationExpiryMinutes: 15,
  oauthClientId: '',
  oauthLoginHost: '',
  businessUnitId: null,
};
