/**
 * The invariants every chaos run checks, single opt-in or batch, read from
 * the sandbox's log and the extension's stored jobs and audit.
 */
import type { StoredAuditEntry, StoredJob } from '../e2e/harness';
import type { LogEntry } from '../sandbox/sandbox';
import type { RunningSandbox } from '../sandbox/server';

/** Every record write the product made (not the connector, not the run's own control calls). */
export const productWritesIn = (log: readonly LogEntry[]) =>
  log.filter((e) => e.wrote && (e.kind === 'api' || e.kind === 'page'));

/** Whose pair a write touched: the prospect's id, or the Lead or Contact's (a Task names it in WhoId). */
export function writtenId(write: LogEntry): string {
  if (write.wrote?.object === 'Task') return String(write.wrote.fields.WhoId ?? '').slice(0, 15);
  if (write.wrote?.object === 'Prospect') return `prospect:${write.wrote.id}`;
  return String(write.wrote?.id ?? '').slice(0, 15);
}

/**
 * What a write may change: the evidence Task (completed, on the pair's record, carrying the
 * admin's reason, for a done job), or Opted Out / Email Opt Out, only to `false`, and a prospect
 * form posted as the page drew it but for that one control.
 */
export function writeProblems(write: LogEntry, job: StoredJob | undefined, reason: string | null): string[] {
  const problems: string[] = [];
  if (write.wrote?.object === 'Task') {
    const fields = write.wrote.fields;
    const keys = Object.keys(fields).sort().join();
    if (keys !== 'ActivityDate,Description,Status,Subject,WhoId' || fields.Status !== 'Completed')
      problems.push(`wrote a Task other than the evidence: ${JSON.stringify(fields)}`);
    if (reason !== null && !String(fields.Description).includes(reason))
      problems.push(`wrote an evidence Task without the row's evidence: ${JSON.stringify(fields)}`);
    if (job?.outcome?.result !== 'done') problems.push('wrote a Task for a job that is not done');
    return problems;
  }
  const allowed = write.wrote?.object === 'Prospect' ? ['optedOut'] : ['HasOptedOutOfEmail'];
  // A prospect form's Save writes every field; it may change only Opted Out.
  const changed = Object.entries(write.changed ?? write.wrote?.fields ?? {});
  if (changed.some(([name, value]) => !allowed.includes(name) || value !== false))
    problems.push(`changed ${JSON.stringify(write.changed)} in ${JSON.stringify(write.wrote)}`);
  if (write.form) {
    const { rendered, posted } = write.form;
    const differs = Object.keys({ ...rendered, ...posted }).filter((name) => rendered?.[name] !== posted[name]);
    if (!rendered || differs.length !== 1 || !/^(opted_out|default_field_\d+)$/.test(differs[0] ?? ''))
      problems.push(`posted a form that differs from the one drawn in ${JSON.stringify(differs)}`);
  }
  if (!job || write.at < job.createdAt - 50 || write.at > job.updatedAt + 2_000)
    problems.push(`write outside the job's lifetime at ${write.at}`);
  return problems;
}

/** A failure the faults do not explain, with what the job and the sandbox saw meanwhile. */
export function unexplainedFailure(job: StoredJob, faults: readonly string[], log: readonly LogEntry[]): string {
  const stored = job as StoredJob & { lastError?: string; errorDetail?: string };
  const requests = log
    .filter((e) => e.kind !== 'sync' && e.at >= job.createdAt - 100 && e.at <= job.updatedAt + 100)
    .map(
      (e) =>
        `${e.at - job.createdAt} ${e.method ?? ''} ${e.host ?? ''}${e.path ?? e.route ?? ''} ${e.status ?? ''} ${e.error ?? ''}`,
    );
  return `failed with "${job.outcome?.error}", which the injected faults (${faults.join(', ')}) do not explain; the job: ${JSON.stringify({ lastError: stored.lastError, errorDetail: stored.errorDetail, attempts: job.attempts })}; the requests meanwhile: ${JSON.stringify(requests)}`;
}

/** One audit entry per job, carrying each of its attempts. */
export function auditProblems(job: StoredJob, audit: readonly StoredAuditEntry[]): string[] {
  const entries = audit.filter((e) => e.jobId === job.id);
  if (entries.length !== 1) return [`audit has ${entries.length} entries for the job`];
  if (entries[0]?.attempts.length !== job.attempts.length) return ['audit entry lacks attempts'];
  return [];
}

/**
 * A newer wish wins: no false is written after an opt-out activity newer than the confirmation,
 * unless the attempt that wrote it had read the pair before that opt-out (a write in flight).
 */
export function consentProblems(job: StoredJob, unsubscribedAt: number, writes: readonly LogEntry[]): string[] {
  const problems: string[] = [];
  const stored = job as unknown as {
    attempts: { startedAt: number; writes: Record<string, { ok?: boolean }> }[];
    consent?: { from?: number; at: number }[];
  };
  for (const attempt of stored.attempts) {
    // The look at the person's wish that let this attempt write: the last one before it began.
    const evidence = (stored.consent ?? []).filter((c) => c.at <= attempt.startedAt).at(-1);
    const wrote = Object.values(attempt.writes).some((write) => write.ok !== false);
    if (wrote && evidence && (evidence.from ?? evidence.at) > unsubscribedAt)
      problems.push(
        `an attempt that read the pair ${(evidence.from ?? evidence.at) - unsubscribedAt} ms after the person unsubscribed still wrote false (its job began ${job.createdAt - unsubscribedAt} ms after the unsubscribe)`,
      );
  }
  if (!stored.consent?.length && writes.some((write) => write.at > unsubscribedAt + 50))
    problems.push('wrote after the person unsubscribed, without looking at their latest wish');
  return problems;
}

/** A done pair stays opted in through the connector's next syncs. */
export function revertedAfterDone({ sandbox }: RunningSandbox, prospectId: number): boolean {
  sandbox.syncAll();
  sandbox.syncAll();
  const prospect = sandbox.org.prospects.get(prospectId);
  const record = sandbox.org.records.get(prospect?.salesforceContactId ?? prospect?.salesforceLeadId ?? '');
  return Boolean(prospect?.optedOut || record?.HasOptedOutOfEmail);
}
