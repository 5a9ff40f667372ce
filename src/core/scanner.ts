/**
 * "Looks like a link scanner, not a person": said only when the prospect's own activities show it.
 *
 * Salesforce Help 000383884 ("Account Engagement Prospect record shows email interaction activity
 * that never happened"): a receiving mail server may "click" the links of an email, the unsubscribe
 * link included, to check them before it delivers the email; Account Engagement records the
 * unsubscribe because the link's per-prospect tracking code was loaded. Such a gateway works when
 * the email arrives, and follows every link it finds, so its trace is an unsubscribe seconds after
 * the send, or inside a burst of clicks on the email's links. A person reads first: an unsubscribe
 * minutes or hours after the send, with no burst, gets no verdict. Account Engagement's own filters
 * (Help 000273384, "Automatically filtered activity in Account Engagement emails": known scanner IP
 * ranges, and "Metrics Guard") drop much of that activity before it is recorded, and "the recipient
 * prospect record will still be opted out": then there is nothing to read, and nothing is said.
 *
 * The thresholds, and why, are in docs/account-engagement.md ("The scanner verdict").
 */

/** An email activity the verdict reads: a send, a click on one of its links, an unsubscribe from it. */
export interface EmailActivity {
  kind: 'sent' | 'click' | 'unsubscribe';
  /** ISO time; null when it could not be read (such an activity proves nothing). */
  at: string | null;
  /** The email, as the activity names it (its name on the page, its id by API). */
  email: string;
  /** A click's link, as an opaque key: two clicks on the same link have the same key. */
  link?: string;
}

/** Why the unsubscribe looks like a scanner's: which email, how soon after its send, which burst. */
export interface ScannerVerdict {
  email: string;
  /** When the unsubscribe was recorded. */
  unsubscribedAt: string;
  /** Seconds from the email's send to the unsubscribe, when the send was read. */
  secondsAfterSent: number | null;
  /** The burst of clicks on the email's links around the unsubscribe, when there was one. */
  burst: { links: number; seconds: number } | null;
}

/** An unsubscribe this soon after the send: before a person could have read the email. */
export const UNSUBSCRIBE_WITHIN_SECONDS = 30;
/** A burst: clicks on at least this many different links of one email… */
export const BURST_MIN_LINKS = 3;
/** …all within this many seconds, the unsubscribe among them or right after them. */
export const BURST_WINDOW_SECONDS = 10;

const timeOf = (activity: EmailActivity) => (activity.at === null ? Number.NaN : Date.parse(activity.at));

/** The clicks on different links of the email within the window that ends at the unsubscribe. */
function burstBefore(clicks: EmailActivity[], unsubscribedAt: number): ScannerVerdict['burst'] {
  const windowMs = BURST_WINDOW_SECONDS * 1000;
  const inWindow = clicks.filter((click) => {
    const at = timeOf(click);
    return at <= unsubscribedAt + windowMs && at >= unsubscribedAt - windowMs;
  });
  // The tightest run of clicks on different links that covers the unsubscribe's window.
  const sorted = inWindow.sort((a, b) => timeOf(a) - timeOf(b));
  for (let start = 0; start < sorted.length; start++) {
    const first = timeOf(sorted[start] as EmailActivity);
    const run = sorted.slice(start).filter((click) => timeOf(click) - first <= windowMs);
    const links = new Set(run.map((click) => click.link ?? ''));
    links.delete('');
    if (links.size < BURST_MIN_LINKS) continue;
    const last = Math.max(...run.map(timeOf), unsubscribedAt);
    const begin = Math.min(first, unsubscribedAt);
    if (last - begin > windowMs) continue;
    return { links: links.size, seconds: Math.round((last - begin) / 1000) };
  }
  return null;
}

/**
 * The verdict for the newest unsubscribe whose time and email are read, or null: no unsubscribe,
 * no time, or nothing in the activities that a scanner would leave and a person would not.
 */
export function scannerVerdict(activities: readonly EmailActivity[]): ScannerVerdict | null {
  const valid = activities.filter((activity) => activity.email && !Number.isNaN(timeOf(activity)));
  const unsubscribe = valid
    .filter((activity) => activity.kind === 'unsubscribe')
    .sort((a, b) => timeOf(b) - timeOf(a))[0];
  if (!unsubscribe?.at) return null;
  const at = timeOf(unsubscribe);
  const ofEmail = valid.filter((activity) => activity.email === unsubscribe.email);
  const sent = ofEmail
    .filter((activity) => activity.kind === 'sent' && timeOf(activity) <= at)
    .sort((a, b) => timeOf(b) - timeOf(a))[0];
  const secondsAfterSent = sent ? Math.round((at - timeOf(sent)) / 1000) : null;
  const soon = secondsAfterSent !== null && secondsAfterSent <= UNSUBSCRIBE_WITHIN_SECONDS;
  const burst = burstBefore(
    ofEmail.filter((activity) => activity.kind === 'click' && (!sent || timeOf(activity) >= timeOf(sent))),
    at,
  );
  if (!soon && !burst) return null;
  return { email: unsubscribe.email, unsubscribedAt: unsubscribe.at, secondsAfterSent, burst };
}
