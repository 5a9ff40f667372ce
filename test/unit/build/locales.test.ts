import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const load = (locale: string): Messages =>
  JSON.parse(readFileSync(new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
const en = load('en');
const ja = load('ja');

describe('every word the admin sees exists in English and Japanese', () => {
  it('has the same keys in both locales', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty or untranslated Japanese message', () => {
    for (const [key, { message }] of Object.entries(ja)) {
      expect(message.trim(), key).not.toBe('');
      if (/[A-Za-z]{4,} [A-Za-z]{4,} [A-Za-z]{4,}/.test(en[key]?.message ?? '')) {
        expect(message, `${key} looks untranslated`).not.toBe(en[key]?.message);
      }
    }
  });

  it('uses the same placeholders in both locales', () => {
    for (const key of Object.keys(en)) {
      expect(Object.keys(ja[key]?.placeholders ?? {}), key).toEqual(Object.keys(en[key]?.placeholders ?? {}));
    }
  });
});

describe('every error the extension can meet is explained', () => {
  it('has a message for each error code, in both languages', async () => {
    const { ERROR_CODES } = await import('../../../src/core/errors');
    for (const code of ERROR_CODES) {
      const key = `error_${code.replace(/-/g, '_')}`;
      expect(en[key]?.message, key).toBeTruthy();
      expect(ja[key]?.message, key).toBeTruthy();
    }
  });
});

describe('the locale files are the ones scripts/locales.mjs writes from its table', () => {
  it('has not been edited by hand (run `npm run locales` after changing the table)', async () => {
    // @ts-expect-error: a plain ES module script.
    const { differs } = await import('../../../scripts/locales.mjs');
    expect(differs('en')).toBe(false);
    expect(differs('ja')).toBe(false);
  });
});
