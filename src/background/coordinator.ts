/**
 * An opt-in, from the admin's Confirm to the two writes, top to bottom:
 *
 * 1. `confirmOptIn`: the confirmation window's Confirm, good once, for the email it showed, before
 *    it expires (the window itself: confirmations.ts).
 * 2. `startJob`: one job per pair; a second Confirm joins the running one.
 * 3. `drive`: asks the pure job machine (core/job.ts) for the next step, does it, feeds the result
 *    back, the job on record after every step (job-progress.ts). Waits go through chrome.alarms, so
 *    a stopped worker picks the job up where it was.
 * 4. `preflight`: both sides read afresh; the pair still the one confirmed; the person's latest wish.
 * 5. `write`: the writers made ready (writes.ts), each write on record as started, then both sent,
 *    timed to land together.
 * 6. `check-sync` and `verify`: after the connector's next sync, both sides read again.
 */
import browser from 'webextension-polyfill';
import { confirmationRefusal } from '../core/confirmation';
import { pairRefusal } from '../core/confirmed-pair';
import { errorCodeOf, GuardError } from '../core/errors';
import {
  currentAttempt,
  DEFAULT_EXPIRY_MS,
  isFinished,
  type Job,
  type JobEvent,
  type JobTarget,
  newJob,
  nextStep,
} from '../core/job';
import { type JobView, toJobView } from '../core/messages';
import type { Side } from '../core/sync-model';
import { writesToStart } from '../core/writers';
import { clickSave, closeTabsOpenedBy, PartNotFound } from './ae-page';
import { explainUnanswered } from './ae-side';
import { joinedEntry, recordEntry } from './audit';
import { keep, pending, recordRefusal } from './confirmations';
import { consentEvidence } from './consent-evidence';
import { apply, jobAlarm, persist } from './job-progress';
import { readBoth, readProspect } from './job-reads';
import { activeJobFor, allJobs, getJob, pairKeyOf } from './jobs';
import { type Org, orgForHost } from './org';
import { crmIdOf } from './prospects';
import { read, update } from './store';
import { knownForWrites, sawLastSync, untilClearOfSync } from './sync-rhythm';
import { type ReadyWrites, readyToWrite } from './writes';

/** Waits shorter than this run on a timer inside this worker; longer ones on an alarm. */
const SHORT_WAIT_MS = 3_000;
const running = new Set<string>();

/**
 * The admin's Confirm: good once, for the email the window showed, before it
 * expires. The job's own preflight then reads both sides again and refuses a
 * pair that is no longer this one.
 */
export async function confirmOptIn(
  id: string,
  reason: string,
  email: string,
  now = Date.now(),
  recordTask?: boolean,
): Promise<JobView> {
  const confirmation = await pending(id);
  const { shown, target } = confirmation;
  try {
    const refusal = confirmationRefusal(confirmation, email, now);
    if (refusal || !shown) throw new GuardError(refusal ?? 'confirmation-expired');
    const org = await orgForHost(target.salesforceHost);
    const admin = await org.salesforce.username().catch(() => 'unknown');
    // The window's Task choice is the admin's standing one from now on (the options page changes it too).
    if (recordTask !== undefined) await update('options', (options) => ({ ...options, recordTask }));
    const job = await startJob({ ...target, email: shown.email }, admin, reason, shown.readAt);
    await keep(null, id);
    if (confirmation.tabId !== null)
      await browser.tabs.sendMessage(confirmation.tabId, { type: 'status-changed' }).catch(() => undefined);
    return toJobView(job);
  } catch (error) {
    await recordRefusal(confirmation, reason, email, error);
    throw error;
  }
}

/** Starting is serialised, so two tabs confirming at the same moment still make one job. */
let starting: Promise<unknown> = Promise.resolve();
export function startJob(target: JobTarget, admin: string, reason: string, seenAt?: number): Promise<Job> {
  const next = starting.then(() => startJobNow(target, admin, reason, seenAt));
  starting = next.catch(() => undefined);
  return next;
}

async function startJobNow(target: JobTarget, admin: string, reason: string, seenAt?: number): Promise<Job> {
  const existing = await activeJobFor(pairKeyOf(target));
  if (existing && !isFinished(existing)) {
    // A second confirmation (another tab, another admin) joins the running job, and is on record.
    await recordEntry(joinedEntry(existing, admin, reason));
    return existing;
  }
  const options = await read('options');
  const job = newJob(
    target,
    admin,
    reason,
    {
      maxAttempts: options.maxAttempts,
      syncIntervalMs: options.syncIntervalSeconds * 1000,
      marginMs: options.marginSeconds * 1000,
      pollMs: options.pollSeconds * 1000,
      expiryMs: options.confirmationExpiryMinutes ? options.confirmationExpiryMinutes * 60_000 : DEFAULT_EXPIRY_MS,
    },
    crypto.randomUUID(),
    Date.now(),
    seenAt,
  );
  await persist(job, null);
  void drive(job.id);
  return job;
}

/** Runs the job until it has to wait, or ends. Safe to call again at any time: it picks up from the stored job. */
export async function drive(jobId: string): Promise<void> {
  if (running.has(jobId)) return;
  running.add(jobId);
  try {
    let job = await getJob(jobId);
    // Within one drive a job passes through `writing` without stopping: found there at the start, it
    // was interrupted (the worker stopped, or a write threw). It never writes from what it read then.
    if (job?.phase === 'writing') job = await apply(job, { type: 'resumed' }, null);
    let org: Org | null = null;
    while (job && !isFinished(job)) {
      const step = nextStep(job, Date.now());
      if (step.do === 'nothing') break;
      if (step.do === 'resume') {
        job = await apply(job, { type: 'resumed' }, null);
        continue;
      }
      if (step.do === 'expire') {
        job = await apply(job, { type: 'expired' }, null);
        continue;
      }
      if (step.do === 'sleep') {
        await sleepUntil(job.id, step.until);
        if (step.until - Date.now() > SHORT_WAIT_MS) {
          // A job waiting for the sync needs no page: its tab goes, so other jobs get the writer's place.
          await closeTabsOpenedBy(job.id);
          break;
        }
        job = await getJob(jobId);
        continue;
      }
      try {
        org ??= await orgForHost(job.salesforceHost);
      } catch (error) {
        job = await apply(
          job,
          step.do === 'preflight'
            ? { type: 'preflight-failed', error: errorCodeOf(error), ...detailOf(error) }
            : { type: 'read-failed', error: errorCodeOf(error), ...detailOf(error) },
          null,
        );
        continue;
      }
      job = await perform(job, step, org);
    }
  } finally {
    running.delete(jobId);
  }
}

async function sleepUntil(jobId: string, until: number): Promise<void> {
  const wait = until - Date.now();
  // The alarm is set even for short waits: if Chrome stops the worker meanwhile, it brings it back.
  await browser.alarms.create(jobAlarm(jobId), { when: Math.max(until, Date.now() + 1_000) });
  if (wait > 0 && wait <= SHORT_WAIT_MS) await new Promise((resolve) => setTimeout(resolve, wait));
}

async function perform(job: Job, step: ReturnType<typeof nextStep>, org: Org): Promise<Job> {
  switch (step.do) {
    case 'preflight': {
      const checked = await preflight(job, org);
      return apply(checked.job, checked.event, org);
    }
    case 'write':
      return write(job, step.sides, org);
    case 'check-sync': {
      const writtenAt = currentAttempt(job)?.writtenAt ?? 0;
      // What the unit's other jobs (a list's rows) read already: a pass after these writes, or none since
      // them a moment ago. One read then serves every job waiting for the same pass.
      const known = knownForWrites(job, writtenAt, Date.now());
      if (known) return apply(job, { type: 'sync-checked', lastSyncAt: 'pass' in known ? known.pass : null }, org);
      try {
        const read = await readProspect(job, org, { activities: false });
        job = read.job;
        const parsed = read.prospect.salesforceLastSync ? Date.parse(read.prospect.salesforceLastSync) : Number.NaN;
        const lastSyncAt = Number.isNaN(parsed) ? null : parsed;
        sawLastSync(job, lastSyncAt, writtenAt, Date.now());
        return await apply(job, { type: 'sync-checked', lastSyncAt }, org);
      } catch (error) {
        return apply(job, { type: 'read-failed', error: errorCodeOf(error), ...detailOf(error) }, org);
      }
    }
    case 'verify': {
      try {
        const { record, read } = await readBoth(job, org, { activities: false });
        if (read.prospect.optedOut && read.prospect.source === 'api' && writtenByApiLately(job)) {
          // AE API reads can lag its writes by about a minute: a read that still shows the old value
          // is no verdict yet. Read again after the next poll.
          return apply(read.job, { type: 'read-failed', error: 'ae-read-lag' }, org);
        }
        return apply(
          read.job,
          { type: 'verified', optedOut: read.prospect.optedOut, hasOptedOutOfEmail: record.HasOptedOutOfEmail },
          org,
        );
      } catch (error) {
        return apply(job, { type: 'read-failed', error: errorCodeOf(error), ...detailOf(error) }, org);
      }
    }
    default:
      return job;
  }
}

/** How long AE API reads may still show the value from before a write. */
const AE_READ_LAG_MS = 90_000;

/** This attempt wrote the AE side by API recently enough that an API read may not show it yet. */
function writtenByApiLately(job: Job): boolean {
  const write = currentAttempt(job)?.writes.ae;
  return Boolean(write?.ok && write.method === 'api' && Date.now() - (write.endedAt ?? 0) < AE_READ_LAG_MS);
}

/**
 * Both sides fresh; the pair still linked both ways, to the email the admin
 * confirmed. The Salesforce record must show that email (an empty one never
 * passes); the prospect must too, where its email could be read.
 */
async function preflight(job: Job, org: Org): Promise<{ event: JobEvent; job: Job }> {
  const from = Date.now();
  try {
    const { record, read } = await readBoth(job, org, { activities: true });
    const { prospect } = read;
    const refusal = pairRefusal(job, {
      recordEmail: record.Email,
      // A page that could not show the prospect's email proves nothing.
      ...(prospect.email !== null ? { prospectEmail: prospect.email } : {}),
      prospectCrmId: crmIdOf(prospect),
      recordBackLink: record.pi__url__c,
    });
    if (refusal) return { event: { type: 'preflight-failed', error: refusal }, job: read.job };
    const needsWrite = prospect.optedOut || record.HasOptedOutOfEmail;
    return {
      event: {
        type: 'preflight-passed',
        optedOut: prospect.optedOut,
        hasOptedOutOfEmail: record.HasOptedOutOfEmail,
        ...(needsWrite ? { consent: { ...(await consentEvidence(read.job, org, prospect)), from } } : {}),
      },
      job: read.job,
    };
  } catch (error) {
    return { event: { type: 'preflight-failed', error: errorCodeOf(error), ...detailOf(error) }, job };
  }
}

/** What a browser API said when it threw something other than the extension's own errors (for a bug report). */
function detailOf(error: unknown): { detail?: string } {
  if (error instanceof GuardError || !(error instanceof Error)) return {};
  return { detail: `${error.name}: ${error.message}`.slice(0, 300) };
}

/**
 * Writes the sides still checked, timed to land together. The writers are made ready first
 * (writes.ts: which writer takes each side, the AE page prepared); each write is on record as
 * started before it leaves; then both leave, the moment of each below. Where the AE API, tried
 * alone first, refuses Opted Out, nothing else has left: again, the page taking the AE side.
 */
async function write(job: Job, sides: Side[], org: Org): Promise<Job> {
  for (const aeApiRefused of [false, true]) {
    let ready: ReadyWrites;
    try {
      ready = await readyToWrite(job, sides, org, { aeApiRefused });
    } catch (error) {
      const explained = await explainUnanswered(job, org, error);
      const diagnostics = error instanceof PartNotFound ? { diagnostics: { part: error.part } } : {};
      return apply(job, { type: 'write-aborted', error: errorCodeOf(explained), ...diagnostics }, org);
    }
    const starting = writesToStart(ready.writers);
    // Both sides leave just after a connector pass, where the next is furthest away: one landing between
    // them would check the unchecked side again (sync-rhythm.ts; a job alone leaves at once, as before).
    if (starting.length === 2) await untilClearOfSync(job);
    // The writes are on record before they leave (a worker that stops meanwhile finds them started).
    // The job is not stored again, nor any tab told to refresh, until both have settled.
    for (const { side, method } of starting) job = await apply(job, { type: 'write-started', side, method }, org);
    const sent = await sendBoth(job, org, ready).catch((error: unknown) => error as Error);
    if (sent instanceof Error) return apply(job, { type: 'write-aborted', error: errorCodeOf(sent) }, org);
    if (sent === 'ae-api-refused') continue;
    for (const { side, result, at, sentAt } of sent) {
      const event: JobEvent =
        result.status === 'fulfilled'
          ? { type: 'write-finished', side, ok: true, at, sentAt }
          : { type: 'write-finished', side, ok: false, error: errorCodeOf(result.reason), at, sentAt };
      job = await apply(job, event, org);
    }
    return job;
  }
  return apply(job, { type: 'write-aborted', error: 'field-not-writable' }, org);
}

/** One side's write: when it left (the request sent, or the AE page told to save) and when it settled. */
interface SettledWrite {
  side: Side;
  result: PromiseSettledResult<unknown>;
  sentAt: number;
  at: number;
}

async function settle(side: Side, send: () => Promise<unknown>, sentAt = Date.now()): Promise<SettledWrite> {
  const [result] = await Promise.allSettled([send()]);
  return { side, result: result as PromiseSettledResult<unknown>, sentAt, at: Date.now() };
}

/**
 * The two writes leave: how each settled; or `ae-api-refused` when the AE API, tried alone first,
 * refused Opted Out and nothing else left. Throws when that first AE API write failed otherwise:
 * nothing was written.
 */
async function sendBoth(job: Job, org: Org, { writers, ae }: ReadyWrites) {
  const salesforce = () =>
    writers.salesforce ? [settle('salesforce', () => org.salesforce.uncheckEmailOptOut(job.object, job.recordId))] : [];
  switch (ae?.by) {
    case undefined:
      return Promise.all(salesforce());
    case 'api':
      // Known to take Opted Out: both leave at once. Refused or ignored now, this side failed.
      return Promise.all([
        settle('ae', async () => {
          if ((await ae.api.write()) !== 'written') throw new GuardError('field-not-writable');
        }),
        ...salesforce(),
      ]);
    case 'api-first': {
      const first = await settle('ae', ae.api.write);
      if (first.result.status === 'rejected') throw first.result.reason;
      if (first.result.value === 'refused') {
        await ae.api.learn();
        return 'ae-api-refused' as const;
      }
      // AE took it: Salesforce leaves at once, before any bookkeeping, to keep the two writes close.
      const sent = salesforce();
      await ae.api.learn();
      return [first, ...(await Promise.all(sent))];
    }
    case 'page': {
      const sentAt = Date.now();
      const saving = await clickSave(ae.page).catch((error: unknown) => error as Error);
      // Where the page cannot save, Salesforce is not written either.
      if (saving instanceof Error) return [await settle('ae', () => Promise.reject(saving), sentAt)];
      // The page has clicked Save; the PATCH leaves on that word. A form post goes out through a
      // navigation, slower than the PATCH, so the two land close together.
      const sent = salesforce();
      return Promise.all([settle('ae', () => saving.confirmed, sentAt), ...sent]);
    }
  }
}

/** After the worker (or the browser) restarts: every unfinished job goes on from where it was. */
export async function resumeJobs(): Promise<void> {
  // `drive` takes a job found mid-write as interrupted itself, under its own guard: a copy read here
  // could be older than what an alarm's drive has stored meanwhile.
  for (const job of await allJobs()) if (!isFinished(job)) void drive(job.id);
}
