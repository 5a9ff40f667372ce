/**
 * Restore a list: the worker's side of the Restore page. The preview reads
 * Salesforce in bulk and writes nothing; Confirm (in the extension's own page,
 * once for the batch, before the preview expires and within the org's daily
 * API allowance) starts the runnable rows as normal opt-in jobs, a bounded
 * number at a time, each with its own evidence as the job's reason. The batch
 * lives in storage.local and an alarm brings the run back after the worker
 * stops or the browser restarts.
 */
import browser from 'webextension-polyfill';
import type { ListRow, RefusedRow } from '../core/batch';
import {
  type Batch,
  type BatchRow,
  budgetRefusal,
  cancelBatch,
  deadlineFor,
  estimateMs,
  nextBatchStep,
  PREVIEW_TTL_MS,
  progressOf,
  RUNS,
  rowsAsParsed,
  runnable,
  type Verdict,
  verdictOf,
  withAeSide,
} from '../core/batch';
import { toCsv } from '../core/csv-out';
import { type ErrorCode, errorCodeOf, GuardError } from '../core/errors';
import { isFinished, type Job, type JobTarget } from '../core/job';
import type { BatchView } from '../core/messages';
import { AeApiClient } from './ae-api';
import { jobTargetFor } from './ae-side';
import { readAeInBulk } from './batch-ae-reads';
import { resolveRows } from './batch-reads';
import { startJob } from './coordinator';
import { allJobs, getJob, onJobSaved } from './jobs';
import { accessToken } from './oauth';
import { businessUnitOf, type Org, orgForHost } from './org';
import { signedInOrgs } from './salesforce-rest';
import { read, update } from './store';

const ALARM_PREFIX = 'batch:';
/** How often a running batch looks at its jobs when nothing else wakes it (Chrome's alarm minimum). */
const TICK_MS = 30_000;
/**
 * Finished batches kept for their result CSV. storage.local holds 10 MB without unlimitedStorage and
 * a 1,000-row batch takes about 0.7 MB, so only a few are kept; the audit log keeps every row.
 */
const KEEP_FINISHED = 3;

export const batchIdOfAlarm = (name: string): string | null =>
  name.startsWith(ALARM_PREFIX) ? name.slice(ALARM_PREFIX.length) : null;

export async function batchOrgs(): Promise<string[]> {
  return (await signedInOrgs()).map((session) => session.host);
}

async function saveBatch(batch: Batch): Promise<void> {
  await update('batches', (all) => {
    const next = { ...all, [batch.id]: batch };
    const now = Date.now();
    // A preview no longer confirmable is of no use; a batch with rows still running is always kept.
    for (const b of Object.values(next))
      if (b.state === 'previewed' && b.id !== batch.id && now > b.previewExpiresAt) delete next[b.id];
    const ended = Object.values(next)
      .filter((b) => (b.state === 'finished' || b.state === 'cancelled') && !b.rows.some((r) => r.state === 'running'))
      .sort((a, b) => b.createdAt - a.createdAt);
    for (const old of ended.slice(KEEP_FINISHED)) delete next[old.id];
    return next;
  });
}

async function batchOf(id: string): Promise<Batch> {
  const batch = (await read('batches'))[id];
  if (!batch) throw new GuardError('confirmation-expired');
  return batch;
}

async function viewOf(batch: Batch, org?: Org): Promise<BatchView> {
  const rows = batch.state === 'previewed' ? runnable(batch.rows).length : progressOf(batch).remaining;
  const limits = org ? await org.salesforce.dailyApiRequests().catch(() => null) : null;
  const { cost, refused } = budgetRefusal(rows, limits);
  return {
    batch,
    progress: progressOf(batch),
    cost,
    limits,
    overBudget: refused,
    estimateMs: estimateMs(rows, batch.concurrency, batch.rowSeconds),
  };
}

/** The read-only preview: the list parsed, every row resolved in Salesforce in bulk, and its verdict. */
export async function previewBatch(
  orgHost: string,
  parsed: { rows: ListRow[]; refused: RefusedRow[] },
  concurrency: number,
): Promise<BatchView> {
  if (!rowsAsParsed(parsed.rows)) throw new GuardError('bad-request');
  const org = await orgForHost(orgHost);
  const { candidates } = await resolveRows(org.salesforce, parsed.rows);
  const options = await read('options');
  const now = Date.now();
  const verdicts = parsed.rows.map((row, i) => verdictOf(row, candidates[i] ?? []));
  const ae = await previewAeSide(org, parsed.rows, candidates, verdicts);
  const rows: BatchRow[] = parsed.rows.map((row, i) => {
    const [only] = candidates[i] ?? [];
    const prospect = only?.prospectId ? ae?.prospects.get(only.prospectId) : undefined;
    const side = prospect
      ? {
          optedOut: prospect.optedOut,
          isDoNotEmail: prospect.isDoNotEmail,
          isEmailHardBounced: prospect.isEmailHardBounced,
        }
      : null;
    // Only the rows that would run were read in Account Engagement; the others show Salesforce alone.
    const read = ae !== null && RUNS.has(verdicts[i] ?? 'no-match');
    const found = (candidates[i] ?? []).map((c) => (read && c === only ? { ...c, ae: side } : c));
    const optOuts = only?.prospectId ? (ae?.optOuts.get(only.prospectId) ?? null) : null;
    const judged = withAeSide(row, verdicts[i] ?? 'no-match', side, optOuts, ae !== null);
    return { ...row, candidates: found, ...judged, state: 'waiting' };
  });
  const batch: Batch = {
    id: crypto.randomUUID(),
    createdAt: now,
    salesforceHost: org.session.host,
    orgId: org.session.orgId,
    rows,
    refused: parsed.refused,
    state: 'previewed',
    previewExpiresAt: now + PREVIEW_TTL_MS,
    concurrency,
    aeRead: ae !== null,
    rowSeconds: options.syncIntervalSeconds + options.marginSeconds + 30,
  };
  await saveBatch(batch);
  return viewOf(batch, org);
}

/**
 * The Account Engagement side of the rows that would run, read in bulk through the org's API
 * connection (OAuth), with the opt-out activities since the oldest evidence date; null without a
 * connection or a business unit to send it with (each row then says its opt-outs were not read).
 */
async function previewAeSide(
  org: Org,
  rows: readonly ListRow[],
  candidates: readonly (readonly { prospectId: number | null; aeHost: string | null }[])[],
  verdicts: readonly Verdict[],
) {
  const token = await accessToken(org.session.orgId).catch(() => null);
  if (!token) return null;
  const { current } = await businessUnitOf(org);
  if (!current) return null;
  const wanted = rows.flatMap((row, i) => {
    const [only] = candidates[i] ?? [];
    return RUNS.has(verdicts[i] ?? 'no-match') && only?.prospectId && only.aeHost
      ? [{ prospectId: only.prospectId, aeHost: only.aeHost, evidenceAt: row.evidenceAt }]
      : [];
  });
  const [first] = wanted;
  if (!first) return null;
  const dates = wanted.flatMap((w) => (w.evidenceAt === null ? [] : [w.evidenceAt]));
  const since = dates.length ? Math.min(...dates) : null;
  // One org links to one Account Engagement host: the prospects of every row are read there.
  const api = new AeApiClient(first.aeHost, token, current.id);
  const ids = wanted.filter((w) => w.aeHost === first.aeHost).map((w) => w.prospectId);
  return readAeInBulk(api, ids, since);
}

/**
 * The admin's one Confirm for the batch: the count the page showed must be
 * the preview's, the preview not expired, and the org's daily allowance must
 * hold the run. The deadline is the estimate shown plus a margin.
 */
export async function confirmBatch(id: string, count: number, now = Date.now()): Promise<BatchView> {
  const batch = await batchOf(id);
  if (batch.state !== 'previewed' || now > batch.previewExpiresAt) throw new GuardError('confirmation-expired');
  const rows = runnable(batch.rows);
  if (rows.length !== count || count === 0) throw new GuardError('pair-changed');
  const org = await orgForHost(batch.salesforceHost);
  const limits = await org.salesforce.dailyApiRequests().catch(() => null);
  if (budgetRefusal(rows.length, limits).refused) throw new GuardError('daily-limit');
  const admin = await org.salesforce.username().catch(() => 'unknown');
  const running: Batch = {
    ...batch,
    state: 'running',
    confirmedAt: now,
    admin,
    deadline: deadlineFor(now, rows.length, batch.concurrency, batch.rowSeconds),
    rows: batch.rows.map((row) => (RUNS.has(row.verdict) ? row : { ...row, state: 'skipped' })),
  };
  await inTurn(() => saveBatch(running));
  await pump(id);
  return viewOf(await batchOf(id), org);
}

export async function controlBatch(id: string, action: 'pause' | 'resume' | 'cancel'): Promise<BatchView> {
  // In turn with the pumps: one starting rows (a row's job just ended) would otherwise save the batch
  // as it read it, over the admin's pause or cancel.
  await inTurn(async () => {
    let batch = await batchOf(id);
    if (action === 'cancel' && (batch.state === 'running' || batch.state === 'paused')) batch = cancelBatch(batch);
    else if (action === 'pause' && batch.state === 'running') batch = { ...batch, state: 'paused' };
    else if (action === 'resume' && batch.state === 'paused')
      batch = { ...batch, state: 'running', pausedFor: undefined };
    await saveBatch(batch);
  });
  await pump(id);
  return viewOf(await batchOf(id));
}

export async function batchView(id: string): Promise<BatchView | null> {
  if (!(await read('batches'))[id]) return null;
  await pump(id);
  return viewOf(await batchOf(id));
}

/**
 * How a row's job ended, from the job or, once the job is pruned, from its audit entry. `sent`: a write
 * of the job left, confirmed or not (one a browser restart cut off may have landed).
 */
type RowOutcome = Pick<BatchRow, 'state' | 'error' | 'written'> & { sent?: boolean };

/** Whether any write of the job left: written or not, such a row's pair is never a new job's. */
const sentWrites = (job: Pick<Job, 'attempts'>): boolean =>
  job.attempts.some((attempt) => Object.keys(attempt.writes).length > 0);

async function outcomeOf(jobId: string): Promise<RowOutcome | null> {
  const job = await getJob(jobId);
  if (job) {
    if (!isFinished(job)) return null;
    if (job.outcome?.result === 'done') return { state: 'done', written: ['ae', 'salesforce'] };
    const error = job.outcome?.error ?? 'internal';
    const written = job.outcome?.written ?? [];
    // Both sides already opted in when the row ran (a 'check-ae' row): nothing to do, not a failure.
    if (error === 'not-opted-out' && written.length === 0) return { state: 'skipped', error, written };
    return { state: 'failed', error, written, sent: sentWrites(job) };
  }
  const entry = (await read('audit')).find((e) => e.jobId === jobId);
  if (!entry || entry.outcome === 'running') return entry ? null : { state: 'failed', error: 'internal' };
  return entry.outcome === 'done'
    ? { state: 'done', written: entry.written }
    : {
        state: 'failed',
        error: (entry.error ?? 'internal') as BatchRow['error'],
        written: entry.written,
        sent: sentWrites(entry),
      };
}

async function targetFor(batch: Batch, row: BatchRow, org: Org): Promise<JobTarget> {
  const [found] = row.candidates;
  if (!found?.prospectId || !found.aeHost || !found.email) throw new GuardError('not-linked');
  const { prospectId, aeHost, object, recordId, email } = found;
  return jobTargetFor(org, { prospectId, aeHost, object, recordId, email, batchId: batch.id });
}

/**
 * The job this batch started for the row's pair that no row holds: the worker (or the browser) stopped
 * after the job was stored and before the batch was. It is the row's job; a second would write again.
 */
function startedBefore(batch: Batch, row: BatchRow, jobs: readonly Job[]): Job | undefined {
  const [found] = row.candidates;
  const held = new Set(batch.rows.flatMap((r) => (r.jobId ? [r.jobId] : [])));
  return jobs.find(
    (job) =>
      job.batchId === batch.id &&
      !held.has(job.id) &&
      // One that stopped for the sign-in having sent nothing was given back: the row starts anew.
      !(
        job.outcome?.result === 'failed' && waitsForSignIn({ state: 'failed', ...job.outcome, sent: sentWrites(job) })
      ) &&
      job.prospectId === found?.prospectId &&
      job.aeHost === found?.aeHost,
  );
}

/** A row that cannot start for one of these needs what every row needs: the batch pauses instead. */
const SIGN_IN: ReadonlySet<ErrorCode> = new Set(['session-expired']);

/**
 * A job that stopped for the sign-in before any write left: its row may start again once signed in. One
 * whose writes left unconfirmed (a browser restart cut them off) keeps its failure: they may have landed,
 * and a second job would write the pair again.
 */
const waitsForSignIn = (outcome: RowOutcome): boolean =>
  outcome.state === 'failed' &&
  outcome.error !== undefined &&
  SIGN_IN.has(outcome.error) &&
  (outcome.written?.length ?? 0) === 0 &&
  !outcome.sent;

/** Pauses the batch for a sign-in every row needs; false (nothing changed) for any other error. */
function pauseForSignIn(batch: Batch, code: ErrorCode): boolean {
  if (!SIGN_IN.has(code)) return false;
  batch.state = 'paused';
  batch.pausedFor = code;
  return true;
}

let pumping: Promise<unknown> = Promise.resolve();
/** Runs `work` after every pump and control before it, and before any after it: each reads the batch the last one stored. */
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const next = pumping.then(work);
  pumping = next.catch(() => undefined);
  return next;
}

/** One step of every kind the batch can take now; serialised, so two wake-ups never start a row twice. */
export function pump(id: string): Promise<void> {
  return inTurn(() => pumpNow(id));
}

async function pumpNow(id: string): Promise<void> {
  const stored = (await read('batches'))[id];
  if (!stored) return;
  const batch: Batch = { ...stored, rows: [...stored.rows] };
  await takeOutcomes(batch);
  await takeSteps(batch);
  await saveBatch(batch);
  // A paused batch keeps its alarm too, so its rows expire at the deadline even if nobody looks.
  const active =
    batch.rows.some((row) => row.state === 'running') ||
    ((batch.state === 'running' || batch.state === 'paused') && batch.rows.some((row) => row.state === 'waiting'));
  if (active) await browser.alarms.create(ALARM_PREFIX + id, { when: Date.now() + TICK_MS });
  else await browser.alarms.clear(ALARM_PREFIX + id);
}

/** Each running row whose job has ended takes its outcome (or waits again for the sign-in it stopped for). */
async function takeOutcomes(batch: Batch): Promise<void> {
  for (const [i, row] of batch.rows.entries()) {
    if (row.state !== 'running' || !row.jobId) continue;
    const outcome = await outcomeOf(row.jobId);
    if (!outcome) continue;
    if (waitsForSignIn(outcome) && (batch.state === 'running' || batch.state === 'paused')) {
      // Its job stopped for the sign-in before writing anything: the row waits for it with the rows
      // left and runs as a new job on Resume, as if it had not started.
      const { jobId: _job, error: _error, written: _written, ...unstarted } = row;
      batch.rows[i] = { ...unstarted, state: 'waiting' };
    } else {
      const { sent: _sent, ...ended } = outcome;
      batch.rows[i] = { ...row, ...ended };
    }
    // A row that failed for the sign-in every row needs: the rows left wait for it rather than fail too.
    if (outcome.state === 'failed' && outcome.error && batch.state === 'running') pauseForSignIn(batch, outcome.error);
  }
}

/** The steps the batch can take now (rows started, rows expired, the batch finished), until it must wait. */
async function takeSteps(batch: Batch): Promise<void> {
  const starting: RowsStarting = { org: null, jobsBefore: null };
  for (;;) {
    const step = nextBatchStep(batch, Date.now());
    if (step.do === 'wait') return;
    if (step.do === 'finish') {
      batch.state = 'finished';
      return;
    }
    if (step.do === 'expire') {
      for (const i of step.rows) batch.rows[i] = { ...(batch.rows[i] as BatchRow), state: 'expired' };
      continue;
    }
    for (const i of step.rows) if (!(await startRow(batch, i, starting))) break;
    if (batch.pausedFor) return;
  }
}

/** What one look's row starts share: the org, and the jobs stored before the look (read once). */
interface RowsStarting {
  org: Org | null;
  /** A job this look starts is held by its row already. */
  jobsBefore: Job[] | null;
}

/** Starts row `i` as a job (or takes the job it started before a worker stop); false when the batch paused for the sign-in. */
async function startRow(batch: Batch, i: number, starting: RowsStarting): Promise<boolean> {
  const row = batch.rows[i] as BatchRow;
  starting.jobsBefore ??= await allJobs();
  const earlier = startedBefore(batch, row, starting.jobsBefore);
  if (earlier) {
    // Its outcome is taken at the next look, as every running row's.
    batch.rows[i] = { ...row, state: 'running', jobId: earlier.id };
    return true;
  }
  try {
    starting.org ??= await orgForHost(batch.salesforceHost);
    // What the admin decided on is the preview, and the person's request its evidence date: an
    // opt-out after the earlier of the two is the person's newer wish.
    const seenAt = Math.min(batch.createdAt, row.evidenceAt ?? batch.createdAt);
    const target = await targetFor(batch, row, starting.org);
    const job: Job = await startJob(target, batch.admin ?? 'unknown', row.evidence, seenAt);
    batch.rows[i] = { ...row, state: 'running', jobId: job.id };
    return true;
  } catch (error) {
    const code = errorCodeOf(error);
    // Every row needs that sign-in: failing them all in a second would help nobody. They wait.
    if (pauseForSignIn(batch, code)) return false;
    batch.rows[i] = { ...row, state: 'failed', error: code, written: [] };
    return true;
  }
}

// A row whose job ends frees its slot at once: the batch's next rows start then, with or without the
// Restore page open (its refresh and the batch's alarm, 30 s apart in a packed extension, are fallbacks).
onJobSaved((job) => {
  if (job.batchId && isFinished(job)) void pump(job.batchId).catch(() => undefined);
});

/** After the worker (or the browser) restarts: every batch with work left looks at its jobs again. */
export async function resumeBatches(): Promise<void> {
  for (const batch of Object.values(await read('batches')))
    if (batch.state === 'running' || batch.rows.some((row) => row.state === 'running')) await pump(batch.id);
}

/** The batch's result, one line per row (refused rows too): every cell quoted, formulas shown as text. */
export async function batchCsv(id: string): Promise<string> {
  const batch = await batchOf(id);
  const header = [
    'line',
    'email',
    'prospect_id',
    'record_id',
    'evidence',
    'verdict',
    'outcome',
    'reason',
    'written',
    'job',
    'batch',
  ];
  const rows = batch.rows.map((row) => {
    const [found] = row.candidates;
    return [
      row.line,
      row.email ?? found?.email ?? '',
      row.prospectId ?? found?.prospectId ?? '',
      row.recordId ?? (row.candidates.length === 1 ? found?.recordId : '') ?? '',
      row.evidence,
      row.verdict,
      row.state,
      row.error ?? '',
      (row.written ?? []).join(' '),
      row.jobId ?? '',
      batch.id,
    ];
  });
  const refused = batch.refused.map((row) => [
    row.line,
    row.text,
    '',
    '',
    '',
    'refused',
    'refused',
    row.problem,
    '',
    '',
    batch.id,
  ]);
  return toCsv([header, ...[...rows, ...refused].sort((a, b) => Number(a[0]) - Number(b[0]))]);
}
