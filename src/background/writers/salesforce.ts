/** The Salesforce side: Email Opt Out unchecked through REST, the only write this extension makes there. */
import type { Job } from '../../core/job';
import type { Org } from '../org';

export function writeSalesforce(job: Job, org: Org): Promise<void> {
  return org.salesforce.uncheckEmailOptOut(job.object, job.recordId);
}
