/**
 * What the overlay says about a pair, decided in one place: the state the
 * worker reports, and from it the panel's tone, the email the admin is asked
 * to confirm, and whether opting in can be offered at all.
 */
import type { JobView, PairState, PairStatus, Response } from './messages';

type JobState = 'idle' | 'running' | 'done' | 'failed';

export function pairState(
  status: Pick<PairStatus, 'linkProblem' | 'problem' | 'record' | 'prospect' | 'settings'>,
): PairState {
  if (status.linkProblem) return 'not-linked';
  if (status.problem && !status.record && !status.prospect) return 'error';
  const overwrite = status.settings.overwriteOptedOut;
  return overwrite === 'on' ? 'option-on' : overwrite === 'off' ? 'option-off' : 'option-unknown';
}

function jobState(job: JobView | null): JobState {
  if (!job) return 'idle';
  if (job.phase === 'done') return 'done';
  if (job.phase === 'failed') return 'failed';
  return 'running';
}

export interface OverlayModel {
  tone: 'info' | 'ok' | 'warning' | 'error';
  /** The address the admin is asked to confirm: the prospect's, else the record's. */
  email: string;
  job: JobState;
  /** A linked pair, both sides read, opted out somewhere, with an email, and no job running. */
  canOptIn: boolean;
}

export function overlayModel(status: Response<PairStatus> | null): OverlayModel {
  const value = status?.ok ? status.value : null;
  const job = jobState(value?.job ?? null);
  const tone = !status
    ? 'info'
    : !status.ok || value?.state === 'error' || value?.problem
      ? 'error'
      : value?.state === 'option-on'
        ? 'ok'
        : 'warning';
  const email = value?.prospect?.email ?? value?.record?.email ?? '';
  const optedOutSomewhere = Boolean(value?.prospect?.optedOut || value?.record?.hasOptedOutOfEmail);
  const canOptIn = Boolean(
    value && !value.linkProblem && value.record && value.prospect && optedOutSomewhere && email && job !== 'running',
  );
  return { tone, email, job, canOptIn };
}
