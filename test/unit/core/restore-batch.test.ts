/** A batch run: what it starts, when rows expire, what a cancel leaves alone, what it costs. */
import { describe, expect, it } from 'vitest';
import type { ListRow } from '../../../src/core/batch';
import {
  type Batch,
  type BatchRow,
  budgetRefusal,
  type Candidate,
  cancelBatch,
  deadlineFor,
  MAX_ROWS,
  nextBatchStep,
  progressOf,
  rowsAsParsed,
  verdictOf,
  withAeSide,
} from '../../../src/core/batch';
import { MAX_LIST_ROWS } from '../../../src/core/messages';
import { parseRestoreList } from '../../../src/core/restore-csv';

const listRow = (over: Partial<ListRow> = {}): ListRow => ({
  line: 2,
  email: 'aiko@example.com',
  prospectId: null,
  recordId: null,
  object: null,
  evidence: 'replied on 3 Feb',
  evidenceAt: null,
  ...over,
});
const candidate = (over: Partial<Candidate> = {}): Candidate => ({
  object: 'Contact',
  recordId: '003000000000001AAA',
  email: 'Aiko@example.com',
  hasOptedOutOfEmail: true,
  hardBounced: false,
  prospectId: 7,
  aeHost: 'pi.pardot.com',
  ...over,
});

describe('the preview verdict', () => {
  it.each([
    ['one linked record, opted out', [candidate()], 'will-opt-in'],
    [
      'one linked record already opted in (AE side read when it runs)',
      [candidate({ hasOptedOutOfEmail: false })],
      'check-ae',
    ],
    ['nothing found', [], 'no-match'],
    [
      'two records: never one picked silently',
      [candidate(), candidate({ recordId: '00Q000000000001EAA' })],
      'several-matches',
    ],
    ['a record with no AE link', [candidate({ prospectId: null })], 'not-linked'],
    ["a record id whose email is not the row's", [candidate({ email: 'ken@example.com' })], 'other-email'],
  ] as const)('%s', (_, candidates, verdict) => {
    expect(verdictOf(listRow(), candidates)).toBe(verdict);
  });

  it('says a prospect id alone is not found by the preview, rather than "no match"', () => {
    expect(verdictOf(listRow({ email: null, prospectId: 7 }), [])).toBe('prospect-only');
  });
});

const row = (state: BatchRow['state']): BatchRow => ({
  ...listRow(),
  candidates: [candidate()],
  verdict: 'will-opt-in',
  state,
});
const batch = (rows: BatchRow[], over: Partial<Batch> = {}): Batch => ({
  id: 'b1',
  createdAt: 0,
  salesforceHost: 'acme.my.salesforce.com',
  orgId: null,
  rows,
  refused: [],
  state: 'running',
  previewExpiresAt: 0,
  deadline: 1_000_000,
  concurrency: 2,
  rowSeconds: 150,
  ...over,
});

describe("the verdict once the AE side is read (the person's latest wish)", () => {
  const evidenceAt = Date.UTC(2026, 1, 3);
  const row = listRow({ evidenceAt });
  const optedOut = { optedOut: true, isDoNotEmail: false, isEmailHardBounced: false };
  it('never runs a row whose person opted out after the evidence date, and says when', () => {
    const later = Date.UTC(2026, 1, 9, 8);
    expect(withAeSide(row, 'will-opt-in', optedOut, [Date.UTC(2026, 1, 2), later], true)).toEqual({
      verdict: 'opted-out-again',
      optOutCheck: 'after-evidence',
      optedOutAt: new Date(later).toISOString(),
    });
    // A date without a time starts its day: an opt-out later that day is after it.
    expect(withAeSide(row, 'will-opt-in', optedOut, [evidenceAt + 3_600_000], true).verdict).toBe('opted-out-again');
  });

  it('runs a row whose opt-outs are all before the evidence date', () => {
    expect(withAeSide(row, 'will-opt-in', optedOut, [Date.UTC(2026, 1, 2)], true)).toEqual({
      verdict: 'will-opt-in',
      optOutCheck: 'clear',
    });
  });

  it('says why it could not look, instead of guessing: no date, no API connection, activities unread', () => {
    expect(withAeSide(listRow(), 'will-opt-in', optedOut, [Date.now()], true).optOutCheck).toBe('no-date');
    expect(withAeSide(row, 'will-opt-in', undefined, null, false)).toEqual({
      verdict: 'will-opt-in',
      optOutCheck: 'no-api',
    });
    expect(withAeSide(row, 'will-opt-in', optedOut, null, true)).toEqual({
      verdict: 'will-opt-in',
      optOutCheck: 'unreadable',
    });
  });

  it('has nothing to do when both sides were read opted in, and leaves rows that do not run as they are', () => {
    const optedIn = { ...optedOut, optedOut: false };
    expect(withAeSide(row, 'check-ae', optedIn, [], true).verdict).toBe('already-opted-in');
    expect(withAeSide(row, 'no-match', undefined, null, true)).toEqual({ verdict: 'no-match' });
  });
});

describe('running a batch', () => {
  it('starts rows up to the concurrency, and no more while they run', () => {
    expect(nextBatchStep(batch([row('waiting'), row('waiting'), row('waiting')]), 0)).toEqual({
      do: 'start',
      rows: [0, 1],
    });
    expect(nextBatchStep(batch([row('running'), row('running'), row('waiting')]), 0)).toEqual({ do: 'wait' });
    expect(nextBatchStep(batch([row('done'), row('running'), row('waiting')]), 0)).toEqual({ do: 'start', rows: [2] });
  });

  it('starts nothing while paused, and still expires at the deadline set at Confirm', () => {
    const paused = batch([row('waiting')], { state: 'paused' });
    expect(nextBatchStep(paused, 0)).toEqual({ do: 'wait' });
    expect(nextBatchStep(paused, 1_000_001)).toEqual({ do: 'expire', rows: [0] });
    expect(nextBatchStep({ ...paused, state: 'running' }, 1_000_001)).toEqual({ do: 'expire', rows: [0] });
  });

  it('finishes when no row waits or runs', () => {
    expect(nextBatchStep(batch([row('done'), row('failed'), row('skipped')]), 0)).toEqual({ do: 'finish' });
  });

  it('cancels the rows never started and leaves running ones to finish as jobs', () => {
    const cancelled = cancelBatch(batch([row('done'), row('running'), row('waiting')]));
    expect(cancelled.rows.map((r) => r.state)).toEqual(['done', 'running', 'cancelled']);
    expect(progressOf(cancelled)).toMatchObject({ done: 1, remaining: 1, running: 1 });
  });

  it('sets the deadline past the estimate with a margin', () => {
    // 4 rows, 2 at a time, 150 s each: 300 s expected, plus at least ten minutes.
    expect(deadlineFor(0, 4, 2, 150)).toBe(300_000 + 600_000);
  });
});

describe('the API budget', () => {
  it('refuses a batch that would leave the org less than a tenth of its daily requests', () => {
    expect(budgetRefusal(500, { max: 15_000, remaining: 14_000 })).toEqual({ cost: 5_500, refused: false });
    expect(budgetRefusal(500, { max: 15_000, remaining: 3_000 })).toEqual({ cost: 5_500, refused: true });
  });

  it("counts what a row's job costs in Salesforce calls, a rewrite and the evidence Task included, not the 4 of a bare first attempt", () => {
    // A row: the preflight's record and history reads, the write, the verification's read, the two
    // looks after it (6, as the bench counts them); one rewrite (4) and the Task (1) on top.
    // 5,000 left of 15,000 held 500 rows at 4 calls each; at 11 they would leave less than a tenth.
    expect(budgetRefusal(500, { max: 15_000, remaining: 5_000 })).toEqual({ cost: 5_500, refused: true });
    expect(budgetRefusal(300, { max: 15_000, remaining: 5_000 })).toEqual({ cost: 3_300, refused: false });
  });
});

describe('rows the Restore page sends', () => {
  const parsed = parseRestoreList('email,record_id,evidence\nAiko@example.com,,asked\n,003000000000001,asked too\n');
  const rows = parsed.ok ? parsed.rows : [];

  it('are taken as parsed, and the schema allows as many rows as the parser', () => {
    expect(rows).toHaveLength(2);
    expect(rowsAsParsed(rows)).toBe(true);
    expect(MAX_LIST_ROWS).toBe(MAX_ROWS);
  });

  it.each([
    ['without evidence', { evidence: '' }],
    ['with a formula for evidence', { evidence: '=HYPERLINK("x")' }],
    ['with an email in capitals (a second spelling of a person)', { email: 'AIKO@example.com' }],
    ['with a record id of the wrong object', { recordId: '003000000000001AAA', object: 'Lead' as const }],
  ])('are refused whole when one row comes %s', (_, change) => {
    expect(rowsAsParsed([{ ...(rows[0] as ListRow), ...change }, rows[1] as ListRow])).toBe(false);
  });

  it('are refused whole when one person comes twice', () => {
    expect(rowsAsParsed([rows[0] as ListRow, { ...(rows[0] as ListRow), line: 9 }])).toBe(false);
  });
});
