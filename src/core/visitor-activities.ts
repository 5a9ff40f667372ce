/**
 * A prospect's opt-outs and the email activities the scanner verdict needs, from Account Engagement
 * API v5 visitor activities (developer docs, "Visitor Activity Object" v5: `type`, `details`,
 * `emailId`, `listEmailId`, `createdAt`), the same shapes the prospect page's reader gives. The type
 * numbers are the API's visitor activity types (pardot/api-docs, "Object Field References"): 1 Click,
 * 6 Sent, 12 Unsubscribe Page, 15 Email Preference Page, 16 Resubscribed, 35 Indirect Unsubscribe Open.
 */
import { linkKey } from './link-key';
import type { EmailActivity } from './scanner';

export interface VisitorActivity {
  id?: number;
  type: number;
  details?: string | null;
  emailId?: number | null;
  listEmailId?: number | null;
  createdAt: string;
}

/** The fields asked for: v5 returns only the fields named, and `fields` is required. */
export const VISITOR_ACTIVITY_FIELDS = 'id,type,details,emailId,listEmailId,createdAt';

const OPT_OUT_TYPES: Readonly<Record<number, string>> = {
  12: 'Unsubscribe Page',
  15: 'Email Preference Page',
  35: 'Indirect Unsubscribe Open',
};
/** An opt-out, by its visitor activity type: the one rule for a single read and a list's bulk read. */
export const isOptOutType = (type: number): boolean => Object.hasOwn(OPT_OUT_TYPES, type);
const SENT = 6;
const CLICK = 1;
/** As the page reader keeps them: 20 opt-outs, 60 email activities. */
const KEEP = 20;
const KEEP_EMAIL = 60;

const isoOf = (at: string) => {
  const parsed = Date.parse(at);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
};

export function fromVisitorActivities(values: readonly VisitorActivity[]): {
  optOutActivities: { at: string | null; what: string }[];
  emailActivities: EmailActivity[];
} {
  const newestFirst = [...values].sort((a, b) => (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0));
  // An email is known by its id; its name is what a send or an unsubscribe says of it.
  const emailKey = (activity: VisitorActivity) => activity.listEmailId ?? activity.emailId ?? null;
  const names = new Map<number, string>();
  for (const activity of newestFirst) {
    const key = emailKey(activity);
    if (key !== null && activity.type !== CLICK && activity.details && !names.has(key))
      names.set(key, activity.details.slice(0, 120));
  }
  const nameOf = (activity: VisitorActivity) => {
    const key = emailKey(activity);
    return key === null ? (activity.details ?? '').slice(0, 120) : (names.get(key) ?? `#${key}`);
  };
  const optOutActivities = newestFirst
    .filter((activity) => isOptOutType(activity.type))
    .map((activity) => ({
      at: isoOf(activity.createdAt),
      what: `${OPT_OUT_TYPES[activity.type]}: ${nameOf(activity)}`.slice(0, 200),
    }))
    .slice(0, KEEP);
  const read: EmailActivity[] = [];
  for (const activity of newestFirst) {
    const at = isoOf(activity.createdAt);
    if (isOptOutType(activity.type)) read.push({ kind: 'unsubscribe', at, email: nameOf(activity) });
    else if (activity.type === SENT && emailKey(activity) !== null)
      read.push({ kind: 'sent', at, email: nameOf(activity) });
    else if (activity.type === CLICK && emailKey(activity) !== null)
      read.push({
        kind: 'click',
        at,
        email: nameOf(activity),
        // A click's details name its link; an id stands in where they do not.
        link: linkKey(activity.details || String(activity.id ?? '')),
      });
  }
  const named = new Set(read.filter((a) => a.kind === 'unsubscribe').map((a) => a.email));
  return { optOutActivities, emailActivities: read.filter((a) => named.has(a.email)).slice(0, KEEP_EMAIL) };
}
