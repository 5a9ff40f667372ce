/**
 * Runs opt-in jobs: asks the pure job machine what to do next, does it
 * (reads, writes, waiting), and feeds the result back, persisting the job
 * after every step. Waits go through chrome.alarms, so a stopped service
 * worker picks the job up where it was.
 */
import browser from 'webextension-polyfill';
import { errorCodeOf, GuardError } from '../core/errors';
import {
  currentAttempt,
  isFinished,
  type Job,
  type JobEvent,
  type JobTarget,
  newJob,
  nextStep,
  transition,
} from '../core/job';
import { backLinkOf } from '../core/links';
import { detectPage } from '../core/page-detect';
import { sameRecordId } from '../core/salesforce-id';
import type { Side } from '../core/sync-model';
import { closeTabsOpenedBy, commitUncheck, prepareUncheck } from './ae-agent';
import { entryFor, recordEntry } from './audit';
import { activeJobFor, allJobs, getJob, saveJob } from './jobs';
import { aeApi, crmIdOf, type Org, orgForHost, readProspect } from './pair';
import { read, update } from './store';

const ALARM_PREFIX = 'job:';
/** Waits shorter than this run on a timer inside this worker; longer ones on an alarm. */
const SHORT_WAIT_MS = 3_000;
const running = new Set<string>();
/** How far ahead the two writers agree to go: enough for a message to reach a busy page. */
const COMMIT_LEAD_MS = 150;

/** Starting is serialised, so two tabs confirming at the same moment still make one job. */
let starting: Promise<unknown> = Promise.resolve();
export function startJob(target: JobTarget, admin: string, reason: string): Promise<Job> {
  const next = starting.then(() => startJobNow(target, admin, reason));
  starting = next.catch(() => undefined);
  return next;
}

async function startJobNow(target: JobTarget, admin: string, reason: string): Promise<Job> {
  const existing = await activeJobFor(target.prospectId, target.recordId);
  if (existing && !isFinished(existing)) return existing; // a second click or tab joins the running job
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
    },
    crypto.randomUUID(),
    Date.now(),
  );
  await persist(job, null);
  void drive(job.id);
  return job;
}

async function persist(job: Job, org: Org | null): Promise<void> {
  await saveJob(job);
  await recordEntry(entryFor(job, org?.session.orgId ?? null));
  await broadcast(job);
  if (isFinished(job)) await finish(job);
}

/**
 * Tells the tabs showing this job's prospect or record to refresh: the AE
 * prospect page, the Lead/Contact page, or the AE Lightning app framing it.
 * Other tabs are left alone (twenty open records must not all re-read).
 */
async function broadcast(job: Job): Promise<void> {
  const showsJob = (url: string | undefined) => {
    const page = url ? detectPage(url) : null;
    if (page?.kind === 'ae-prospect') return page.prospectId === job.prospectId;
    if (page?.kind === 'salesforce-record') return page.recordId === job.recordId;
    const inner = url?.includes('/lightning/page/pardot/') ? new URL(url).searchParams.get('pardot__path') : null;
    const framed = inner ? detectPage(`https://${job.aeHost}${inner}`) : null;
    return framed?.kind === 'ae-prospect' && framed.prospectId === job.prospectId;
  };
  const tabs = (await browser.tabs.query({})).filter((tab) => tab.id !== undefined && showsJob(tab.url));
  await Promise.all(
    tabs.map((tab) => browser.tabs.sendMessage(tab.id as number, { type: 'status-changed' }).catch(() => null)),
  );
}

async function finish(job: Job): Promise<void> {
  await browser.alarms.clear(ALARM_PREFIX + job.id);
  await closeTabsOpenedBy(job.id);
  const done = job.outcome?.result === 'done';
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
    let org: Org | null = null;
    while (job && !isFinished(job)) {
      const step = nextStep(job, Date.now());
      if (step.do === 'nothing') break;
      if (step.do === 'resume') {
        job = await apply(job, { type: 'resumed' }, null);
        continue;
      }
      if (step.do === 'sleep') {
        await sleepUntil(job.id, step.until);
        if (step.until - Date.now() > SHORT_WAIT_MS) break;
        job = await getJob(jobId);
        continue;
      }
      try {
        org ??= await orgForHost(job.salesforceHost);
      } catch (error) {
        job = await apply(
          job,
          step.do === 'preflight'
            ? { type: 'preflight-failed', error: errorCodeOf(error) }
            : { type: 'read-failed', error: errorCodeOf(error) },
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
    case 'preflight':
      return apply(job, await preflight(job, org), org);
    case 'write':
      return write(job, step.sides, org);
    case 'check-sync': {
      try {
        const prospect = await readProspect(job.aeHost, job.prospectId, org, job.id);
        const lastSync = prospect?.salesforceLastSync ? Date.parse(prospect.salesforceLastSync) : Number.NaN;
        return apply(job, { type: 'sync-checked', lastSyncAt: Number.isNaN(lastSync) ? null : lastSync }, org);
      } catch (error) {
        return apply(job, { type: 'read-failed', error: errorCodeOf(error) }, org);
      }
    }
    case 'verify': {
      try {
        const [record, prospect] = await Promise.all([
          org.salesforce.getRecord(job.object, job.recordId),
          readProspect(job.aeHost, job.prospectId, org, job.id),
        ]);
        if (!prospect) throw new GuardError('ae-page-unavailable');
        return apply(
          job,
          { type: 'verified', optedOut: prospect.optedOut, hasOptedOutOfEmail: record.HasOptedOutOfEmail },
          org,
        );
      } catch (error) {
        return apply(job, { type: 'read-failed', error: errorCodeOf(error) }, org);
      }
    }
    default:
      return job;
  }
}

/** Both sides fresh; the pair still linked both ways, to the email the admin confirmed. */
async function preflight(job: Job, org: Org): Promise<JobEvent> {
  try {
    const [record, prospect] = await Promise.all([
      org.salesforce.getRecord(job.object, job.recordId),
      readProspect(job.aeHost, job.prospectId, org, job.id),
    ]);
    if (!prospect) return { type: 'preflight-failed', error: 'ae-page-unavailable' };
    const crmId = crmIdOf(prospect);
    if (!crmId) return { type: 'preflight-failed', error: 'not-linked' };
    // A back-link naming another prospect is a mismatch; an empty or unreadable one proves nothing,
    // and the prospect's own CRM id decides.
    const back = backLinkOf(record.pi__url__c);
    const linked =
      sameRecordId(crmId, job.recordId) &&
      (back.kind !== 'prospect' || (back.prospectId === job.prospectId && back.aeHost === job.aeHost));
    const sameEmail = [prospect.email, record.Email].every(
      (email) => !email || email.toLowerCase() === job.email.toLowerCase(),
    );
    if (!linked || !sameEmail) return { type: 'preflight-failed', error: 'link-mismatch' };
    return { type: 'preflight-passed', optedOut: prospect.optedOut, hasOptedOutOfEmail: record.HasOptedOutOfEmail };
  } catch (error) {
    return { type: 'preflight-failed', error: errorCodeOf(error) };
  }
}

/**
 * Writes the sides still checked, timed to land together. The AE API is used
 * where the org is known to take `optedOut`; an org not yet known is tried
 * with the AE write alone first, so a refusal (180) or a silently ignored
 * field costs nothing on the Salesforce side. Otherwise the AE page writer
 * prepares the edit, then its Save and the Salesforce PATCH go off together.
 */
async function write(job: Job, sides: Side[], org: Org): Promise<Job> {
  const orgKey = org.session.orgId ?? org.session.host;
  const writeSalesforce = sides.includes('salesforce');
  if (!sides.includes('ae')) {
    job = await apply(job, { type: 'write-started', side: 'salesforce', method: 'api' }, org);
    return finishWrite(job, 'salesforce', org.salesforce.uncheckEmailOptOut(job.object, job.recordId), org);
  }
  const capability = (await read('aeOptedOutApiWrite'))[orgKey];
  const api = capability === 'refused' ? null : await aeApi(job.aeHost, org);
  if (api && capability === 'works') {
    job = await apply(job, { type: 'write-started', side: 'ae', method: 'api' }, org);
    if (writeSalesforce) job = await apply(job, { type: 'write-started', side: 'salesforce', method: 'api' }, org);
    const ae = api.uncheckOptedOut(job.prospectId).then((stillChecked) => {
      if (stillChecked) throw new GuardError('field-not-writable');
    });
    const sf = writeSalesforce ? org.salesforce.uncheckEmailOptOut(job.object, job.recordId) : null;
    job = await finishWrite(job, 'ae', ae, org);
    return sf ? finishWrite(job, 'salesforce', sf, org) : job;
  }
  if (api && capability === undefined) {
    try {
      const stillChecked = await api.uncheckOptedOut(job.prospectId);
      if (!stillChecked) {
        // AE took it: Salesforce goes at once, before any bookkeeping, to keep the two writes close.
        const sf = writeSalesforce ? org.salesforce.uncheckEmailOptOut(job.object, job.recordId) : null;
        sf?.catch(() => undefined); // its outcome is read below
        await update('aeOptedOutApiWrite', (all) => ({ ...all, [orgKey]: 'works' }));
        job = await apply(job, { type: 'write-started', side: 'ae', method: 'api' }, org);
        if (sf) job = await apply(job, { type: 'write-started', side: 'salesforce', method: 'api' }, org);
        job = await apply(job, { type: 'write-finished', side: 'ae', ok: true }, org);
        return sf ? finishWrite(job, 'salesforce', sf, org) : job;
      }
      await update('aeOptedOutApiWrite', (all) => ({ ...all, [orgKey]: 'refused' }));
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'field-not-writable') await update('aeOptedOutApiWrite', (all) => ({ ...all, [orgKey]: 'refused' }));
      else if (code !== 'session-expired') return apply(job, { type: 'write-aborted', error: code }, org);
    }
  }
  // The page writer: the slower side is prepared first, then both commit together.
  let frame: Awaited<ReturnType<typeof prepareUncheck>>;
  try {
    frame = await prepareUncheck(job.aeHost, job.prospectId, job.id);
  } catch (error) {
    return apply(job, { type: 'write-aborted', error: errorCodeOf(error) }, org);
  }
  job = await apply(job, { type: 'write-started', side: 'ae', method: 'page' }, org);
  if (writeSalesforce) job = await apply(job, { type: 'write-started', side: 'salesforce', method: 'api' }, org);
  // Both writers go at one agreed moment, a little ahead so the command reaches the page in time.
  const at = Date.now() + COMMIT_LEAD_MS;
  const ae = commitUncheck(frame, job.prospectId, at);
  const sf = writeSalesforce
    ? new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now()))).then(() =>
        org.salesforce.uncheckEmailOptOut(job.object, job.recordId),
      )
    : null;
  const [first, second] = await Promise.allSettled([sf ?? Promise.resolve(), ae]);
  if (sf) job = await finishSettled(job, 'salesforce', first);
  return finishSettled(job, 'ae', second, org);
}

async function finishWrite(job: Job, side: Side, write: Promise<unknown>, org: Org): Promise<Job> {
  const [result] = await Promise.allSettled([write]);
  return finishSettled(job, side, result, org);
}

function finishSettled(
  job: Job,
  side: Side,
  result: PromiseSettledResult<unknown> | undefined,
  org: Org | null = null,
): Promise<Job> {
  const event: JobEvent =
    result?.status === 'fulfilled'
      ? { type: 'write-finished', side, ok: true }
      : { type: 'write-finished', side, ok: false, error: errorCodeOf(result?.reason) };
  return apply(job, event, org);
}

export function jobIdOfAlarm(name: string): string | null {
  return name.startsWith(ALARM_PREFIX) ? name.slice(ALARM_PREFIX.length) : null;
}

/** After the worker (or the browser) restarts: every unfinished job goes on from where it was. */
export async function resumeJobs(): Promise<void> {
  for (const job of await allJobs()) {
    if (isFinished(job)) continue;
    const attempt = currentAttempt(job);
    const midWrite = job.phase === 'writing' && attempt && Object.keys(attempt.writes).length > 0;
    if (midWrite && !running.has(job.id)) await apply(job, { type: 'resumed' }, null);
    void drive(job.id);
  }
}
