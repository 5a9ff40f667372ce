/**
 * After a job is done the worker watches the pair through two more syncs, cheaply: one alarm per
 * sync interval, each a REST read of the Lead/Contact (and its Email Opt Out history when a side is
 * checked again), and the prospect by API or from a page the admin has open (never a new tab; its
 * agent reads the activity list on command). If a side is checked again, the audit entry, a
 * notification and the overlay of a tab showing the pair say who or what did it
 * (src/core/undone.ts). It never writes.
 */
import browser from 'webextension-polyfill';
import type { Job } from '../core/job';
import { explainUndone, type Undone } from '../core/undone';
import { openPageActivities } from './ae-agents';
import { recordEntry } from './audit';
import { isConnectorUser } from './history';
import { getJob } from './jobs';
import { orgForHost } from './org';
import { broadcast } from './pair-tabs';
import { readForOverlay } from './prospects';
import { read } from './store';

const PREFIX = 'watch:';
/** Two more syncs after the job's verification. */
const LOOKS = 2;

/** Starts the watch of a done job (from job-progress.ts, when a job ends). */
export async function watchAfterDone(job: Job): Promise<void> {
  if (job.outcome?.result !== 'done') return;
  await schedule(job, 1);
}

async function schedule(job: Job, look: number): Promise<void> {
  await browser.alarms.create(`${PREFIX}${job.id}:${look}`, {
    when: Date.now() + job.syncIntervalMs + job.marginMs,
  });
}

/** The alarm's job and which look it is, or null for another alarm. */
export function watchOfAlarm(name: string): { jobId: string; look: number } | null {
  const match = /^watch:(.+):(\d+)$/.exec(name);
  return match ? { jobId: match[1] as string, look: Number(match[2]) } : null;
}

export async function onWatchAlarm(name: string): Promise<Undone | null> {
  const watch = watchOfAlarm(name);
  const job = watch ? await getJob(watch.jobId) : null;
  if (!watch || !job || job.outcome?.result !== 'done') return null;
  const undone = await look(job).catch(() => null);
  if (undone) {
    await explain(job, undone);
    return undone;
  }
  if (watch.look < LOOKS) await schedule(job, watch.look + 1);
  return null;
}

async function look(job: Job): Promise<Undone | null> {
  const org = await orgForHost(job.salesforceHost);
  const [record, prospect] = await Promise.all([
    org.salesforce.getRecord(job.object, job.recordId),
    readForOverlay(org, job.aeHost, job.prospectId, job.businessUnitId).catch(() => null),
  ]);
  // Who checked a side again is asked only when one is: a list's rows each look twice, and a call
  // per look is what the org's daily allowance pays for it. The activity list comes from a page of
  // the prospect the admin has open (its agent reads it on command), never from a new tab.
  const checked = record.HasOptedOutOfEmail || prospect?.optedOut === true;
  const [history, activities] = checked
    ? await Promise.all([
        org.salesforce.emailOptOutHistory(job.object, job.recordId).catch(() => null),
        prospect?.source === 'page'
          ? openPageActivities(job.aeHost, job.prospectId).then((read) => read?.optOutActivities)
          : prospect?.optOutActivities,
      ])
    : [null, null];
  return explainUndone(
    {
      aeChecked: prospect?.optedOut ?? null,
      sfChecked: record.HasOptedOutOfEmail,
      activities: activities ?? null,
      history: history?.map((row) => ({
        at: row.at,
        newValue: row.newValue,
        by: row.byName || row.byUsername,
        connector: isConnectorUser(row.byUsername, row.byName),
      })),
    },
    job.updatedAt,
    Date.now(),
  );
}

const NOTICE = {
  person: 'undoneByPerson',
  user: 'undoneByUser',
  connector: 'undoneByConnector',
  unknown: 'undoneUnknown',
} as const;

async function explain(job: Job, undone: Undone): Promise<void> {
  const entry = (await read('audit')).find((e) => e.jobId === job.id);
  if (entry) await recordEntry({ ...entry, undone });
  // The overlay of a tab showing the pair says it too, with the history read again.
  await broadcast(job).catch(() => undefined);
  await browser.notifications
    .create(`${job.id}:undone`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('icons/icon128.png'),
      title: browser.i18n.getMessage('undoneTitle'),
      // Placeholders are numbered in the English order: the user's name comes first where it is named.
      message: browser.i18n.getMessage(
        NOTICE[undone.by],
        undone.by === 'user' || undone.by === 'connector'
          ? [undone.who ?? '', job.email]
          : [job.email, undone.who ?? ''],
      ),
    })
    .catch(() => undefined);
}
