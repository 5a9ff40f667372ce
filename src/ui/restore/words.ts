/** How the Restore page's parts name a state or a problem, and a duration, in the admin's words. */
import type { MessageKey } from '../i18n';

/** The message for `value` (a state, a verdict, a problem) under a key's prefix: `rowState_` + `not-found`. */
export const key = (prefix: string, value: string) => `${prefix}${value.replace(/-/g, '_')}` as MessageKey;

/** Whole minutes, at least one. */
export const minutes = (ms: number) => String(Math.max(1, Math.ceil(ms / 60_000)));
