import { describe, expect, it } from 'vitest';
import { type Job, type JobEvent, newJob, nextStep, transition } from '../../src/core/job';
import { TARGET, TIMING } from './job-fixture';

/** A fake clock: each event happens `ms` after the previous one. */
function run(
  events: [number, JobEvent][],
  start = newJob(TARGET, 'admin@example.com', 'asked by phone', TIMING, 'job-1', 0),
) {
  let now = 0;
  let job: Job = start;
  for (const [ms, event] of events) {
    now += ms;
    job = transition(job, event, now);
  }
  return { job, now };
}

const bothOptedOut: JobEvent = { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true };
const writeBoth: [number, JobEvent][] = [
  [1, { type: 'write-started', side: 'ae', method: 'page' }],
  [0, { type: 'write-started', side: 'salesforce', method: 'api' }],
  [40, { type: 'write-finished', side: 'salesforce', ok: true }],
  [12, { type: 'write-finished', side: 'ae', ok: true }],
];

describe('the coordinated opt-in job', () => {
  it('starts with a preflight read of both sides', () => {
    const job = newJob(TARGET, 'a', 'r', TIMING, 'j', 0);
    expect(nextStep(job, 0)).toEqual({ do: 'preflight' });
  });

  it('writes both sides when both are opted out, and records the skew between their ends', () => {
    const { job } = run([[0, bothOptedOut], ...writeBoth]);
    expect(job.phase).toBe('waiting-for-sync');
    expect(job.attempts[0]?.skewMs).toBe(12);
    expect(job.attempts[0]?.writes.ae).toMatchObject({ method: 'page', ok: true });
  });

  it('writes only the side still checked', () => {
    const { job, now } = run([[0, { type: 'preflight-passed', optedOut: false, hasOptedOutOfEmail: true }]]);
    expect(nextStep(job, now)).toEqual({ do: 'write', sides: ['salesforce'] });
  });

  it('refuses to write anything when the prospect is not opted out on either side', () => {
    const { job } = run([[0, { type: 'preflight-passed', optedOut: false, hasOptedOutOfEmail: false }]]);
    expect(job.outcome).toEqual({ result: 'failed', error: 'not-opted-out', written: [] });
  });

  it('sleeps between sync checks and verifies once a sync after the writes is seen', () => {
    let { job, now } = run([[0, bothOptedOut], ...writeBoth]);
    expect(nextStep(job, now)).toEqual({ do: 'sleep', until: now + 30_000 });
    now += 30_000;
    expect(nextStep(job, now)).toEqual({ do: 'check-sync' });
    job = transition(job, { type: 'sync-checked', lastSyncAt: now - 60_000 }, now);
    expect(job.phase).toBe('waiting-for-sync');
    now += 30_000;
    job = transition(job, { type: 'sync-checked', lastSyncAt: now - 1_000 }, now);
    expect(job.phase).toBe('verifying');
    job = transition(job, { type: 'verified', optedOut: false, hasOptedOutOfEmail: false }, now + 100);
    expect(job.outcome).toEqual({ result: 'done' });
    expect(nextStep(job, now + 100)).toEqual({ do: 'nothing' });
  });

  it('verifies anyway once a sync interval plus the margin has passed without seeing a sync', () => {
    let { job, now } = run([[0, bothOptedOut], ...writeBoth]);
    now += 150_001;
    job = transition(job, { type: 'sync-checked', lastSyncAt: null }, now);
    expect(job.phase).toBe('verifying');
    expect(job.attempts[0]?.syncTimedOut).toBe(true);
  });

  it('retries from the preflight when the sync reverted the pair, up to the configured cycles', () => {
    let { job, now } = run([
      [0, bothOptedOut],
      ...writeBoth,
      [30_000, { type: 'sync-checked', lastSyncAt: 10_000_000 }],
    ]);
    for (let cycle = 1; cycle <= 3; cycle++) {
      now += 10;
      job = transition(job, { type: 'verified', optedOut: true, hasOptedOutOfEmail: true }, now);
      if (cycle < 3) {
        expect(job.phase).toBe('preflight');
        ({ job, now } = run(
          [[0, bothOptedOut], ...writeBoth, [30_000, { type: 'sync-checked', lastSyncAt: 10_000_000 }]],
          job,
        ));
      }
    }
    expect(job.attempts).toHaveLength(3);
    expect(job.outcome).toEqual({ result: 'failed', error: 'reverted', written: ['ae', 'salesforce'] });
  });

  it('fails at once, writing nothing, on a permanent preflight error', () => {
    const { job } = run([[0, { type: 'preflight-failed', error: 'link-mismatch' }]]);
    expect(job.outcome).toEqual({ result: 'failed', error: 'link-mismatch', written: [] });
  });

  it('pauses and repeats the preflight after a transient error', () => {
    const { job, now } = run([[0, { type: 'preflight-failed', error: 'network' }]]);
    expect(job.phase).toBe('preflight');
    expect(nextStep(job, now)).toEqual({ do: 'sleep', until: now + 5_000 });
  });

  it('when one write fails, says which side was written and still waits for the sync to settle the pair', () => {
    let { job, now } = run([
      [0, bothOptedOut],
      [1, { type: 'write-started', side: 'ae', method: 'api' }],
      [0, { type: 'write-started', side: 'salesforce', method: 'api' }],
      [5, { type: 'write-finished', side: 'salesforce', ok: true }],
      [5, { type: 'write-finished', side: 'ae', ok: false, error: 'record-deleted' }],
    ]);
    expect(job.phase).toBe('waiting-for-sync');
    now += 30_000;
    job = transition(job, { type: 'sync-checked', lastSyncAt: now - 10 }, now);
    job = transition(job, { type: 'verified', optedOut: true, hasOptedOutOfEmail: true }, now);
    expect(job.outcome).toEqual({ result: 'failed', error: 'record-deleted', written: ['salesforce'] });
  });

  it('retries a transient write failure when nothing was written', () => {
    const { job } = run([
      [0, bothOptedOut],
      [1, { type: 'write-started', side: 'ae', method: 'api' }],
      [0, { type: 'write-started', side: 'salesforce', method: 'api' }],
      [5, { type: 'write-finished', side: 'salesforce', ok: false, error: 'server-error' }],
      [5, { type: 'write-finished', side: 'ae', ok: false, error: 'network' }],
    ]);
    expect(job.phase).toBe('preflight');
    expect(job.attempts).toHaveLength(1);
  });

  it('writes nothing on either side when the page writer cannot start, and says why', () => {
    const { job } = run([
      [0, bothOptedOut],
      [1, { type: 'write-aborted', error: 'control-not-found' }],
    ]);
    expect(job.outcome).toEqual({ result: 'failed', error: 'control-not-found', written: [] });
  });

  it('resumes a write the worker never saw finish by waiting for the sync and verifying', () => {
    let { job, now } = run([
      [0, bothOptedOut],
      [1, { type: 'write-started', side: 'salesforce', method: 'api' }],
    ]);
    now += 40_000;
    job = transition(job, { type: 'resumed' }, now);
    expect(job.phase).toBe('waiting-for-sync');
    expect(job.attempts[0]?.writes.ae).toMatchObject({ ok: false, error: 'not-confirmed' });
  });

  it('keeps waiting through a transient read error, and stops on a permanent one', () => {
    const waiting = run([[0, bothOptedOut], ...writeBoth]);
    const transient = transition(waiting.job, { type: 'read-failed', error: 'network' }, waiting.now + 30_000);
    expect(transient.phase).toBe('waiting-for-sync');
    const permanent = transition(waiting.job, { type: 'read-failed', error: 'record-deleted' }, waiting.now + 30_000);
    expect(permanent.outcome).toMatchObject({ result: 'failed', error: 'record-deleted' });
  });

  it('also waits when the admin was signed out of Account Engagement (a browser restart drops its cookie)', () => {
    const waiting = run([[0, bothOptedOut], ...writeBoth]);
    const soon = transition(waiting.job, { type: 'read-failed', error: 'signed-out-of-ae' }, waiting.job.deadline ?? 0);
    expect(soon.phase).toBe('waiting-for-sync');
  });

  it('waits about two sync intervals for the admin to sign in again before failing on an ended session', () => {
    const waiting = run([[0, bothOptedOut], ...writeBoth]);
    const deadline = waiting.job.deadline ?? 0;
    const soon = transition(waiting.job, { type: 'read-failed', error: 'session-expired' }, deadline);
    expect(soon.phase).toBe('waiting-for-sync');
    expect(soon.lastError).toBe('session-expired');
    const late = transition(waiting.job, { type: 'read-failed', error: 'session-expired' }, deadline + 240_001);
    expect(late.outcome).toMatchObject({ result: 'failed', error: 'session-expired' });
  });

  it('ignores events once finished', () => {
    const { job } = run([[0, { type: 'preflight-failed', error: 'not-linked' }]]);
    expect(transition(job, bothOptedOut, 5)).toBe(job);
  });
});

describe('a job interrupted in the middle of its writes', () => {
  it('is picked up as interrupted (resumed), never slept on for zero time, and then waits for the sync', () => {
    // The worker stopped (or storage threw) after both writes started and before either answered.
    const { job, now } = run([
      [0, bothOptedOut],
      [1, { type: 'write-started', side: 'ae', method: 'page' }],
      [0, { type: 'write-started', side: 'salesforce', method: 'api' }],
    ]);
    const step = nextStep(job, now + 5);
    expect(step).toEqual({ do: 'resume' });
    const resumed = transition(job, { type: 'resumed' }, now + 5);
    expect(resumed.phase).toBe('waiting-for-sync');
    expect(nextStep(resumed, now + 5)).toMatchObject({ do: 'sleep' });
    expect((nextStep(resumed, now + 5) as { until: number }).until).toBeGreaterThan(now + 5);
  });
});
