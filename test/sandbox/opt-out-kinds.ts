/**
 * Every way a prospect gets opted out, each with the trace it leaves on the prospect's activity list
 * (and so in API v5 visitor activities). `POST /__sandbox/records {"op":"opt-out","prospectId":N,
 * "kind":K}` plays one; the next sync carries Opted Out to Salesforce like any change of the
 * prospect, as the connector's integration user.
 *
 * Evidence, by kind:
 * - The activity types and their numbers are the API's visitor activity types (pardot/api-docs,
 *   "Object Field References", visitor activity `type`: 1 Click, 6 Sent, 11 Open, 12 Unsubscribe Page,
 *   15 Email Preference Page). The prospect record's Activities table shows "an icon and description of
 *   the activity ... the name of the marketing element or email and the date" (Salesforce Help
 *   000383604 (https://help.salesforce.com/s/articleView?id=000383604&type=1), "Account Engagement Prospect Activity Glossary"); passive email sends and opens are
 *   listed there too ("Email Sent Via List Emails", "Email HTML Open").
 * - `link-scanner`: Salesforce Help 000383884 (https://help.salesforce.com/s/articleView?id=000383884&type=1; "Account Engagement Prospect record shows email
 *   interaction activity that never happened"): the receiving server "will 'click' links to check for
 *   suspicious content" before delivering, and the unsubscribe link's tracking code loaded that way
 *   records an unsubscribe; the prospect "might have several suspicious link clicks". Public bot
 *   filters describe the same trace: every link clicked within seconds of the send (paminga.com,
 *   "Enhanced Bot Click Filtering": "Security scanners 'click' every link in your email three seconds
 *   after it's delivered"). So: sent at T, a click on every link of the email within seconds, the
 *   unsubscribe within seconds.
 * - `link-scanner-unsubscribe`: a scanner that loads only the footer's unsubscribe link, seconds after
 *   the send (same article: prospects "unsubscribed without clicking the 'unsubscribe' button").
 * - `person`: the person reads the email and unsubscribes hours later, one click before, no burst.
 * - `one-click`: Gmail's or Yahoo's one-click List-Unsubscribe, which every AE email carries (Help
 *   000381510: https://help.salesforce.com/s/articleView?id=000381510&type=1). What activity AE records for it is not public: drawn as an unsubscribe (type 12)
 *   naming the email, hours after the send, without a page visit's clicks (unverified).
 * - `preference-page`: the email preference page (type 15), a day after the send.
 * - `import`, `automation-rule`, `user`: Opted Out checked by an import, an automation rule or a user.
 *   None of the visitor activity types names such a change, so the activity list shows nothing new;
 *   AE keeps it in the prospect's audit history, which the sandbox does not draw (unverified where).
 * Account Engagement also filters scanner clicks out of its records (Help 000273384, https://help.salesforce.com/s/articleView?id=000273384&type=1: known scanner IP
 * ranges and "Metrics Guard"; "the recipient prospect record will still be opted out"): that is
 * `aeActivitiesShown: false` from the verdict's point of view, and kind `import` shows the same
 * empty trace.
 */
import type { Prospect, ProspectActivity } from './model';
import type { Sandbox } from './sandbox';

export const OPT_OUT_KINDS = [
  'person',
  'link-scanner',
  'link-scanner-unsubscribe',
  'one-click',
  'preference-page',
  'import',
  'automation-rule',
  'user',
] as const;
export type OptOutKind = (typeof OPT_OUT_KINDS)[number];

/** The list email every kind names: its id, its name, and the links in its body (the unsubscribe link aside). */
export const NEWSLETTER = {
  id: 7001,
  name: 'Sandbox Newsletter — November',
  links: ['https://www.example.com/product', 'https://www.example.com/pricing', 'https://www.example.com/events'],
};

const SECOND = 1000;
const HOUR = 3600 * SECOND;

function email(typeId: number, type: string, at: number, link?: string): ProspectActivity {
  return {
    typeId,
    type,
    details: NEWSLETTER.name,
    at: new Date(at).toISOString(),
    emailId: NEWSLETTER.id,
    ...(link ? { link } : {}),
  };
}
const sent = (at: number) => email(6, 'Sent', at);
const open = (at: number) => email(11, 'Open', at);
const click = (at: number, link: string) => email(1, 'Click', at, link);
const unsubscribe = (at: number) => email(12, 'Unsubscribe Page', at);

/** What each kind leaves in the activity list, ending at `now`. */
function traceOf(kind: OptOutKind, now: number): ProspectActivity[] {
  switch (kind) {
    case 'link-scanner': {
      const at = now - 4 * SECOND;
      return [
        sent(at),
        ...NEWSLETTER.links.map((link, i) => click(at + 2 * SECOND + i * 400, link)),
        unsubscribe(at + 3 * SECOND + 500),
      ];
    }
    case 'link-scanner-unsubscribe':
      return [sent(now - 6 * SECOND), unsubscribe(now - SECOND)];
    case 'person':
      return [
        sent(now - 3 * HOUR),
        open(now - 2 * HOUR),
        click(now - 2 * HOUR + 40 * SECOND, NEWSLETTER.links[0] as string),
        unsubscribe(now - 60 * SECOND),
      ];
    case 'one-click':
      return [sent(now - 5 * HOUR), unsubscribe(now - 30 * SECOND)];
    case 'preference-page':
      return [sent(now - 24 * HOUR), { ...email(15, 'Email Preference Page', now - 30 * SECOND) }];
    case 'import':
    case 'automation-rule':
    case 'user':
      return [];
  }
}

/** Opts the prospect out the way `kind` does, leaving its trace; Salesforce follows at the next sync. */
export function optOutBy(sandbox: Sandbox, prospectId: number, kind: OptOutKind): Prospect {
  if (!OPT_OUT_KINDS.includes(kind)) throw new Error(`unknown kind of opt-out: ${String(kind)}`);
  const prospect = sandbox.org.prospects.get(prospectId);
  if (!prospect || prospect.isDeleted) throw new Error(`no prospect ${prospectId}`);
  sandbox.rememberProspect(prospect);
  const now = sandbox.now();
  const nowIso = new Date(now).toISOString();
  if (!prospect.optedOut) prospect.optedOutUpdatedAt = nowIso;
  prospect.optedOut = true;
  prospect.updatedAt = nowIso;
  prospect.activities.push(...traceOf(kind, now));
  sandbox.record({ kind: 'control', note: `prospect ${prospectId} opted out: ${kind}` });
  return prospect;
}
