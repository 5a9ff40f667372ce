import type { OptedOutSyncBehavior } from '../core/sync-model';

/**
 * A label as a person reads it, for comparing one with another: NFKC folds
 * full-width and half-width forms, case and curly quotes do not matter,
 * punctuation and symbols around it (a colon, a required-field star) are
 * dropped, and so is all whitespace, since Japanese screens may write
 * 「Salesforce.com項目名」 with no space where another shows one.
 */
export function normaliseLabel(text: string | null | undefined): string {
  const folded = (text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201f\u2033]/g, '"')
    .replace(/\s+/g, '');
  // A label that is nothing but a symbol (a ✓ for "yes") keeps it.
  return folded.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '') || folded;
}

export function matchesLabel(text: string | null | undefined, labels: readonly string[]): boolean {
  const value = normaliseLabel(text);
  return value !== '' && labels.some((label) => normaliseLabel(label) === value);
}

/**
 * The words on Account Engagement's screens, in English and Japanese: the
 * page writer and readers find controls by these, never by CSS classes.
 * Japanese labels follow the screenshots in toBe Marketing's article on the
 * connector option (tobem.jp, 「【新機能】オプトアウト項目の上書き」, 2019); where
 * no public screenshot shows a label, every candidate Japanese admins use is
 * kept (docs/account-engagement.md says which are unconfirmed).
 */
export const AE_LABELS = {
  /** The prospect page's Edit (the 2023 script finds it by `accesskey="e"`, which the writer also accepts). */
  edit: ['Edit', 'Edit prospect', 'Edit Prospect', '編集', 'プロスペクトを編集'],
  /** The sections that hold the Opted Out control in the edit form: the classic one (toBe's 2019 screenshots) and Mailability. */
  additionalFields: ['Additional fields', 'Additional Fields', '追加の項目'],
  /**
   * Its Japanese label is unconfirmed, so every candidate is kept: 「メール送信可否」 (what the
   * sandbox draws), 「メール送信可能性」 (Japanese admin blogs), 「メール送信可能状況」 (Salesforce
   * Help in Japanese, on operational email).
   */
  mailability: ['Mailability', 'メール送信可否', 'メール送信可能性', 'メール送信可能状況'],
  /** "Prospect Opted Out" in the 2016 knowledge base; 「オプトアウト済み」 in 2023 Japanese posts. */
  optedOut: ['Opted Out', 'Prospect Opted Out', 'プロスペクトオプトアウト済み', 'オプトアウト済み'],
  /** The 2016 knowledge base's link beside a checked Opted Out on the read page. */
  optIn: ['Opt In', 'Opt in', 'オプトイン'],
  saveProspect: ['Save prospect', 'Save Prospect', 'プロスペクトを保存'],
  cancel: ['Cancel', 'キャンセル'],
  /** Salesforce's own Save (record pages), for the overlay to re-read the pair after the admin saves. */
  save: ['Save', '保存'],
  email: ['Email', 'メール'],
  doNotEmail: ['Do Not Email', 'メール送信除外'],
  hardBounced: ['Email hard bounced', 'Hard Bounced', 'Hard Bounce', 'ハードバウンス'],
  crmContact: ['CRM Contact', 'CRM 取引先責任者'],
  crmLead: ['CRM Lead', 'CRM リード'],
  lastSync: ['Last synced with Salesforce', 'Salesforce との最終同期'],
  logIn: ['Log In', 'ログイン'],
  overwriteOptedOut: ['Overwrite Prospect Opted Out field', '[プロスペクトオプトアウト済み] 項目を上書き'],
  salesforceFieldName: ['Salesforce.com field name', 'Salesforce.com項目名'],
  syncBehavior: ['Sync behavior', '同期動作'],
  /** The heading of the prospect's activity table (Salesforce Help 000383604, "Account Engagement Prospect Activity Glossary"). */
  activities: [
    'Prospect Activities',
    'Prospect Activity',
    'Activities',
    'Activity',
    'プロスペクトアクティビティ',
    'アクティビティ',
  ],
  /**
   * Words that name an opt-out in an activity: the API v5 visitor activity types "Unsubscribe Page"
   * (12), "Email Preference Page" (15) and "Indirect Unsubscribe Open" (35), and the glossary's
   * opt-out wording. Japanese: unverified. Matched inside the activity's text, not as a whole label.
   */
  optOutActivity: [
    'Unsubscribe Page',
    'Email Preference Page',
    'Indirect Unsubscribe',
    'Opted Out',
    'Opt Out',
    'Unsubscribed',
    '配信停止ページ',
    'メール設定ページ',
    'オプトアウト',
    '配信停止',
  ],
  /**
   * An email's send and a click on one of its links, for the scanner verdict: the API v5 visitor
   * activity types "Sent" (6) and "Click" (1), and the glossary's "Email Sent Via List Emails",
   * "Email Sent Via Individual or Plug-In" (Help 000383604). Click wording beyond the type name and
   * all Japanese: unverified.
   */
  emailSentActivity: ['Sent', 'Email Sent', '送信済み', 'メール送信'],
  emailClickActivity: ['Click', 'Link Clicked', 'クリック'],
  /** A resubscribe is not an opt-out, though its words may contain one ("resubscribed from the unsubscribe page"). */
  resubscribeActivity: ['Resubscribe', 'Resubscribed', '再登録'],
  /** How pages show a boolean: words, and the names of check icons. */
  yes: ['Yes', 'True', 'On', 'はい', '✓', '✔', 'Checked'],
  no: ['No', 'False', 'Off', 'いいえ', '✗', '✘'],
};

export const SYNC_BEHAVIOR_LABELS: Record<OptedOutSyncBehavior, readonly string[]> = {
  'most-recent-record': [
    'Use the most recently updated record',
    '最近更新したレコード値を使用する',
    // Trailhead's Japanese (「Pardot アカウントの設定」) words it without 値.
    '最近更新したレコードを使用する',
    '最後に更新されたレコードを使用',
  ],
  ae: ["Use Account Engagement's value", "Use Pardot's value", 'Account Engagementの値を使用する'],
  salesforce: ["Use Salesforce's value", 'Salesforceの値を使用する'],
  'most-recent-field': [
    'Use the most recently updated field',
    '最近更新した項目値を使用する',
    '最後に更新された項目を使用',
  ],
};
