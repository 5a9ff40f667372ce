import type messages from '../../public/_locales/en/messages.json';

/** Every key exists in both locales (test/unit/build/locales.test.ts checks it). */
export type MessageKey = keyof typeof messages;

/**
 * The message in the browser's language. `chrome.*` directly, here and in every content script:
 * webextension-polyfill would add 3 KB (gzipped) to each page the overlay is on, and on Chrome
 * these calls already return promises.
 */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return chrome.i18n.getMessage(key, substitutions) || key;
}

/**
 * The language the messages are shown in, for `lang` attributes: Chrome picks the messages for the
 * browser's language when the extension has them and English otherwise, so `getUILanguage()` alone
 * would call English text French in a French browser.
 */
export const messagesLanguage = (): string => chrome.i18n.getMessage('lang') || 'en';

/** Items as a list in the messages' language: "A, B" in English, 「A、B」 in Japanese. */
export const listOf = (items: readonly string[]): string =>
  new Intl.ListFormat(messagesLanguage(), { style: 'narrow' }).format(items);
