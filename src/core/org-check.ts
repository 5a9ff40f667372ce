/**
 * "Check this org": every step of an opt-in, run without saving anything,
 * as a checklist. The report holds no personal data (no names, emails,
 * record or prospect ids, no org id), so it can be copied for a colleague or
 * a bug report as it is (test/unit/core/org-check.test.ts holds it to that).
 */
import type { AePart } from './ae-parts';
import type { ErrorCode } from './errors';
import type { OptedOutSyncBehavior } from './sync-model';

export const CHECKS = [
  'salesforce-rest',
  'record',
  'back-link',
  'ae-api',
  'ae-page',
  'ae-app',
  'ae-form',
  'connector-option',
  'sync-behavior',
  'business-units',
  'history-tracked',
  'other-writers',
  'consent-matching',
] as const;
export type CheckId = (typeof CHECKS)[number];

type CheckResult = 'passed' | 'failed' | 'not-applicable';

/**
 * Steps an opt-in can do without. The AE API: without it the prospect page is read and written
 * instead. The prospect page at AE's own host: where AE lets the admin in only through its app
 * in Salesforce (several business units), the app's frame does the same.
 */
const OPTIONAL: Partial<Record<CheckId, (lines: readonly CheckLine[]) => boolean>> = {
  'ae-api': () => true,
  'ae-page': (lines) => lines.some((line) => line.id === 'ae-app' && line.result === 'passed'),
};

/** What a line shows: an optional step that did not work is "not used", never a failure. */
export type ShownResult = CheckResult | 'not-used';

export function shownResult(line: CheckLine, report: Pick<CheckReport, 'lines'>): ShownResult {
  return line.result === 'failed' && OPTIONAL[line.id]?.(report.lines) ? 'not-used' : line.result;
}

/** What a line may add: a word from this fixed vocabulary, never data. */
export type CheckNote =
  | 'session'
  | 'oauth'
  | 'Lead'
  | 'Contact'
  | 'person account'
  | 'business account'
  | 'session, through Defender for Cloud Apps'
  | 'oauth, past Defender for Cloud Apps'
  | 'on'
  | 'off'
  | 'not mapped'
  | OptedOutSyncBehavior
  | 'the edit form'
  | 'the “Opt In” link'
  /** The page fetches its form only when Edit is clicked: Edit is what a check that changes nothing finds. */
  | 'the Edit action'
  | `${number} business unit${'' | 's'}`
  | `${number} other user${'' | 's'}`;

export interface CheckLine {
  id: CheckId;
  result: CheckResult;
  /** Why it failed, as the extension names errors (each has a message with the fix). */
  error?: ErrorCode;
  /** What was used or seen, from a fixed vocabulary. */
  note?: CheckNote;
  /** The AE page part that was missing. */
  part?: AePart;
}

export interface CheckReport {
  at: number;
  /** Where the check started: a Lead/Contact page or a prospect page (no ids). */
  from: 'salesforce-record' | 'ae-prospect';
  lines: CheckLine[];
}

/** The report as text, in the admin's language, through the same messages the page shows. */
export function reportText(
  report: CheckReport,
  words: {
    title: string;
    line: (line: CheckLine) => string;
    result: (result: ShownResult) => string;
    /** What to do about a failed step. */
    fix: (line: CheckLine) => string | null;
    /** What an optional step that is not used would add. */
    adds: (line: CheckLine) => string | null;
  },
  environment: { version: string; language: string },
): string {
  const lines = report.lines.map((line) => {
    const shown = shownResult(line, report);
    const more = shown === 'failed' ? words.fix(line) : shown === 'not-used' ? words.adds(line) : null;
    return `[${words.result(shown)}] ${words.line(line)}${line.note ? ` (${line.note})` : ''}${more ? `\n    → ${more}` : ''}`;
  });
  return [
    words.title,
    `Opt-Out Sync Guard ${environment.version} · ${environment.language} · ${new Date(report.at).toISOString()} · ${report.from}`,
    ...lines,
  ].join('\n');
}
