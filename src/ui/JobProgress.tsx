import { useEffect, useState } from 'preact/hooks';
import type { JobView } from '../core/messages';
import { listOf, t } from './i18n';
import { errorText } from './status';

const SIDE_KEYS = { ae: 'sideAe', salesforce: 'sideSf' } as const;

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
      {job.phase === 'failed' && (
        <p class="muted" data-field="written">
          {written.length ? t('jobWritten', listOf(written.map((side) => t(SIDE_KEYS[side])))) : t('jobNothingWritten')}
        </p>
      )}
    </div>
  );
}
