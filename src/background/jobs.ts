/** Jobs as persisted: one per prospect at a time. */
import { isFinished, type Job } from '../core/job';
import { read, update } from './store';

export async function allJobs(): Promise<Job[]> {
  return Object.values(await read('jobs'));
}

export async function getJob(id: string): Promise<Job | null> {
  return (await read('jobs'))[id] ?? null;
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
}

/** How long the overlay keeps showing a finished job's outcome. */
const SHOW_FINISHED_MS = 15 * 60_000;

/** The running job for this prospect or record, else one that finished recently (for the overlay). */
export async function activeJobFor(prospectId: number | null, recordId: string | null): Promise<Job | null> {
  const jobs = (await allJobs())
    .filter((job) => job.prospectId === prospectId || job.recordId === recordId)
    .sort((a, b) => b.createdAt - a.createdAt);
  const recent = jobs[0] && Date.now() - jobs[0].updatedAt < SHOW_FINISHED_MS ? jobs[0] : null;
  return jobs.find((job) => !isFinished(job)) ?? recent;
}
