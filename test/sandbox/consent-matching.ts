/**
 * Marketing Cloud Next's consent matching, as far as Salesforce REST shows it. Salesforce Help,
 * "Automatically Match Overall Email Consent Between Account Engagement and Marketing Cloud Next"
 * (https://help.salesforce.com/s/articleView?id=mktg.mcae_match_email_consent_with_marketing_cloud.htm&type=5): consent matching is turned on in one Account Engagement business unit, and "Account Engagement
 * uses the B2B Email Consent subscription to match the email consent with Marketing Cloud Next
 * records that share the same email address". Marketing Cloud Next keeps its subscriptions as
 * communication subscriptions (Object Reference, "CommSubscription" (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_commsubscription.htm), API 48.0 and later: `Name`),
 * so the one readable trace is `SELECT Id FROM CommSubscription WHERE Name = 'B2B Email Consent'`.
 * Which business unit matches, and whether matching is still on, are AE settings no public API reads.
 *
 * Switch `marketingCloudNextConsent`: `none` (default: no consent objects, the query answers
 * INVALID_TYPE as for any object the org lacks), `subscriptions` (Marketing Cloud Next's consent
 * objects without that subscription), `consent-matching` (the subscription exists).
 */
import { type Exchange, sendJson } from './http';
import type { Sandbox } from './sandbox';

const CONSENT_MATCHING_SUBSCRIPTION = 'B2B Email Consent';

export function commSubscriptionQuery(sandbox: Sandbox, x: Exchange, soql: string) {
  const setting = sandbox.config.marketingCloudNextConsent;
  if (setting === 'none') {
    return sendJson(x.res, 400, [
      {
        message: "sObject type 'CommSubscription' is not supported.",
        errorCode: 'INVALID_TYPE',
      },
    ]);
  }
  const match = /^\s*SELECT\s+Id\s+FROM\s+CommSubscription\s+WHERE\s+Name\s*=\s*'([^']*)'(?:\s+LIMIT\s+\d+)?\s*$/i.exec(
    soql,
  );
  if (!match) return sendJson(x.res, 400, [{ message: 'unexpected token in query', errorCode: 'MALFORMED_QUERY' }]);
  const found = setting === 'consent-matching' && match[1] === CONSENT_MATCHING_SUBSCRIPTION;
  const records = found ? [{ attributes: { type: 'CommSubscription' }, Id: '0Xl5g000000B2bEAAS' }] : [];
  sendJson(x.res, 200, { totalSize: records.length, done: true, records });
}
