/**
 * "Check this org"'s line about Marketing Cloud Next's consent matching (Salesforce Help,
 * "Automatically Match Overall Email Consent Between Account Engagement and Marketing Cloud Next",
 * https://help.salesforce.com/s/articleView?id=mktg.mcae_match_email_consent_with_marketing_cloud.htm&type=5):
 * turned on in one business unit, it sets Opted Out on every prospect whose email address opted out
 * of the "B2B Email Consent" subscription in Marketing Cloud Next, and can undo an opt-in from there.
 * Which business unit matches, and whether matching is on now, are Account Engagement settings no
 * public API reads; what REST shows is whether that subscription exists (a communication
 * subscription: Object Reference, "CommSubscription",
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_commsubscription.htm). The line says which, and the admin is told
 * where to look by hand either way.
 */
import type { CheckLine } from '../core/org-check';
import type { Org } from './org';

/** The subscription consent matching creates and uses (the Help article above). */
const CONSENT_MATCHING_SUBSCRIPTION = 'B2B Email Consent';

export async function consentMatchingLine(org: Org): Promise<CheckLine> {
  const rows = await org.salesforce
    .query<{ Id?: string }>(`SELECT Id FROM CommSubscription WHERE Name = '${CONSENT_MATCHING_SUBSCRIPTION}' LIMIT 1`)
    // No communication subscriptions in this org (INVALID_TYPE): no Marketing Cloud Next consent to match.
    .catch(() => null);
  if (rows === null) return { id: 'consent-matching', result: 'not-applicable' };
  return { id: 'consent-matching', result: rows.length ? 'failed' : 'passed' };
}
