import { useEffect, useState } from 'preact/hooks';
import type { JobView } from '../core/messages';
import { listOf, t } from './i18n';
import { errorText } from './status';

const SIDE_KEYS = { ae: 'sideAe', salesforce: 'sideSf' } as const;

/** What the job saw of the person's latest wish, and what it could not read, line by line. */
function consentLines(refusedBy: JobView['refusedBy']): string[] {
  const evidence = refusedBy?.evidence;
  if (!evidence) return [];
  const when = (ms: number) => new Date(ms).toLocaleString();
  const lines: string[] = [];
  if (evidence.newerOptOut)
    lines.push(t('consentNewerOptOut', when(evidence.newerOptOut.at), evidence.newerOptOut.what));
  if (evidence.newerEmailOptOut && !evidence.newerEmailOptOut.connector)
    lines.push(t('consentSalesforceOptOut', evidence.newerEmailOptOut.by, when(evidence.newerEmailOptOut.at)));
  if (evidence.activities === 'not-shown') lines.push(t('consentActivitiesNotShown'));
  if (evidence.activities === 'unreadable' || evidence.activities === 'not-read')
    lines.push(t('consentActivitiesUnreadable'));
  if (evidence.history === 'no-rows') lines.push(t('consentHistoryUntracked'));
  if (evidence.history === 'unreadable') lines.push(t('consentHistoryUnreadable'));
  return lines;
}

/** The job's progress, with a countdown while it waits for the connector sync. */
export function JobProgress({ job }: { job: JobView }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (job.phase !== 'waiting-for-sync') return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [job.phase]);

  const attempt = job.attempts.length;
  let line: string;
  switch (job.phase) {
    case 'preflight':
      line = t('jobPreflight');
      break;
    case 'writing':
      line = t('jobWriting');
      break;
    case 'waiting-for-sync':
      line = t('jobWaiting', String(Math.max(0, Math.ceil(((job.deadline ?? now) - now) / 1000))));
      break;
    case 'verifying':
      line = t('jobVerifying');
      break;
    case 'done':
      line = t('jobDone');
      break;
    default:
      line = t('jobFailed', job.outcome?.result === 'failed' ? errorText(job.outcome.error) : '');
  }
  const written = job.outcome?.result === 'failed' ? job.outcome.written : [];
  return (
    <div class="job" data-phase={job.phase} role="status">
      <p data-field="job">{line}</p>
      {attempt > 0 && job.phase !== 'done' && (
        <p class="muted" data-field="attempt">
          {t('jobAttempt', String(attempt), String(job.maxAttempts))}
        </p>
      )}
      {consentLines(job.refusedBy).map((text) => (
        <p class="muted" data-field="consent" key={text}>
          {text}
        </p>
      ))}
      {job.phase === 'failed' && (
        <p class="muted" data-field="written">
          {written.length ? t('jobWritten', listOf(written.map((side) => t(SIDE_KEYS[side])))) : t('jobNothingWritten')}
        </p>
      )}
    </div>
  );
}
