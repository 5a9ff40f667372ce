/**
 * The Japanese a Japanese admin would write: one name per field, Salesforce's own terms. Two AE
 * fields and one Salesforce field share 「メール送信除外」 in Japanese (AE's Do Not Email and
 * Salesforce's Email Opt Out), so a message that says it bare can tell the admin the opposite of
 * what the extension does.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AE_LABELS, matchesLabel } from '../../../src/core/labels';
import { SYNC_BEHAVIOR_LABELS } from '../../../src/core/sync-behavior-labels';
import { partNames } from '../../../src/ui/status';

type Messages = Record<string, { message: string }>;
const load = (locale: string): Messages =>
  JSON.parse(readFileSync(new URL(`../../../public/_locales/${locale}/messages.json`, import.meta.url), 'utf8'));
const ja = Object.entries(load('ja')).map(([key, { message }]) => [key, message] as const);
const en = Object.entries(load('en')).map(([key, { message }]) => [key, message] as const);

/** Every place `pattern` occurs in a Japanese message, as "key: …context…". */
function occurrences(pattern: RegExp): string[] {
  const found: string[] = [];
  for (const [key, message] of ja) {
    for (const match of message.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))) {
      found.push(`${key}: …${message.slice(Math.max(0, match.index - 12), match.index + match[0].length + 12)}…`);
    }
  }
  return found;
}

describe('Japanese messages use the terms Salesforce and Japanese admins use', () => {
  it.each([
    ['両側', '両方 / 片方'],
    ['片側', '片方'],
    ['サインイン', 'ログイン / ログアウト'],
    ['分かりません', '未確認 / 特定できません'],
    ['分かっている', '確認済み'],
    ['リフレッシュトークン', '更新トークン'],
    ['元記事', 'the public source by name'],
    ['画面を再読み込み', 'ページを再読み込み'],
    ['書き込んでいません', 'どちらのレコードも変更していません'],
    ['何も変更していません', 'どちらのレコードも変更していません'],
    ['あなたの', 'no 「あなたの」'],
  ])('never says 「%s」 (says %s)', (term) => {
    expect(occurrences(new RegExp(term))).toEqual([]);
  });

  it('names Salesforce’s Email Opt Out as 「Salesforce の [メール送信除外]」 and AE’s Do Not Email only with its introduction', () => {
    // 「メール送信除外」 is both AE's Do Not Email and Salesforce's Email Opt Out in Japanese.
    expect(occurrences(/メール送信除外/).length).toBeGreaterThan(0);
    expect(
      occurrences(
        /(?<!Salesforce の \[)(?<!(AE|Account Engagement) の画面では「)メール送信除外|\[メール送信除外(?!\])/,
      ),
    ).toEqual([]);
    const intro = occurrences(/\[Do Not Email\]（Account Engagement の画面では「メール送信除外」）/);
    expect(intro.length).toBeGreaterThan(0);
  });

  it('gives AE’s fields one name each: [Opted Out] and [Do Not Email]', () => {
    // The AE ability's own English name stays as it is.
    expect(occurrences(/(?<!\[)Opted Out(?!\])(?! Field)/)).toEqual([]);
    expect(occurrences(/(?<!\[)Do Not Email(?!\])/)).toEqual([]);
    expect(occurrences(/オプトアウト済み(?!\] 項目を上書き)/)).toEqual([]);
    expect(occurrences(/Opted Out 項目を更新/)).toEqual([]);
  });

  it('names the connector option exactly as Account Engagement’s screen does', () => {
    expect(occurrences(/プロスペクトオプトアウト済み/).length).toBeGreaterThan(0);
    expect(occurrences(/(?<!\[)プロスペクトオプトアウト済み|プロスペクトオプトアウト済み(?!\] 項目を上書き)/)).toEqual(
      [],
    );
  });

  it('shows a checkbox as オン / オフ, never はい / いいえ', () => {
    expect(occurrences(/はい|いいえ/)).toEqual([]);
    const message = new Map(ja);
    expect([message.get('valueYes'), message.get('valueNo')]).toEqual(['オン', 'オフ']);
  });

  it('words the sync behaviour choices as the AE screen does (the labels the extension reads)', () => {
    const message = new Map(ja);
    const keys = {
      'most-recent-record': 'behaviorMostRecentRecord',
      ae: 'behaviorAe',
      salesforce: 'behaviorSalesforce',
      'most-recent-field': 'behaviorMostRecentField',
    } as const;
    for (const [behavior, key] of Object.entries(keys)) {
      expect(matchesLabel(message.get(key), SYNC_BEHAVIOR_LABELS[behavior as keyof typeof keys]), key).toBe(true);
    }
  });

  it('calls the product by one name, オプトアウト同期ガード', () => {
    expect(occurrences(/Opt-Out Sync Guard|Opt-Out Guard/)).toEqual([]);
    expect(new Map(ja).get('extShortName')).toBe('オプトアウト同期ガード');
  });

  it('joins nothing with half-width punctuation inside Japanese sentences', () => {
    expect(occurrences(/[ぁ-んァ-ヶ一-龠]、?, |[ぁ-んァ-ヶ一-龠]\?$/)).toEqual([]);
  });
});

describe('the words on AE’s screens the extension looks for', () => {
  it('keeps every candidate for the Mailability section while its Japanese label is unconfirmed', () => {
    expect(matchesLabel('メール送信可否', AE_LABELS.mailability)).toBe(true);
    expect(matchesLabel('メール送信可能性', AE_LABELS.mailability)).toBe(true);
  });
});

describe('nothing the admin reads assumes they have read a particular blog post', () => {
  it('never speaks of “the seed” in English', () => {
    expect(en.filter(([, message]) => /\bseed\b/i.test(message)).map(([key]) => key)).toEqual([]);
  });
});

describe('lists the admin reads are joined in the messages’ language', () => {
  /** chrome.i18n as Chrome answers it from one locale's messages.json. */
  const speak = (locale: string) => {
    const messages = load(locale);
    vi.stubGlobal('chrome', { i18n: { getMessage: (key: string) => messages[key]?.message ?? '' } });
  };
  afterEach(() => vi.unstubAllGlobals());

  it('joins the parts of an AE page it could not find with 「、」 in Japanese and ", " in English', () => {
    speak('ja');
    expect(partNames(['edit', 'save'])).toBe('「編集」ボタン、「プロスペクトを保存」ボタン');
    speak('en');
    expect(partNames(['edit', 'save'])).toBe('the Edit button, the Save prospect button');
  });
});
