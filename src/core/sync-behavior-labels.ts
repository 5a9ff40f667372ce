import type { OptedOutSyncBehavior } from './sync-model';

/**
 * The connector's "Sync behavior" choices for Opted Out as Account Engagement's connector settings
 * page words them, in English and Japanese (the words of AE's screens are in labels.ts). Apart
 * from those: only the settings page's reader and the page outline use them, and every prospect
 * page would load them otherwise.
 */
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
