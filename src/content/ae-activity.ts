/**
 * The opt-outs in a prospect's activity list. Every prospect record has an
 * Activities table of the prospect's actions, each an icon and a description
 * naming the marketing element or email, with its date (Salesforce Help
 * 000383604, "Account Engagement Prospect Activity Glossary"). The real markup is
 * not public: the table is found by its heading, an opt-out by the words of its
 * type (src/core/labels.ts), and its time from a `<time datetime>` or else
 * from the text of a cell that reads as a date.
 */
import { AE_LABELS as L, matchesLabel, normaliseLabel } from '../core/labels';
import type { ReadableAePageState } from '../core/messages';
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

/** The opt-outs the prospect's activity list shows, newest first; null when the page shows no activity list. */
export function readOptOutActivities(doc: Document = document): OptOutActivity[] | null {
  const list = activityList(doc);
  if (!list) return null;
  const rows = [...list.querySelectorAll('tr, li')].filter((row) => row.querySelector('td') || row.matches('li'));
  const optOuts: OptOutActivity[] = [];
  for (const row of rows) {
    const words = wordsOf(row);
    if (!mentions(words, L.optOutActivity) || mentions(words, L.resubscribeActivity)) continue;
    const cells = row.matches('tr') ? [...row.children].map((cell) => cell.textContent ?? '') : [row.textContent ?? ''];
    optOuts.push({ at: timeOf(row), what: cells.join(' ').replace(/\s+/g, ' ').trim().slice(0, 200) });
  }
  return optOuts
    .sort((a, b) => (b.at === null ? Infinity : Date.parse(b.at)) - (a.at === null ? Infinity : Date.parse(a.at)))
    .slice(0, KEEP);
}
