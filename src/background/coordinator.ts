/**
 * Runs opt-in jobs: asks the pure job machine what to do next, does it
 * (reads, writes, waiting), and feeds the result back, persisting the job
 * after every step. Waits go through chrome.alarms, so a stopped service
 * worker picks the job up where it was.
 */
import browser from 'webextension-polyfill';
import { pairRefusal } from '../core/confirmed-pair';
import { errorCodeOf, GuardError, isTransient } from '../core/errors';
import {
  type ConsentEvidence,
  currentAttempt,
  DEFAULT_EXPIRY_MS,
  isFinished,
  type Job,
  type JobEvent,
  type JobTarget,
  newJob,
  nextStep,
  transition,
} from '../core/job';
import type { Side } from '../core/sync-model';
import { writesToStart } from '../core/writers';
import { closeTabsOpenedBy, PartNotFound, readViaPage } from './ae-page';
import { explainUnanswered, readProspectWhereAllowed } from './ae-side';
import { entryFor, joinedEntry, recordEntry } from './audit';
import { recordEvidence } from './evidence';
import { activeJobFor, allJobs, getJob, pairKeyOf, saveJob } from './jobs';
import { type Org, orgForHost } from './org';
import { broadcast } from './pair-tabs';
import { activitiesByApi, crmIdOf, fromPage, type ProspectRead } from './prospects';
import type { RecordFields } from './salesforce-rest';
import { read } from './store';
import { watchAfterDone } from './watch';
import { type ReadyWrites, readyToWrite, sendWrites } from './writes';

const ALARM_PREFIX = 'job:';
/** Waits shorter than this run on a timer inside this worker; longer ones on an alarm. */
const SHORT_WAIT_MS = 3_000;
const running = new Set<string>();

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

async function persist(job: Job, org: Org | null): Promise<void> {
  await saveJob(job);
  const entry = entryFor(job, org?.session.orgId ?? null);
  // A done job's evidence Task, when the admin asked for one: its id goes into the audit entry.
  await recordEntry(isFinished(job) ? { ...entry, ...(await recordEvidence(job, org)) } : entry);
  await broadcast(job);
  if (isFinished(job)) await finish(job);
}

async function finish(job: Job): Promise<void> {
  await browser.alarms.clear(ALARM_PREFIX + job.id);
  await closeTabsOpenedBy(job.id);
  const done = job.outcome?.result === 'done';
  // Two more syncs: if a side is checked again, say who or what did it (never write again).
  if (done) await watchAfterDone(job).catch(() => undefined);
  await browser.notifications
    .create(job.id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon128.png'),
      title: browser.i18n.getMessage(done ? 'notifyDoneTitle' : 'notifyFailedTitle'),
      message: browser.i18n.getMessage(done ? 'notifyDone' : 'notifyFailed', [job.email, String(job.prospectId)]),
    })
    .catch(() => undefined);
}

async function apply(job: Job, event: JobEvent, org: Org | null): Promise<Job> {
  const next = transition(job, event, Date.now());
  await persist(next, org);
  return next;
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
  await browser.alarms.create(ALARM_PREFIX + jobId, { when: Math.max(until, Date.now() + 1_000) });
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
      try {
        const read = await readProspect(job, org);
        job = read.job;
        const lastSync = read.prospect.salesforceLastSync ? Date.parse(read.prospect.salesforceLastSync) : Number.NaN;
        return await apply(job, { type: 'sync-checked', lastSyncAt: Number.isNaN(lastSync) ? null : lastSync }, org);
      } catch (error) {
        return apply(job, { type: 'read-failed', error: errorCodeOf(error), ...detailOf(error) }, org);
      }
    }
    case 'verify': {
      try {
        const { record, read } = await readBoth(job, org);
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
    const { record, read } = await readBoth(job, org);
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

/** The connector writes as its integration user (Salesforce Help, "Account Engagement Integration User"). */
const isConnectorUser = (username: string, name: string) =>
  /^b2bmaintegration@/i.test(username) || (!username && /^B2BMA Integration\b/.test(name));

/**
 * The person's latest wish, as the job can see it before a write: opt-out activities on the prospect
 * newer than the confirmation (the prospect page's activity list; for an API read, API v5 visitor
 * activities, else the page is loaded for it), and who checked Salesforce's Email Opt Out since (field history).
 */
async function consentEvidence(job: Job, org: Org, prospect: ProspectRead): Promise<ConsentEvidence> {
  // Newer than what the admin saw, not than the click: a list's row starts long after its preview.
  const confirmedAt = job.seenAt ?? job.createdAt;
  let activities = prospect.optOutActivities;
  let activitiesRead: ConsentEvidence['activities'] = 'not-read';
  // Read by API: its visitor activities by API v5 (an OAuth connection), else a load of its page.
  if (activities === undefined)
    activities = (await activitiesByApi(org, job.aeHost, job.prospectId, job.businessUnitId))?.optOutActivities;
  if (activities === undefined) {
    activities = await readViaPage(job).then(
      (state) => fromPage(job.prospectId, state).optOutActivities,
      () => undefined,
    );
    if (activities === undefined) activitiesRead = 'unreadable';
  }
  const evidence: ConsentEvidence = { at: Date.now(), activities: activitiesRead, history: 'unreadable' };
  if (activities === null) evidence.activities = 'not-shown';
  else if (activities) {
    // An opt-out whose date cannot be read might be newer: the list then proves nothing.
    evidence.activities = activities.some((activity) => activity.at === null || Number.isNaN(Date.parse(activity.at)))
      ? 'unreadable'
      : 'read';
    const newer = activities
      .map((activity) => ({ at: Date.parse(activity.at ?? ''), what: activity.what }))
      .filter((activity) => activity.at > confirmedAt)
      .sort((a, b) => b.at - a.at)[0];
    if (newer) evidence.newerOptOut = newer;
  }
  try {
    const changes = await org.salesforce.emailOptOutHistory(job.object, job.recordId);
    evidence.history = changes.length ? 'tracked' : 'no-rows';
    const newer = changes.filter((change) => change.newValue && change.at > confirmedAt).sort((a, b) => b.at - a.at)[0];
    if (newer) {
      evidence.newerEmailOptOut = {
        at: newer.at,
        by: newer.byName || newer.byUsername,
        connector: isConnectorUser(newer.byUsername, newer.byName),
      };
    }
  } catch {
    evidence.history = 'unreadable';
  }
  return evidence;
}

/**
 * Both sides read at once, and both reads finished before the job moves on: a page load left
 * running in the job's tab would race the next step's. When both fail, the error that tells the
 * admin what to do wins over one that only says a page or the network did not answer.
 */
async function readBoth(
  job: Job,
  org: Org,
): Promise<{ record: RecordFields; read: Awaited<ReturnType<typeof readProspect>> }> {
  const [record, read] = await Promise.allSettled([
    org.salesforce.getRecord(job.object, job.recordId),
    readProspect(job, org),
  ]);
  if (record.status === 'fulfilled' && read.status === 'fulfilled') return { record: record.value, read: read.value };
  const errors = [record, read].flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  const vague = (error: unknown) => {
    const code = errorCodeOf(error);
    return code === 'ae-page-unavailable' || isTransient(code);
  };
  throw errors.find((error) => !vague(error)) ?? errors[0];
}

/**
 * Reads the prospect for a job, at AE's host or, where AE refuses the admin there, in the Account
 * Engagement app's frame (ae-side.ts); a frame found is the job's from then on.
 */
async function readProspect(job: Job, org: Org): Promise<{ prospect: ProspectRead; job: Job }> {
  const { prospect, frameFound } = await readProspectWhereAllowed(job, org);
  return { prospect, job: frameFound ? await apply(job, { type: 'ae-frame-found', host: frameFound }, org) : job };
}

/**
 * Writes the sides still checked, timed to land together: the writers chosen and made ready
 * (writes.ts, core/writers.ts), each write put on record as started, then sent. Where the AE API,
 * tried alone first, refuses Opted Out, nothing else has left: again, the page taking the AE side.
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
    // The writes are on record before they leave (a worker that stops meanwhile finds them started).
    // The job is not stored again, nor any tab told to refresh, until both have settled.
    for (const { side, method } of writesToStart(ready.writers))
      job = await apply(job, { type: 'write-started', side, method }, org);
    const sent = await sendWrites(job, org, ready).catch((error: unknown) => error as Error);
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

export function jobIdOfAlarm(name: string): string | null {
  return name.startsWith(ALARM_PREFIX) ? name.slice(ALARM_PREFIX.length) : null;
}

/** After the worker (or the browser) restarts: every unfinished job goes on from where it was. */
export async function resumeJobs(): Promise<void> {
  // `drive` takes a job found mid-write as interrupted itself, under its own guard: a copy read here
  // could be older than what an alarm's drive has stored meanwhile.
  for (const job of await allJobs()) if (!isFinished(job)) void drive(job.id);
}
