/**
 * The words of a prospect's activity list, in English and Japanese (the other words of AE's screens
 * are in labels.ts). Apart from those: only the activity-list reader (src/content/ae-activity.ts),
 * loaded when the worker asks for the list, and the page outline use them, and every prospect page
 * would load them otherwise.
 */
export const ACTIVITY_LABELS = {
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
};
