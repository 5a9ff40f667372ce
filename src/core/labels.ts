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
  /** How pages show a boolean: words, and the names of check icons. */
  yes: ['Yes', 'True', 'On', 'はい', '✓', '✔', 'Checked'],
  no: ['No', 'False', 'Off', 'いいえ', '✗', '✘'],
};
