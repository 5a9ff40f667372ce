/**
 * The opt-outs in a prospect's activity list. Every prospect record has an
 * Activities table of the prospect's actions, each an icon and a description
 * naming the marketing element or email, with its date (Salesforce Help
 * 000383604, "Account Engagement Prospect Activity Glossary"). The real markup is
 * not public: the table is found by its heading, an opt-out by the words of its
 * type (src/core/activity-labels.ts), and its time from a `<time datetime>` or else
 * from the text of a cell that reads as a date.
 *
 * Loaded only when asked for (the worker's `activities` command, or the admin unfolding the
 * overlay's history): a prospect page the admin merely opens does not pay for it.
 */
import { ACTIVITY_LABELS as L } from '../core/activity-labels';
import { matchesLabel, normaliseLabel } from '../core/labels';
import { linkKey } from '../core/link-key';
import type { AgentReplies, ReadableAePageState } from '../core/messages';
import { labelElements } from './dom';

type OptOutActivity = NonNullable<ReadableAePageState['optOutActivities']>[number];

/** At most this many, newest first: the job only asks whether one is newer than a confirmation. */
const KEEP = 20;

const mentions = (text: string, words: readonly string[]) => {
  const folded = normaliseLabel(text);
  return words.some((word) => folded.includes(normaliseLabel(word)));
};

/** The table or list under the activity heading (a heading, a caption, or a label-like element), or null. */
function activityList(doc: Document): Element | null {
  const headings = [...doc.querySelectorAll('h1, h2, h3, h4, h5, caption, legend')].filter((heading) =>
    matchesLabel(heading.textContent, L.activities),
  );
  for (const heading of [...headings, ...labelElements(L.activities, doc)]) {
    if (heading.tagName === 'CAPTION') return heading.closest('table');
    for (let next = heading.nextElementSibling; next; next = next.nextElementSibling) {
      if (next.matches('table, ul, ol')) return next;
      const inner = next.querySelector('table, ul, ol');
      if (inner) return inner;
      if (next.matches('h1, h2, h3, h4, h5')) break;
    }
  }
  return null;
}

/** When an activity happened: a `<time datetime>`, else a cell whose whole text reads as a date. */
function timeOf(row: Element): string | null {
  const stamped = row.querySelector('time[datetime]')?.getAttribute('datetime');
  if (stamped && !Number.isNaN(Date.parse(stamped))) return new Date(stamped).toISOString();
  for (const cell of row.querySelectorAll('td, span, div')) {
    const text = (cell.textContent ?? '').trim();
    if (/\d{4}|\d{1,2}[/.-]\d{1,2}/.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text).toISOString();
  }
  return null;
}

/** The words of a row: its text and its icons' names. */
function wordsOf(row: Element): string {
  const icons = [...row.querySelectorAll('img, svg, i, [role="img"]')].map(
    (icon) => icon.getAttribute('title') ?? icon.getAttribute('alt') ?? icon.getAttribute('aria-label') ?? '',
  );
  return [row.textContent ?? '', ...icons].join(' ');
}

const rowsOf = (list: Element) =>
  [...list.querySelectorAll('tr, li')].filter((row) => row.querySelector('td') || row.matches('li'));

const isOptOut = (words: string) => mentions(words, L.optOutActivity) && !mentions(words, L.resubscribeActivity);

/** The opt-outs the prospect's activity list shows, newest first; null when the page shows no activity list. */
export function readOptOutActivities(doc: Document = document): OptOutActivity[] | null {
  const list = activityList(doc);
  if (!list) return null;
  const optOuts: OptOutActivity[] = [];
  for (const row of rowsOf(list)) {
    const words = wordsOf(row);
    if (!isOptOut(words)) continue;
    const cells = row.matches('tr') ? [...row.children].map((cell) => cell.textContent ?? '') : [row.textContent ?? ''];
    optOuts.push({ at: timeOf(row), what: cells.join(' ').replace(/\s+/g, ' ').trim().slice(0, 200) });
  }
  return optOuts
    .sort((a, b) => (b.at === null ? Infinity : Date.parse(b.at)) - (a.at === null ? Infinity : Date.parse(a.at)))
    .slice(0, KEEP);
}

type EmailActivity = NonNullable<ReadableAePageState['emailActivities']>[number];

/** At most this many email activities: the scanner verdict looks at one email's send, clicks and unsubscribe. */
const KEEP_EMAIL = 60;

/**
 * The email a row names: the description after its type ("Unsubscribe Page: Spring Newsletter"),
 * without a clicked link (an `<a href>` after it). The real wording is not public; the sandbox draws this form.
 */
function emailOf(row: Element): string {
  const cell = row.matches('li') ? row : (row.querySelector('td') ?? row);
  const clone = cell.cloneNode(true) as Element;
  for (const drop of clone.querySelectorAll('a[href], time')) drop.remove();
  const text = (clone.textContent ?? '').replace(/\s+/g, ' ').trim();
  const named = text.includes(':') ? text.slice(text.indexOf(':') + 1) : text;
  // The separator left where the link was: a dash inside the email's name stays.
  return named
    .replace(/\s[—–-]$/, '')
    .trim()
    .slice(0, 120);
}

/**
 * The words that name a row's type: its icons' names and the description before its colon, never the
 * email's name after it (an email called "Consent update" is no send, "Click here" no click).
 */
function typeWordsOf(row: Element): string {
  const cell = row.matches('li') ? row : (row.querySelector('td') ?? row);
  const text = (cell.textContent ?? '').trim();
  const icons = [...row.querySelectorAll('img, svg, i, [role="img"]')].map(
    (icon) => icon.getAttribute('title') ?? icon.getAttribute('alt') ?? icon.getAttribute('aria-label') ?? '',
  );
  return [text.includes(':') ? text.slice(0, text.indexOf(':')) : text, ...icons].join(' ');
}

/**
 * The sends, link clicks and unsubscribes of the emails the opt-outs name, newest first, for the
 * scanner verdict (src/core/scanner.ts); null when the page shows no activity list. Nothing else of
 * the list leaves the page: a click's link goes as a key, never as its address.
 */
export function readEmailActivities(doc: Document = document): EmailActivity[] | null {
  const list = activityList(doc);
  if (!list) return null;
  const read: EmailActivity[] = [];
  for (const row of rowsOf(list)) {
    const words = typeWordsOf(row);
    const kind = isOptOut(words)
      ? 'unsubscribe'
      : mentions(words, L.emailClickActivity)
        ? 'click'
        : mentions(words, L.emailSentActivity)
          ? 'sent'
          : null;
    if (!kind) continue;
    const email = emailOf(row);
    if (!email) continue;
    const href = row.querySelector('a[href]')?.getAttribute('href');
    read.push({ kind, at: timeOf(row), email, ...(kind === 'click' && href ? { link: linkKey(href) } : {}) });
  }
  const named = new Set(read.filter((activity) => activity.kind === 'unsubscribe').map((activity) => activity.email));
  return read
    .filter((activity) => named.has(activity.email))
    .sort((a, b) => (b.at === null ? 0 : Date.parse(b.at)) - (a.at === null ? 0 : Date.parse(a.at)))
    .slice(0, KEEP_EMAIL);
}

/** The activity list as the worker's `activities` command answers it. */
export const readActivities = (doc: Document = document): AgentReplies['activities'] => ({
  optOutActivities: readOptOutActivities(doc),
  emailActivities: readEmailActivities(doc),
});
