/**
 * "Check this org": every step of an opt-in, run without saving anything,
 * as a checklist. The report holds no personal data (no names, emails,
 * record or prospect ids, no org id), so it can be copied for a colleague or
 * a bug report as it is (test/unit/org-check.test.ts holds it to that).
 */
import type { AePart } from './ae-page';
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
] as const;
export type CheckId = (typeof CHECKS)[number];

export type CheckResult = 'passed' | 'failed' | 'not-applicable';

/** What a line may add: a word from this fixed vocabulary, never data. */
export type CheckNote =
  | 'session'
  | 'oauth'
  | 'Lead'
  | 'Contact'
  | 'on'
  | 'off'
  | 'not mapped'
  | OptedOutSyncBehavior
  | 'the edit form'
  | 'the “Opt In” link'
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
    result: (result: CheckResult) => string;
    fix: (line: CheckLine) => string | null;
  },
  environment: { version: string; language: string },
): string {
  const lines = report.lines.map((line) => {
    const fix = line.result === 'failed' ? words.fix(line) : null;
    return `[${words.result(line.result)}] ${words.line(line)}${line.note ? ` (${line.note})` : ''}${fix ? `\n    → ${fix}` : ''}`;
  });
  return [
    words.title,
    `Opt-Out Sync Guard ${environment.version} · ${environment.language} · ${new Date(report.at).toISOString()} · ${report.from}`,
    ...lines,
  ].join('\n');
}
