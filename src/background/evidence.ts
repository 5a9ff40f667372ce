/**
 * The evidence where the org keeps records: when the admin has asked for it (the confirmation
 * window's "Record this opt-in in Salesforce as a completed Task", remembered in the options), a
 * done job leaves one completed Task on its Lead/Contact, and the overlay and the confirmation window
 * read earlier ones back, so a colleague sees them too. It is the only write besides the two opt-out
 * fields, and it is written only for a done job: a failed job restored nobody, and a Task saying
 * otherwise would mislead the next reader (the audit log keeps the failed one).
 */
import browser from 'webextension-polyfill';
import { errorCodeOf } from '../core/errors';
import { earlierTasksQuery, evidenceTaskFields } from '../core/evidence-task';
import type { Job } from '../core/job';
import type { Restoration } from '../core/messages';
import { type Org, orgForHost } from './org';
import { read } from './store';

/** Jobs whose Task is being written or was written by this worker: one Task per job. */
const started = new Map<string, Promise<{ taskId?: string; taskError?: string }>>();

const say = (key: string, substitutions?: string[]) => browser.i18n.getMessage(key, substitutions);

/**
 * What the audit entry of a finished job carries about its Task: its id, why it could not be
 * written, or nothing (not asked for, or the job did not end done).
 */
export function recordEvidence(job: Job, org: Org | null): Promise<{ taskId?: string; taskError?: string }> {
  const known = started.get(job.id);
  if (known) return known;
  const written = writeOnce(job, org);
  started.set(job.id, written);
  return written;
}

async function writeOnce(job: Job, org: Org | null): Promise<{ taskId?: string; taskError?: string }> {
  if (job.outcome?.result !== 'done') return {};
  const earlier = (await read('audit')).find((entry) => entry.jobId === job.id);
  if (earlier?.taskId) return { taskId: earlier.taskId };
  if ((await read('options')).recordTask !== true) return {};
  try {
    const client = (org ?? (await orgForHost(job.salesforceHost))).salesforce;
    return { taskId: await client.createTask(evidenceTaskFields(job, say, Date.now())) };
  } catch (error) {
    return { taskError: errorCodeOf(error) };
  }
}

interface TaskRow {
  Id?: string;
  Subject?: string;
  Description?: string;
  CreatedDate?: string;
  CreatedBy?: { Name?: string } | null;
}

/** The record's earlier opt-ins from their evidence Tasks, newest first; null when Salesforce would not say. */
export async function earlierRestorations(org: Org, recordId: string): Promise<Restoration[] | null> {
  try {
    const rows = await org.salesforce.query<TaskRow>(earlierTasksQuery(recordId));
    return rows.map((row) => ({
      taskId: String(row.Id ?? ''),
      at: Date.parse(String(row.CreatedDate ?? '').replace(/\+0000$/, 'Z')),
      by: String(row.CreatedBy?.Name ?? ''),
      subject: String(row.Subject ?? ''),
      description: String(row.Description ?? ''),
    }));
  } catch {
    return null;
  }
}
