/**
 * The evidence Task: what an opt-in leaves in Salesforce when the admin asks for it, so a colleague,
 * an auditor or the next laptop sees who restored whom, why and when. A completed Task on the
 * Lead/Contact (Object Reference, "Task": `WhoId` is "the ID of a related Contact or Lead"; `Status`
 * "Completed"; `ActivityDate` a date), in the admin's language. Pure: the words come from `say`.
 */
import type { Job } from './job';

/** How every evidence Task's subject starts, in each language: what the query for earlier ones matches. */
export const TASK_SUBJECT_PREFIXES = ['Opt-Out Sync Guard', 'オプトアウト同期ガード'] as const;

export type Say = (key: string, substitutions?: string[]) => string;

/** A local calendar date, as Task's `ActivityDate` takes it. */
export function activityDate(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The fields of the Task for a done job: never another field, never another record. */
export function evidenceTaskFields(job: Job, say: Say, now: number): Record<string, string> {
  const first = job.attempts[0];
  const last = job.attempts[job.attempts.length - 1];
  const onOff = (checked: boolean | undefined) =>
    checked === undefined ? say('taskValueUnknown') : say(checked ? 'taskValueOn' : 'taskValueOff');
  const before = { ae: first?.sides.includes('ae') ?? false, salesforce: first?.sides.includes('salesforce') ?? false };
  const after = last?.verified;
  const when = new Date(job.createdAt).toISOString();
  const lines = [
    say('taskReason', [job.reason]),
    say('taskConfirmedBy', [job.admin, when]),
    say('taskAeSide', [String(job.prospectId), onOff(before.ae), onOff(after?.optedOut)]),
    say('taskSalesforceSide', [onOff(before.salesforce), onOff(after?.hasOptedOutOfEmail)]),
    say(job.outcome?.result === 'done' ? 'taskOutcomeDone' : 'taskOutcomeFailed', [
      after ? new Date(after.at).toISOString() : '',
      String(job.attempts.length),
    ]),
    say('taskJob', [job.id]),
  ];
  return {
    WhoId: job.recordId,
    Status: 'Completed',
    Subject: say('taskSubject', [job.email]).slice(0, 255),
    Description: lines.join('\n').slice(0, 32_000),
    ActivityDate: activityDate(now),
  };
}

/** SOQL for the record's earlier evidence Tasks, newest first. */
export function earlierTasksQuery(recordId: string): string {
  const id = recordId.replace(/[^a-zA-Z0-9]/g, '');
  const subjects = TASK_SUBJECT_PREFIXES.map((prefix) => `Subject LIKE '${prefix}%'`).join(' OR ');
  return (
    `SELECT Id, Subject, Description, CreatedDate, CreatedBy.Name FROM Task ` +
    `WHERE WhoId = '${id}' AND (${subjects}) ORDER BY CreatedDate DESC LIMIT 10`
  );
}
