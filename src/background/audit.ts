/** The audit log: one entry per job, refused and failed ones included, bounded with a visible count of what was dropped. */
import { isFinished, type Job, writtenSides } from '../core/job';
import { type AuditEntry, read, update } from './store';

/** Twice the longest list Restore a list takes (core/batch.ts MAX_ROWS): a whole batch's rows stay on record. */
export const AUDIT_LIMIT = 2_000;

export function entryFor(job: Job, orgId: string | null): AuditEntry {
  return {
    jobId: job.id,
    at: job.createdAt,
    admin: job.admin,
    orgId,
    businessUnitId: job.businessUnitId,
    prospectId: job.prospectId,
    email: job.email,
    object: job.object,
    recordId: job.recordId,
    reason: job.reason,
    ...(job.batchId ? { batchId: job.batchId } : {}),
    attempts: job.attempts,
    outcome: isFinished(job) ? (job.outcome?.result ?? 'failed') : 'running',
    error: job.outcome?.result === 'failed' ? job.outcome.error : null,
    written: writtenSides(job),
    ...(job.refusedBy ? { refusedBy: job.refusedBy } : {}),
    ...(job.consent ? { consent: job.consent } : {}),
  };
}

/** A confirmation that joined a job already running for its pair: who, when and why, with nothing of its own written. */
export function joinedEntry(job: Job, admin: string, reason: string): AuditEntry {
  return {
    ...entryFor(job, job.orgId),
    jobId: crypto.randomUUID(),
    joinedJobId: job.id,
    at: Date.now(),
    admin,
    reason,
    attempts: [],
    outcome: 'joined',
    error: null,
    written: [],
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Why a job would not write again, in the words of the export (the CSV's headers are English). */
export function consentWhy(refusedBy: AuditEntry['refusedBy']): string {
  if (!refusedBy) return '';
  const evidence = refusedBy.evidence;
  const said: string[] = [];
  if (evidence?.newerOptOut)
    said.push(
      `opt-out activity "${evidence.newerOptOut.what}" at ${iso(evidence.newerOptOut.at)}, after the confirmation`,
    );
  if (evidence?.newerEmailOptOut)
    said.push(
      `Email Opt Out checked by ${evidence.newerEmailOptOut.by}${evidence.newerEmailOptOut.connector ? ' (the connector)' : ''} at ${iso(evidence.newerEmailOptOut.at)}`,
    );
  if (evidence?.activities === 'not-shown') said.push('the prospect page shows no activity list');
  if (evidence?.activities === 'unreadable' || evidence?.activities === 'not-read')
    said.push('the activity list could not be read');
  if (evidence?.history === 'no-rows') said.push('no field history of Email Opt Out (not tracked)');
  if (evidence?.history === 'unreadable') said.push('the field history of Email Opt Out could not be read');
  return said.join('; ') || refusedBy.verdict;
}

export async function recordEntry(entry: AuditEntry): Promise<void> {
  let dropped = 0;
  await update('audit', (log) => {
    const next = log.filter((e) => e.jobId !== entry.jobId);
    const index = log.findIndex((e) => e.jobId === entry.jobId);
    if (index >= 0) next.splice(index, 0, entry);
    else next.push(entry);
    dropped = Math.max(0, next.length - AUDIT_LIMIT);
    return next.slice(dropped);
  });
  if (dropped) await update('auditDropped', (count) => count + dropped);
}

/**
 * Every cell is quoted: a spreadsheet set to a locale that separates with
 * semicolons would split an unquoted `a;=cmd` and run the second half. A
 * cell that starts like a formula is prefixed with a quote as well.
 */
function cell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export async function auditCsv(): Promise<string> {
  const log = await read('audit');
  const unreadable = await read('auditUnreadable');
  const header = [
    'when',
    'admin',
    'org',
    'business unit',
    'prospect',
    'email',
    'object',
    'record',
    'reason',
    'outcome',
    'error',
    'written',
    'attempts',
    'skew ms',
    'why',
    'salesforce task',
    'undone by',
  ];
  const rows = log.map((e) => [
    new Date(e.at).toISOString(),
    e.admin,
    e.orgId,
    e.businessUnitId,
    e.prospectId,
    e.email,
    e.object,
    e.recordId,
    e.reason,
    e.outcome,
    e.error,
    e.written.join(' + '),
    e.attempts.length,
    e.attempts.map((a) => a.skewMs ?? '').join(' / '),
    consentWhy(e.refusedBy),
    e.taskId ?? (e.taskError ? `not written: ${e.taskError}` : ''),
    e.undone ? `${e.undone.by}${e.undone.who ? `: ${e.undone.who}` : ''} (${e.undone.sides.join(' + ')})` : '',
  ]);
  // Entries this version could not read are exported as they were stored, never left out.
  const kept = unreadable.map((raw) => [
    ...header.slice(0, -7).map(() => ''),
    'unreadable',
    JSON.stringify(raw),
    '',
    '',
    '',
    '',
    '',
  ]);
  return [header, ...rows, ...kept].map((row) => row.map(cell).join(',')).join('\r\n');
}
