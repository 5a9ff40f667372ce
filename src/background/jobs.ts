/** Jobs as persisted: one per pair at a time. */
import { isFinished, type Job, type JobTarget } from '../core/job';
import { sameRecordId } from '../core/salesforce-id';
import { read, update } from './store';

export async function allJobs(): Promise<Job[]> {
  return Object.values(await read('jobs'));
}

export async function getJob(id: string): Promise<Job | null> {
  return (await read('jobs'))[id] ?? null;
}

const saved = new Set<(job: Job) => void>();
/** Calls `listener` with every job saved (what was read of its pair may be stale from then on). */
export function onJobSaved(listener: (job: Job) => void): void {
  saved.add(listener);
}

export async function saveJob(job: Job): Promise<void> {
  await update('jobs', (jobs) => {
    const next = { ...jobs, [job.id]: job };
    // Finished jobs live on in the audit log; keep only the latest few here.
    const finished = Object.values(next)
      .filter(isFinished)
      .sort((a, b) => b.updatedAt - a.updatedAt);
    for (const old of finished.slice(20)) delete next[old.id];
    return next;
  });
  for (const listener of saved) listener(job);
}

/** How long the overlay keeps showing a finished job's outcome. */
const SHOW_FINISHED_MS = 15 * 60_000;

/** An org as a job records it: its id, else (a session that names none) its REST host. */
export interface OrgRef {
  orgId: string | null;
  salesforceHost: string;
}

const sameOrg = (a: OrgRef, b: OrgRef) =>
  a.orgId && b.orgId ? a.orgId === b.orgId : a.salesforceHost === b.salesforceHost;

/**
 * A pair as far as a page knows it: the prospect at its AE host, the record in its org. Prospect
 * ids are only unique at one AE host, and a full-copy sandbox holds production's record ids, so
 * neither id alone names a pair.
 */
export interface PairKey {
  aeHost: string | null;
  prospectId: number | null;
  /** Null where the org is not known yet (an AE page not linked to a record). */
  org: OrgRef | null;
  recordId: string | null;
}

/** The pair a job, or a confirmation, is about. */
export const pairKeyOf = (target: JobTarget): PairKey => ({
  aeHost: target.aeHost,
  prospectId: target.prospectId,
  org: { orgId: target.orgId, salesforceHost: target.salesforceHost },
  recordId: target.recordId,
});

export function isOfPair(job: Job, pair: PairKey): boolean {
  if (pair.org && !sameOrg(job, pair.org)) return false;
  const sameProspect = pair.prospectId !== null && job.prospectId === pair.prospectId && job.aeHost === pair.aeHost;
  const sameRecord = pair.org !== null && pair.recordId !== null && sameRecordId(job.recordId, pair.recordId);
  return sameProspect || sameRecord;
}

/** The running job for this pair, else one that finished recently (for the overlay). */
export async function activeJobFor(pair: PairKey): Promise<Job | null> {
  const jobs = (await allJobs()).filter((job) => isOfPair(job, pair)).sort((a, b) => b.createdAt - a.createdAt);
  const recent = jobs[0] && Date.now() - jobs[0].updatedAt < SHOW_FINISHED_MS ? jobs[0] : null;
  return jobs.find((job) => !isFinished(job)) ?? recent;
}
