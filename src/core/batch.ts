/**
 * A batch restore as plain data: the rows of a list, what the preview found
 * for each, and the run's state. The worker (background/batches.ts) resolves
 * rows, starts each one as a normal opt-in job and feeds back how it ended;
 * what to start next, what has expired, and the progress are decided here.
 */
import type { ErrorCode } from './errors';
import type { RowProblem } from './row-problems';
import { objectOfId, type SalesforceObject, toId18 } from './salesforce-id';

/** One person of a list, as read (src/core/restore-csv.ts). */
export interface ListRow {
  /** The row's line in the input (the header is line 1). */
  line: number;
  email: string | null;
  prospectId: number | null;
  /** The 18-character id, and its object by key prefix. */
  recordId: string | null;
  object: SalesforceObject | null;
  evidence: string;
  /** When the person asked (the `evidence_date` column), in milliseconds; null when the list gives no date. */
  evidenceAt: number | null;
}

export interface RefusedRow {
  line: number;
  problem: RowProblem;
  /** What the row said, for the admin to find it (the identity cells, never run). */
  text: string;
}

/** The largest list one batch takes (rows after the header, and bytes of the file or paste). */
export const MAX_ROWS = 1_000;
export const MAX_BYTES = 1_000_000;
/** Longer evidence is refused rather than cut: the audit keeps what the admin wrote, whole. */
export const MAX_EVIDENCE = 500;

export const EMAIL = /^[^\s@"<>,;]+@[^\s@"<>,;]+\.[^\s@"<>,;]+$/;
/** What a spreadsheet may run as a formula when the cell starts with it (OWASP "CSV Injection"). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** The person a row names, for duplicates: the strongest identity given. */
export function personKey(row: ListRow): string {
  if (row.recordId) return `record:${row.recordId}`;
  if (row.prospectId !== null) return `prospect:${row.prospectId}`;
  return `email:${row.email}`;
}

/**
 * The worker's own check of rows the Restore page parsed (papaparse runs in
 * the page only): each as parseRestoreList makes them, no person twice. A
 * list that fails is refused whole; the page never sends one.
 */
export function rowsAsParsed(rows: readonly ListRow[]): boolean {
  const people = new Set(rows.map(personKey));
  return (
    people.size === rows.length &&
    rows.length <= MAX_ROWS &&
    rows.every(
      (row) =>
        (row.email !== null || row.prospectId !== null || row.recordId !== null) &&
        (row.email === null || (EMAIL.test(row.email) && row.email === row.email.toLowerCase())) &&
        (row.prospectId === null || (Number.isSafeInteger(row.prospectId) && row.prospectId > 0)) &&
        (row.recordId === null || (toId18(row.recordId) === row.recordId && objectOfId(row.recordId) === row.object)) &&
        row.evidence.trim() === row.evidence &&
        row.evidence.length > 0 &&
        row.evidence.length <= MAX_EVIDENCE &&
        !FORMULA_START.test(row.evidence) &&
        (row.evidenceAt === null || (Number.isSafeInteger(row.evidenceAt) && row.evidenceAt > 0)),
    )
  );
}

/** One Lead or Contact the preview found for a row. */
export interface Candidate {
  object: SalesforceObject;
  recordId: string;
  email: string | null;
  hasOptedOutOfEmail: boolean;
  hardBounced: boolean | null;
  /** The prospect the record's Account Engagement link names, if it names one. */
  prospectId: number | null;
  aeHost: string | null;
  /** That prospect as the AE API showed it in the preview; absent when it was not read (no API connection). */
  ae?: AeSide | null;
}

/** The Account Engagement side of a candidate, as the preview read it in bulk. */
export interface AeSide {
  optedOut: boolean;
  isDoNotEmail: boolean;
  isEmailHardBounced: boolean;
}

/**
 * Whether the person opted out after the row's evidence date, as far as the preview could tell:
 * checked (none after it), not checked because the row gives no date, no API connection to read
 * the activities with, or the activities could not be read.
 */
export type OptOutCheck = 'clear' | 'after-evidence' | 'no-date' | 'no-api' | 'unreadable';

export type Verdict =
  /** Salesforce shows Email Opt Out checked and the record is linked: the row runs. */
  | 'will-opt-in'
  /** Salesforce shows it opted in; the AE side is read when the row runs (opted in there too: nothing written). */
  | 'check-ae'
  | 'no-match'
  /** Only a prospect id: the preview reads Salesforce, which cannot be searched by it. */
  | 'prospect-only'
  | 'several-matches'
  | 'not-linked'
  | 'other-email'
  /** The prospect's opt-out activity is newer than the row's evidence date: the person's latest wish wins. */
  | 'opted-out-again'
  /** The preview read both sides opted in already: nothing to do. */
  | 'already-opted-in';

export const RUNS: ReadonlySet<Verdict> = new Set(['will-opt-in', 'check-ae']);

type RowState = 'waiting' | 'running' | 'done' | 'failed' | 'expired' | 'cancelled' | 'skipped';

export interface BatchRow extends ListRow {
  candidates: Candidate[];
  verdict: Verdict;
  /** Set for rows that would run: whether an opt-out after the evidence date was looked for, and found. */
  optOutCheck?: OptOutCheck;
  /** The newest opt-out after the evidence date, when one was found (ISO time). */
  optedOutAt?: string;
  state: RowState;
  jobId?: string;
  error?: ErrorCode;
  written?: string[];
}

type BatchState = 'previewed' | 'running' | 'paused' | 'finished' | 'cancelled';

export interface Batch {
  id: string;
  createdAt: number;
  salesforceHost: string;
  orgId: string | null;
  rows: BatchRow[];
  refused: RefusedRow[];
  state: BatchState;
  /** The preview may be confirmed until then; after that it is read again. */
  previewExpiresAt: number;
  /**
   * Why the worker paused the batch itself: a row could not start for a sign-in every row needs
   * (the session expired). The rows wait, unwritten; the admin signs in again and resumes.
   */
  pausedFor?: ErrorCode;
  /** Set at Confirm: a row not started by then ends `expired`, nothing written. Pausing does not move it. */
  deadline?: number;
  confirmedAt?: number;
  admin?: string;
  concurrency: number;
  /** Whether the preview read Account Engagement in bulk through an API connection. */
  aeRead?: boolean;
  /** Seconds one row takes: a sync interval, its margin, and the reads and writes around them. */
  rowSeconds: number;
}

/** A preview is good this long: longer than one job's confirmation, as a list takes a while to read. */
export const PREVIEW_TTL_MS = 15 * 60_000;
/**
 * Salesforce REST calls one row's job is counted at. A row verified after its first sync makes 6: the
 * preflight's read of the record and of Email Opt Out's field history, the write, the verification's
 * read, and one read in each of the two looks after it (background/watch.ts). One rewrite adds 4 (a
 * preflight, a write, a verification) and the evidence Task 1, where the admin asked for it. Checking
 * for the sync reads the AE side only. `npm run bench` counts the calls of a real run.
 */
const SALESFORCE_CALLS_PER_ROW = 6 + 4 + 1;
/** What the batch leaves of the org's daily allowance for everything else. */
const DAILY_RESERVE_SHARE = 0.1;

export function runnable(rows: readonly BatchRow[]): BatchRow[] {
  return rows.filter((row) => RUNS.has(row.verdict));
}

/**
 * How long the run is expected to take: the runnable rows in waves of
 * `concurrency`, each wave a row's time. The deadline adds half as much
 * again (at least ten minutes), so a slow sync is not a failed batch.
 */
export function estimateMs(rows: number, concurrency: number, rowSeconds: number): number {
  return Math.ceil(rows / Math.max(1, concurrency)) * rowSeconds * 1000;
}

export function deadlineFor(now: number, rows: number, concurrency: number, rowSeconds: number): number {
  const estimate = estimateMs(rows, concurrency, rowSeconds);
  return now + estimate + Math.max(estimate / 2, 10 * 60_000);
}

/** Refuses a batch that would leave the org less than its reserve of daily API requests. */
export function budgetRefusal(
  rows: number,
  limits: { max: number; remaining: number } | null,
): { cost: number; refused: boolean } {
  const cost = rows * SALESFORCE_CALLS_PER_ROW;
  if (!limits) return { cost, refused: false };
  return { cost, refused: limits.remaining - cost < limits.max * DAILY_RESERVE_SHARE };
}

/** The verdict for a row from the Salesforce records its identity matched. */
export function verdictOf(row: ListRow, candidates: readonly Candidate[]): Verdict {
  if (!row.email && !row.recordId) return 'prospect-only';
  if (candidates.length === 0) return 'no-match';
  if (candidates.length > 1) return 'several-matches';
  const [only] = candidates as [Candidate];
  if (row.email && only.email?.toLowerCase() !== row.email) return 'other-email';
  if (only.prospectId === null || !only.aeHost) return 'not-linked';
  if (row.prospectId !== null && only.prospectId !== row.prospectId) return 'several-matches';
  return only.hasOptedOutOfEmail ? 'will-opt-in' : 'check-ae';
}

/**
 * The verdict once the Account Engagement side is known: a row that would run and whose person
 * opted out after its evidence date never runs; one whose pair the API showed opted in on both
 * sides has nothing to do. `optOuts` are the times of the prospect's opt-out activities, or null
 * when they could not be read.
 */
export function withAeSide(
  row: ListRow,
  verdict: Verdict,
  ae: AeSide | null | undefined,
  optOuts: readonly number[] | null,
  apiConnected: boolean,
): { verdict: Verdict; optOutCheck?: OptOutCheck; optedOutAt?: string } {
  if (!RUNS.has(verdict)) return { verdict };
  let optOutCheck: OptOutCheck;
  if (row.evidenceAt === null) optOutCheck = 'no-date';
  else if (!apiConnected) optOutCheck = 'no-api';
  else if (!optOuts) optOutCheck = 'unreadable';
  else {
    const after = optOuts.filter((at) => at > (row.evidenceAt as number)).sort((a, b) => b - a)[0];
    if (after !== undefined)
      return { verdict: 'opted-out-again', optOutCheck: 'after-evidence', optedOutAt: new Date(after).toISOString() };
    optOutCheck = 'clear';
  }
  if (verdict === 'check-ae' && ae && !ae.optedOut) return { verdict: 'already-opted-in', optOutCheck };
  return { verdict, optOutCheck };
}

export type BatchStep =
  | { do: 'start'; rows: number[] }
  | { do: 'expire'; rows: number[] }
  | { do: 'finish' }
  | { do: 'wait' };

/** What the run does now: rows past the deadline expire, free slots start the next rows, the end ends it. */
export function nextBatchStep(batch: Batch, now: number): BatchStep {
  const waiting = batch.rows.flatMap((row, i) => (row.state === 'waiting' ? [i] : []));
  // A paused batch expires too: pausing never stretches the deadline the admin confirmed.
  const started = batch.state === 'running' || batch.state === 'paused';
  if (started && batch.deadline !== undefined && now > batch.deadline && waiting.length)
    return { do: 'expire', rows: waiting };
  if (batch.state !== 'running') return { do: 'wait' };
  const running = batch.rows.filter((row) => row.state === 'running').length;
  if (!waiting.length && !running) return { do: 'finish' };
  const free = batch.concurrency - running;
  return free > 0 && waiting.length ? { do: 'start', rows: waiting.slice(0, free) } : { do: 'wait' };
}

export interface BatchProgress {
  done: number;
  failed: number;
  remaining: number;
  running: number;
  /** Milliseconds still expected at this concurrency. */
  estimateMs: number;
}

export function progressOf(batch: Batch): BatchProgress {
  const count = (...states: RowState[]) => batch.rows.filter((row) => states.includes(row.state)).length;
  const remaining = count('waiting', 'running');
  return {
    done: count('done'),
    failed: count('failed', 'expired'),
    remaining,
    running: count('running'),
    estimateMs: estimateMs(remaining, batch.concurrency, batch.rowSeconds),
  };
}

/** Cancelling: rows not started stay untouched (`cancelled`); rows already running finish as jobs. */
export function cancelBatch(batch: Batch): Batch {
  return {
    ...batch,
    state: 'cancelled',
    rows: batch.rows.map((row) => (row.state === 'waiting' ? { ...row, state: 'cancelled' } : row)),
  };
}
