import browser from 'webextension-polyfill';
import type messages from '../../public/_locales/en/messages.json';

/** Every key exists in both locales (test/unit/locales.test.ts checks it). */
export type MessageKey = keyof typeof messages;

export function t(key: MessageKey, ...substitutions: string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
