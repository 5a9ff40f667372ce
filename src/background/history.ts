/**
 * How each side of a pair got opted out, for the confirmation window: the prospect page's opt-out
 * activities (Salesforce Help 000383604, "Account Engagement Prospect Activity Glossary"; read by
 * src/content/ae-activity.ts, or API v5 visitor activities for a prospect read by API), the scanner
 * verdict they support (src/core/scanner.ts), and who changed Salesforce's Email Opt Out, from
 * `ContactHistory`/`LeadHistory` (Object Reference, "ContactHistory"). Salesforce keeps those rows
 * only while Field History Tracking is on for the field, so none is said as "not tracked, or never
 * changed since", never as "nobody changed it".
 */
import type { OptOutHistory } from '../core/messages';
import type { SalesforceObject } from '../core/salesforce-id';
import { scannerVerdict } from '../core/scanner';
import type { Org } from './org';
import type { EmailActivity, OptOutActivity } from './prospects';

/** The connector writes as its integration user (Salesforce Help, "Account Engagement Integration User"). */
export const isConnectorUser = (username: string, name: string) =>
  /^b2bmaintegration@/i.test(username) || (!username && /^B2BMA Integration\b/.test(name));

/** At most this many rows of each side: the window shows a short history, not an audit. */
const SHOWN = 5;

export async function optOutHistory(
  org: Org,
  object: SalesforceObject,
  recordId: string,
  activities: OptOutActivity[] | null | undefined,
  emailActivities?: EmailActivity[] | null,
): Promise<OptOutHistory> {
  let salesforce: OptOutHistory['salesforce'];
  try {
    const rows = await org.salesforce.emailOptOutHistory(object, recordId);
    salesforce = rows.length
      ? rows.slice(0, SHOWN).map((row) => ({
          at: row.at,
          checked: row.newValue,
          by: row.byName || row.byUsername,
          connector: isConnectorUser(row.byUsername, row.byName),
        }))
      : 'not-tracked';
  } catch {
    salesforce = 'unreadable';
  }
  return {
    ...aeHistory(activities),
    // A verdict only from activities read; none read is no verdict, never "a person".
    ...(emailActivities ? { scanner: scannerVerdict(emailActivities) } : {}),
    salesforce,
  };
}

/** The AE side of the history: the page's opt-out activities, none shown, or not read (an API read). */
export const aeHistory = (activities: OptOutActivity[] | null | undefined): Pick<OptOutHistory, 'ae'> =>
  activities === undefined ? {} : { ae: activities?.slice(0, SHOWN) ?? null };
