/**
 * A job's reads of its pair: the Salesforce record by REST and the prospect at AE's host or, where
 * AE refuses the admin there, in the Account Engagement app's frame (ae-side.ts).
 */
import { errorCodeOf, isTransient } from '../core/errors';
import type { Job } from '../core/job';
import { readProspectWhereAllowed } from './ae-side';
import { apply } from './job-progress';
import type { Org } from './org';
import type { ProspectRead } from './prospects';
import type { RecordFields } from './salesforce-rest';

/**
 * Both sides read at once, and both reads finished before the job moves on: a page load left
 * running in the job's tab would race the next step's. When both fail, the error that tells the
 * admin what to do wins over one that only says a page or the network did not answer.
 */
export async function readBoth(
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
export async function readProspect(job: Job, org: Org): Promise<{ prospect: ProspectRead; job: Job }> {
  const { prospect, frameFound } = await readProspectWhereAllowed(job, org);
  return { prospect, job: frameFound ? await apply(job, { type: 'ae-frame-found', host: frameFound }, org) : job };
}
