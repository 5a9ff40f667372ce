import type messages from '../../public/_locales/en/messages.json';

/** Every key exists in both locales (test/unit/locales.test.ts checks it). */
export type MessageKey = keyof typeof messages;

/**
 * The message in the browser's language. `chrome.*` directly, here and in every content script:
 * webextension-polyfill would add 3 KB (gzipped) to each page the overlay is on, and on Chrome
 * these calls already return promises.
 */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return chrome.i18n.getMessage(key, substitutions) || key;
}
