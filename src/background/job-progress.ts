/**
 * A job's step on record: the job stored, its audit entry written, the pair's tabs told. A job that
 * ends also has its alarm cleared, its pages closed, the watch started (done) and a notification.
 */
import browser from 'webextension-polyfill';
import { isFinished, type Job, type JobEvent, transition } from '../core/job';
import { closeTabsOpenedBy } from './ae-page';
import { entryFor, recordEntry } from './audit';
import { recordEvidence } from './evidence';
import { saveJob } from './jobs';
import type { Org } from './org';
import { broadcast } from './pair-tabs';
import { watchAfterDone } from './watch';

const ALARM_PREFIX = 'job:';

/** The alarm that wakes the worker for a job's next step. */
export const jobAlarm = (jobId: string) => ALARM_PREFIX + jobId;

export function jobIdOfAlarm(name: string): string | null {
  return name.startsWith(ALARM_PREFIX) ? name.slice(ALARM_PREFIX.length) : null;
}

/** The job machine's answer to `event`, on record. */
export async function apply(job: Job, event: JobEvent, org: Org | null): Promise<Job> {
  const next = transition(job, event, Date.now());
  await persist(next, org);
  return next;
}

export async function persist(job: Job, org: Org | null): Promise<void> {
  await saveJob(job);
  const entry = entryFor(job, org?.session.orgId ?? null);
  // A done job's evidence Task, when the admin asked for one: its id goes into the audit entry.
  await recordEntry(isFinished(job) ? { ...entry, ...(await recordEvidence(job, org)) } : entry);
  await broadcast(job);
  if (isFinished(job)) await finish(job);
}

async function finish(job: Job): Promise<void> {
  await browser.alarms.clear(jobAlarm(job.id));
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
