/**
 * The words on Account Engagement's screens, in English and Japanese: the
 * page writer and readers find controls by these, never by CSS classes.
 * (Japanese labels follow the seed article's screenshots.)
 */
export const AE_LABELS = {
  edit: ['Edit', '編集'],
  additionalFields: ['Additional fields', 'Additional Fields', '追加の項目'],
  optedOut: ['Opted Out', 'プロスペクトオプトアウト済み'],
  saveProspect: ['Save prospect', 'Save Prospect', 'プロスペクトを保存'],
  email: ['Email', 'メール'],
  doNotEmail: ['Do Not Email', 'メール送信除外'],
  hardBounced: ['Email hard bounced', 'ハードバウンス'],
  crmContact: ['CRM Contact', 'CRM 取引先責任者'],
  crmLead: ['CRM Lead', 'CRM リード'],
  lastSync: ['Last synced with Salesforce', 'Salesforce との最終同期'],
  logIn: ['Log In', 'ログイン'],
  overwriteOptedOut: ['Overwrite Prospect Opted Out field', '[プロスペクトオプトアウト済み] 項目を上書き'],
  salesforceFieldName: ['Salesforce.com field name', 'Salesforce.com 項目名'],
  syncBehavior: ['Sync behavior', '同期動作'],
  yes: ['Yes', 'はい', 'true', 'On'],
  no: ['No', 'いいえ', 'false', 'Off'],
} as const;

export const SYNC_BEHAVIOR_LABELS = {
  'most-recent-record': ['Use the most recently updated record', '最後に更新されたレコードを使用'],
  ae: ["Use Account Engagement's value", "Use Pardot's value", 'Account Engagement の値を使用'],
  salesforce: ["Use Salesforce's value", 'Salesforce の値を使用'],
  'most-recent-field': ['Use the most recently updated field', '最後に更新された項目を使用'],
} as const;
