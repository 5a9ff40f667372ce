/**
 * A batch run: the admin restores a short list through the Restore a list
 * page (some rows the parser or the preview refuses), confirms once, and
 * faults strike while the rows run: the worker stopped, the browser
 * restarted, the session expired, the AE page or Salesforce answering 5xx, a
 * row's record deleted, a person unsubscribing. Every row is then checked
 * against the invariants, with the faults that could reach it.
 */
import type { Page } from 'playwright-core';
import {
  auditLog,
  liveWorker,
  type StoredAuditEntry,
  type StoredJob,
  signIn,
  stopServiceWorker,
  storedJobs,
} from '../e2e/harness';
import type { SalesforceRecord } from '../sandbox/model';
import type { LogEntry } from '../sandbox/sandbox';
import { clearSandboxFaults, explained, type Fault, injectSandboxFault } from './faults';
import {
  auditProblems,
  consentProblems,
  productWritesIn,
  revertedAfterDone,
  unexplainedFailure,
  writeProblems,
  writtenId,
} from './invariants';
import type { Lab, RunDraw, RunResult } from './lab';
import { sleep } from './lab';

/** The faults a batch meets; the last two strike one row each. */
export const BATCH_FAULTS = [
  'worker-stop',
  'browser-restart',
  'expire-tokens',
  'ae-page-5xx',
  'sf-5xx',
  'record-deleted',
  'unsubscribe',
] as const satisfies readonly Fault[];
const ROW_FAULTS: readonly Fault[] = ['record-deleted', 'unsubscribe'];
/** Linked pairs a batch draws its rows from (at most this many rows). */
export const BATCH_POOL = 8;
/** A batch's rows run at most this long each in a wave (three attempts' sync waits and their retries). */
const WAVE_MS = 30_000;
/**
 * What an AE page 5xx adds, once, to the row it strikes: the post's answer is no prospect page, so the
 * page writer waits its whole bound for the page after Save (ae-page.ts, 30 s) before it calls the
 * save unconfirmed and the job tries again. WAVE_MS did not count it, and a wave of three rows under
 * `ae-page-5xx` and `sf-5xx` could overrun its bound while its rows still honestly retried (the likely
 * cause of seed 5156's row still running in one sample; it did not come back in replays).
 */
const UNANSWERED_SAVE_MS = 30_000;
/** How long a run waits, after its checks, for jobs still running: one job's three attempts on a loaded machine. */
const SETTLE_MS = 120_000;
/** The longest a batch run may take: a list of BATCH_POOL rows one at a time, with the page loads around it. */
export const BATCH_RUN_BOUND_MS = 60_000 + BATCH_POOL * WAVE_MS + UNANSWERED_SAVE_MS + 60_000 + SETTLE_MS;

interface PlannedRow {
  line: number;
  prospectId: number;
  record: SalesforceRecord;
  email: string;
  evidence: string;
  /** Runs; refused by the parser for its missing evidence; or refused by the preview, its pair unlinked then. */
  kind: 'runs' | 'no-evidence' | 'not-linked';
}

/** A stored batch, as the worker keeps it (the fields chaos looks at). */
interface StoredBatch {
  id: string;
  state: string;
  /** Why the worker paused it itself (a session that expired before a row could start). */
  pausedFor?: string;
  confirmedAt?: number;
  rows: { line: number; email: string | null; verdict: string; state: string; jobId?: string; error?: string }[];
  refused: { line: number; problem: string }[];
}

async function storedBatch(lab: Lab, id: string): Promise<StoredBatch | null> {
  const worker = await liveWorker(lab.browser);
  return (await worker.evaluate(
    async (batchId) =>
      ((await chrome.storage.local.get('batches')).batches as Record<string, unknown> | undefined)?.[batchId] ?? null,
    id,
  )) as StoredBatch | null;
}

/** The list: 3–8 pairs opted out as after an incident, one perhaps without evidence, one perhaps unlinked at preview. */
function planRows(lab: Lab, draw: RunDraw, pool: readonly number[]): PlannedRow[] {
  const { random } = draw;
  const count = 3 + Math.floor(random() * (BATCH_POOL - 2));
  const rows: PlannedRow[] = pool.slice(0, count).map((prospectId, i) => {
    const { prospect, record } = lab.org.sandbox.optOutPair(prospectId);
    const line = i + 2;
    const evidence = `replied to the 3 Feb email asking to stay (row ${line}, chaos seed ${draw.seed})`;
    return { line, prospectId, record, email: prospect.email, evidence, kind: 'runs' };
  });
  // At least two rows run; the others may be refused, each for its own reason.
  if (count >= 4 && random() < 0.5)
    Object.assign(rows[Math.floor(random() * count)] as PlannedRow, { kind: 'no-evidence' });
  const runs = rows.filter((row) => row.kind === 'runs');
  if (runs.length >= 3 && random() < 0.5)
    Object.assign(runs[Math.floor(random() * runs.length)] as PlannedRow, { kind: 'not-linked' });
  return rows;
}

const listOf = (rows: readonly PlannedRow[]) =>
  [
    'email,evidence',
    ...rows.map((row) => `${row.email},${row.kind === 'no-evidence' ? '' : `"${row.evidence}"`}`),
  ].join('\r\n');

/** The Restore page: the list previewed, its verdicts as planned, and the batch confirmed. Returns the batch's id, or why not. */
async function previewAndConfirm(
  lab: Lab,
  rows: readonly PlannedRow[],
  concurrency: number,
): Promise<{ page: Page; batchId: string | null; problem?: string }> {
  const page = await lab.browser.context.newPage();
  await page.goto(`chrome-extension://${lab.browser.extensionId}/src/restore/index.html`);
  await page.locator('[data-field="org"] option').first().waitFor({ state: 'attached' });
  await page.locator('[data-field="concurrency"]').fill(String(concurrency));
  await page.locator('[data-field="list"]').fill(listOf(rows));
  // The preview reads the unlinked row as unlinked; its link comes back before the batch runs.
  const unlinked = rows.filter((row) => row.kind === 'not-linked');
  const links = unlinked.map((row) => row.record.pi__url__c);
  for (const row of unlinked) row.record.pi__url__c = null;
  await page.locator('[data-field="preview"]').click();
  await page.locator('[data-field="batch"][data-state="previewed"], [data-field="error"]').first().waitFor();
  unlinked.forEach((row, i) => {
    row.record.pi__url__c = links[i] ?? null;
  });
  if (await page.locator('[data-field="error"]').count())
    return {
      page,
      batchId: null,
      problem: `the preview failed: ${await page.locator('[data-field="error"]').textContent()}`,
    };
  await page.locator('[data-field="confirm-batch"]').click();
  await page.locator('[data-field="batch"]:not([data-state="previewed"]), [data-field="error"]').first().waitFor();
  const batchId = new URL(page.url()).hash.slice(1) || null;
  if (await page.locator('[data-field="error"]').count())
    return {
      page,
      batchId,
      problem: `the batch was not confirmed: ${await page.locator('[data-field="error"]').textContent()}`,
    };
  return { page, batchId };
}

interface Strike {
  at: number;
  fault: Fault;
  /** The row a row fault strikes. */
  row?: PlannedRow;
}

/** When each fault strikes after Confirm, and which row a row fault strikes. */
function planStrikes(draw: RunDraw, runs: readonly PlannedRow[], concurrency: number, confirmedAt: number): Strike[] {
  const spread = 2_000 + Math.min(12_000, Math.ceil(runs.length / concurrency) * 5_000);
  return draw.faults
    .map((fault) => ({
      at: confirmedAt + Math.floor(draw.random() * spread),
      fault,
      ...(ROW_FAULTS.includes(fault) ? { row: runs[Math.floor(draw.random() * runs.length)] } : {}),
    }))
    .sort((a, b) => a.at - b.at);
}

/**
 * Strikes each fault at its moment while the batch runs, and waits until every
 * row has ended or the time is up. The admin keeps the page open, opens it
 * again after a restart, and signs in again (or not) after the session expired.
 */
async function driveBatch(lab: Lab, draw: RunDraw, batchId: string, strikes: Strike[], waves: number, page: Page) {
  const unsubscribed = new Map<number, number>();
  const bound = Date.now() + 45_000 + waves * WAVE_MS + (draw.faults.includes('ae-page-5xx') ? UNANSWERED_SAVE_MS : 0);
  let open: Page | null = page;
  let expiredAt: number | null = null;
  /** The admin signed in again after the session expired (and resumes a batch paused for it), or chose not to. */
  let signedIn: boolean | null = null;
  let batch: StoredBatch | null = null;
  while (!draw.abandoned() && Date.now() < bound) {
    for (const strike of strikes.filter((s) => s.at <= Date.now())) {
      strikes.splice(strikes.indexOf(strike), 1);
      if (strike.fault === 'worker-stop') await stopServiceWorker(lab.browser).catch(() => undefined);
      else if (strike.fault === 'browser-restart') {
        await lab.restartBrowser(draw.random);
        open = null;
        // The restart signs the admin in again (its session cookies went with the browser): a batch
        // paused meanwhile for the sign-in is resumed, as the page asks.
        signedIn = true;
        expiredAt = null;
      } else {
        const target = strike.row ?? { prospectId: 0, record: {} as SalesforceRecord };
        const at = injectSandboxFault(lab.org, strike.fault, draw.random, target);
        if (at !== null) unsubscribed.set(target.prospectId, at);
        if (strike.fault === 'expire-tokens') expiredAt = Date.now();
      }
    }
    if (expiredAt !== null && Date.now() - expiredAt > 4_000) {
      // The admin signs in again a little later: rows still to start may then start.
      signedIn = draw.random() < 0.5;
      if (signedIn) await signIn(lab.browser.context);
      expiredAt = null;
    }
    if (!open) {
      open = await lab.browser.context.newPage();
      await open.goto(`chrome-extension://${lab.browser.extensionId}/src/restore/index.html#${batchId}`);
    }
    batch = await storedBatch(lab, batchId).catch(() => batch);
    // A batch the worker paused for the sign-in: resumed once the admin signed in, else it waits, unwritten.
    const pausedForSignIn = batch?.state === 'paused' && batch.pausedFor === 'session-expired';
    if (pausedForSignIn && signedIn)
      await open
        .locator('[data-field="resume"]')
        .click({ timeout: 5_000 })
        .catch(() => undefined);
    const waitsForSignIn = pausedForSignIn && signedIn === false;
    const ended = batch?.state === 'finished' || batch?.state === 'cancelled' || waitsForSignIn;
    if (ended && !strikes.length && !batch?.rows.some((row) => row.state === 'running')) break;
    await sleep(500);
  }
  await open?.close().catch(() => undefined);
  return { batch, unsubscribed, signedIn };
}

/** The invariants for one row that was to run: it ended done or failed for a reason its faults explain, written once per attempt. */
function runRowProblems(
  row: PlannedRow,
  stored: StoredBatch['rows'][number] | undefined,
  job: StoredJob | undefined,
  faults: Fault[],
  log: readonly LogEntry[],
  anyJob: StoredJob | undefined,
): string[] {
  if (!stored) return ['the row is missing from the batch'];
  const problems: string[] = [];
  if (stored.state !== 'done' && stored.state !== 'failed')
    problems.push(`ended ${stored.state}${job ? `; its job: ${jobSummary(job)}` : ''}`);
  if (stored.jobId && !job)
    problems.push(
      anyJob
        ? `its job ${stored.jobId} is another batch's (${(anyJob as { batchId?: string }).batchId}): ${jobSummary(anyJob)}`
        : `its job ${stored.jobId} is not stored`,
    );
  if (stored.state === 'failed') {
    const error = stored.error ?? '';
    if (job?.outcome?.result === 'failed' && !explained(error, faults, log, row.prospectId))
      problems.push(unexplainedFailure(job, faults, log));
    else if (!job && !explained(error, faults, log, row.prospectId))
      problems.push(`failed at its start with "${error}", which its faults (${faults.join(', ')}) do not explain`);
  }
  if (job && (job as StoredJob & { reason?: string }).reason !== row.evidence)
    problems.push("its job lacks the row's evidence");
  return problems;
}

/** Where a job was when chaos looked, for a violation's line. */
function jobSummary(job: StoredJob): string {
  const stored = job as StoredJob & { lastError?: string; waitUntil?: number; deadline?: number };
  const now = Date.now();
  return JSON.stringify({
    phase: job.phase,
    outcome: job.outcome,
    lastError: stored.lastError,
    age: now - job.createdAt,
    sinceUpdate: now - job.updatedAt,
    waitFor: stored.waitUntil === undefined ? undefined : stored.waitUntil - now,
    attempts: job.attempts.map((a) => a.writes),
  });
}

/** Writes on a row's records: each allowed, and none beyond one per attempt on each side. */
function rowWriteProblems(row: PlannedRow, job: StoredJob | undefined, writes: readonly LogEntry[]): string[] {
  const problems = writes.flatMap((write) => writeProblems(write, job, row.evidence));
  const attempts = job?.attempts.length ?? 0;
  const count = (object: string) => writes.filter((write) => write.wrote?.object === object).length;
  const prospectWrites = count('Prospect');
  const recordWrites = count('Lead') + count('Contact');
  if (job?.outcome?.result === 'done' && prospectWrites + recordWrites === 0)
    problems.push('done, yet nothing was written on its pair');
  if (prospectWrites > attempts || recordWrites > attempts || count('Task') > 1)
    problems.push(
      `written ${prospectWrites} times in AE, ${recordWrites} in Salesforce and ${count('Task')} Tasks, in ${attempts} attempts`,
    );
  return problems;
}

/** The page writer's window and what it holds (its places are a bounded few), for a violation's line. */
async function writerWindow(lab: Lab): Promise<string> {
  const worker = await liveWorker(lab.browser);
  return worker
    .evaluate(async () => {
      const id = (await chrome.storage.session.get('writerWindow')).writerWindow as number | undefined;
      const tabs = id === undefined ? [] : await chrome.tabs.query({ windowId: id }).catch(() => []);
      const opened = (await chrome.storage.session.get('openedTabs')).openedTabs ?? {};
      return `writer window ${id ?? 'none'}: ${JSON.stringify(tabs.map((tab) => `${tab.id} ${tab.url}`))}, jobs' tabs ${JSON.stringify(opened)}`;
    })
    .catch((error: unknown) => `writer window not read (${String(error)})`);
}

/** Every row against the invariants; returns each row's outcome and the problems, each naming its row. */
async function checkBatch(
  lab: Lab,
  draw: RunDraw,
  rows: readonly PlannedRow[],
  batch: StoredBatch,
  {
    strikes,
    unsubscribed,
    log,
    signedIn,
  }: { strikes: Strike[]; unsubscribed: Map<number, number>; log: readonly LogEntry[]; signedIn: boolean | null },
) {
  const problems: string[] = [];
  const outcomes: string[] = [];
  // Paused for a sign-in the admin never made is an end too: its waiting rows were never written.
  const waitsForSignIn = batch.state === 'paused' && batch.pausedFor === 'session-expired' && signedIn === false;
  if (batch.state !== 'finished' && !waitsForSignIn)
    problems.push(`the batch is still ${batch.state} after its time bound; ${await writerWindow(lab)}`);
  const allJobs = await storedJobs(lab.browser);
  const jobs = allJobs.filter((j) => (j as { batchId?: string }).batchId === batch.id);
  const audit = (await auditLog(lab.browser)) as (StoredAuditEntry & { batchId?: string; reason?: string })[];
  const writes = productWritesIn(log);
  const globalFaults = draw.faults.filter((fault) => !ROW_FAULTS.includes(fault));
  for (const row of rows) {
    const say = (problem: string) => problems.push(`row ${row.line} (${row.email}): ${problem}`);
    const stored = batch.rows.find((r) => r.line === row.line);
    const own = new Set([`prospect:${row.prospectId}`, row.record.Id.slice(0, 15)]);
    const rowWrites = writes.filter((write) => own.has(writtenId(write)));
    const rowJobs = jobs.filter((j) => j.prospectId === row.prospectId);
    if (row.kind !== 'runs') {
      const refused = batch.refused.find((r) => r.line === row.line);
      outcomes.push(
        row.kind === 'no-evidence' ? `row refused:${refused?.problem}` : `row ${stored?.state}:${stored?.verdict}`,
      );
      if (row.kind === 'no-evidence' && (refused?.problem !== 'evidence-missing' || stored))
        say(`a row without evidence was not refused for it (${JSON.stringify(refused ?? stored)})`);
      if (row.kind === 'not-linked' && (stored?.verdict !== 'not-linked' || stored.state !== 'skipped'))
        say(`the preview's refusal did not hold: ${JSON.stringify(stored)}`);
      if (rowWrites.length || rowJobs.length)
        say(`a refused row was written (${rowJobs.length} jobs, ${rowWrites.length} writes)`);
      continue;
    }
    outcomes.push(`row ${stored?.state}${stored?.error ? `:${stored.error}` : ''}`);
    const faults = [...globalFaults, ...strikes.filter((s) => s.row === row).map((s) => s.fault)];
    const job = rowJobs.find((j) => j.id === stored?.jobId);
    // A row whose job failed for the sign-in before any write left runs again with a new job, by design
    // (it waited for the sign-in); any other job beside the row's own is one too many.
    const others = rowJobs.filter((j) => j.id !== stored?.jobId);
    const extra = others.filter(
      (j) => j.outcome?.result !== 'failed' || j.attempts.some((a) => Object.keys(a.writes).length),
    );
    if (!stored?.jobId ? rowJobs.length : extra.length)
      say(`${rowJobs.length} jobs ran for the row, ${extra.length} besides its own having written or not failed`);
    const unstarted = waitsForSignIn && stored?.state === 'waiting' && !stored.jobId;
    const anyJob = stored?.jobId ? allJobs.find((j) => j.id === stored.jobId) : undefined;
    if (!unstarted) for (const problem of runRowProblems(row, stored, job, faults, log, anyJob)) say(problem);
    for (const problem of rowWriteProblems(row, job, rowWrites)) say(problem);
    if (job) {
      for (const problem of auditProblems(job, audit)) say(problem);
      const entry = audit.find((e) => e.jobId === job.id);
      if (entry && (entry.batchId !== batch.id || entry.reason !== row.evidence))
        say(
          `its audit entry lacks the batch or the evidence: ${JSON.stringify({ batchId: entry.batchId, reason: entry.reason })}`,
        );
    }
    const unsubscribedAt = unsubscribed.get(row.prospectId);
    if (job && unsubscribedAt !== undefined && unsubscribedAt > (batch.confirmedAt ?? 0))
      for (const problem of consentProblems(job, unsubscribedAt, rowWrites)) say(problem);
    if (stored?.state === 'done' && unsubscribedAt === undefined && revertedAfterDone(lab.org, row.prospectId))
      say('done, but a later sync left the pair checked');
  }
  const named = new Set(rows.flatMap((row) => [`prospect:${row.prospectId}`, row.record.Id.slice(0, 15)]));
  for (const write of writes.filter((w) => !named.has(writtenId(w))))
    problems.push(`wrote a record no row names: ${JSON.stringify(write.wrote)}`);
  return { outcomes, problems };
}

/**
 * Waits for the jobs still running to end before the next run: the next batch draws its rows from
 * the same pairs, and a row whose pair still has a job joins that job (one job per pair), so a run
 * that overran would make the next one fail too. Returns a problem when they do not end.
 */
async function settleJobs(lab: Lab): Promise<string[]> {
  const until = Date.now() + SETTLE_MS;
  for (;;) {
    const running = (await storedJobs(lab.browser).catch(() => [])).filter(
      (job) => job.phase !== 'done' && job.phase !== 'failed',
    );
    if (!running.length) return [];
    if (Date.now() > until)
      return running.map(
        (job) => `job ${job.id} still running ${SETTLE_MS / 1000} s after the checks: ${jobSummary(job)}`,
      );
    await sleep(1_000);
  }
}

export async function batchRun(lab: Lab, draw: RunDraw, pool: readonly number[]): Promise<RunResult | null> {
  const { sandbox } = lab.org;
  const rows = planRows(lab, draw, pool);
  const runs = rows.filter((row) => row.kind === 'runs');
  const concurrency = 1 + Math.floor(draw.random() * 3);
  const logFrom = sandbox.log.length;
  const shape = `batch of ${rows.length} (${runs.length} run, ${concurrency} at a time) [${draw.faults.join(', ')}]`;
  const confirmed = await previewAndConfirm(lab, rows, concurrency);
  let batch: StoredBatch | null = null;
  let strikes: Strike[] = [];
  let unsubscribed = new Map<number, number>();
  let signedIn: boolean | null = null;
  let took = '';
  if (confirmed.batchId && !confirmed.problem) {
    const confirmedAt = Date.now();
    strikes = planStrikes(draw, runs, concurrency, confirmedAt);
    const waves = Math.ceil(runs.length / concurrency);
    ({ batch, unsubscribed, signedIn } = await driveBatch(
      lab,
      draw,
      confirmed.batchId,
      [...strikes],
      waves,
      confirmed.page,
    ));
    took = ` in ${Math.round((Date.now() - confirmedAt) / 1000)} s`;
  } else await confirmed.page.close().catch(() => undefined);
  if (draw.abandoned()) return null;
  clearSandboxFaults(lab.org, rows);
  const checked = batch
    ? await checkBatch(lab, draw, rows, batch, { strikes, unsubscribed, log: sandbox.log.slice(logFrom), signedIn })
    : { outcomes: ['batch not started'], problems: [confirmed.problem ?? 'the batch is not stored'] };
  for (const row of rows) row.record.IsDeleted = false;
  if (!draw.abandoned()) checked.problems.push(...(await settleJobs(lab)));
  await lab.configure();
  const counts = new Map<string, number>();
  for (const outcome of checked.outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  const tally = [...counts].map(([outcome, n]) => `${n}× ${outcome}`);
  return { outcomes: checked.outcomes, problems: checked.problems, line: `${shape} → ${tally.join(', ')}${took}` };
}
