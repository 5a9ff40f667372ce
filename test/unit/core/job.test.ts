import { describe, expect, it } from 'vitest';
import { type ConsentEvidence, type Job, type JobEvent, newJob, nextStep, transition } from '../../../src/core/job';
import { TARGET, TIMING } from '../job-fixture';

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
/** What a preflight before a rewrite finds when the revert was the sync's: the activity list read, no newer opt-out. */
const clear: ConsentEvidence = { at: 0, activities: 'read', history: 'tracked' };
const bothOptedOutClear: JobEvent = { ...bothOptedOut, consent: clear } as JobEvent;
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
          [[0, bothOptedOutClear], ...writeBoth, [30_000, { type: 'sync-checked', lastSyncAt: 10_000_000 }]],
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

  it('tries again when the side a worker stop interrupted is still opted out after the sync', () => {
    let { job, now } = run([
      [0, bothOptedOut],
      [1, { type: 'write-started', side: 'salesforce', method: 'api' }],
      [0, { type: 'write-started', side: 'ae', method: 'page' }],
      [40, { type: 'write-finished', side: 'salesforce', ok: true }],
    ]);
    // Chrome stopped the worker before the AE page's Save was seen: nobody knows whether it landed.
    now += 40_000;
    job = transition(job, { type: 'resumed' }, now);
    now += 100_000;
    job = transition(job, { type: 'sync-checked', lastSyncAt: now - 1_000 }, now);
    job = transition(job, { type: 'verified', optedOut: true, hasOptedOutOfEmail: false }, now + 100);
    // It had not: a new try, from a fresh read (and consent check) of both sides, not a failure.
    expect(job.outcome).toEqual(undefined);
    expect(job).toMatchObject({ phase: 'preflight', lastError: 'not-confirmed' });
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
    const late = transition(soon, { type: 'read-failed', error: 'session-expired' }, deadline + 240_001);
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

describe('a confirmation expires', () => {
  it('fails as expired, writing nothing, when its deadline passes before the first write (a browser closed meanwhile)', () => {
    const job = newJob(TARGET, 'a', 'r', { ...TIMING, expiryMs: 60_000 }, 'j', 0);
    expect(nextStep(job, 60_000)).toEqual({ do: 'expire' });
    const expired = transition(job, { type: 'expired' }, 60_000);
    expect(expired.outcome).toEqual({ result: 'failed', error: 'expired', written: [] });
  });

  it('defaults to 15 minutes from the confirmation', () => {
    const job = newJob(TARGET, 'a', 'r', TIMING, 'j', 1_000);
    expect(job.expiresAt).toBe(1_000 + 15 * 60_000);
    expect(nextStep(job, 1_000 + 15 * 60_000 - 1)).toEqual({ do: 'preflight' });
  });

  it('expires a job that read both sides but had not started writing, and drops the attempt it had not begun', () => {
    const start = newJob(TARGET, 'a', 'r', { ...TIMING, expiryMs: 60_000 }, 'j', 0);
    const ready = transition(start, bothOptedOut, 59_000);
    expect(nextStep(ready, 61_000)).toEqual({ do: 'expire' });
    const expired = transition(ready, { type: 'expired' }, 61_000);
    expect(expired.outcome).toMatchObject({ error: 'expired', written: [] });
    expect(expired.attempts).toEqual([]);
  });

  it('after writing, past its deadline only verifies: a revert found then ends it, nothing is written again', () => {
    let { job, now } = run(
      [[0, bothOptedOut], ...writeBoth],
      newJob(TARGET, 'a', 'r', { ...TIMING, expiryMs: 100_000 }, 'j', 0),
    );
    now += 150_001;
    job = transition(job, { type: 'sync-checked', lastSyncAt: now - 10 }, now);
    job = transition(job, { type: 'verified', optedOut: true, hasOptedOutOfEmail: true }, now);
    expect(job.outcome).toEqual({ result: 'failed', error: 'expired', written: ['ae', 'salesforce'] });
    expect(job.attempts).toHaveLength(1);
  });

  it('a job waiting to retry when its deadline passes goes to the verification, not to another write', () => {
    const start = newJob(TARGET, 'a', 'r', { ...TIMING, expiryMs: 100_000 }, 'j', 0);
    let { job, now } = run(
      [[0, bothOptedOut], ...writeBoth, [150_001, { type: 'sync-checked', lastSyncAt: null }]],
      start,
    );
    // A retry was planned before the deadline (the clock here is before it); then the browser was closed.
    job = { ...job, phase: 'preflight' };
    now = 100_000;
    expect(nextStep(job, now)).toEqual({ do: 'expire' });
    job = transition(job, { type: 'expired' }, now);
    expect(job.phase).toBe('verifying');
    expect(nextStep(job, now)).toEqual({ do: 'verify' });
    job = transition(job, { type: 'verified', optedOut: false, hasOptedOutOfEmail: false }, now);
    expect(job.outcome).toEqual({ result: 'done' });
  });
});

describe('transient preflight failures', () => {
  it('count toward the attempts: a preflight that keeps failing ends instead of retrying for ever', () => {
    let job = newJob(TARGET, 'a', 'r', TIMING, 'j', 0);
    const tries: string[] = [];
    for (let i = 0; i < 10 && job.phase !== 'failed'; i++) {
      job = transition(job, { type: 'preflight-failed', error: 'server-error' }, i * 6_000);
      tries.push(job.phase);
    }
    expect(tries).toEqual(['preflight', 'preflight', 'failed']);
    expect(job.outcome).toEqual({ result: 'failed', error: 'server-error', written: [] });
  });
});

describe('a job resumed before its writes', () => {
  it('reads both sides again instead of writing from what it read before the worker stopped', () => {
    const ready = transition(newJob(TARGET, 'a', 'r', TIMING, 'j', 0), bothOptedOut, 0);
    expect(ready.phase).toBe('writing');
    const resumed = transition(ready, { type: 'resumed' }, 40_000);
    expect(nextStep(resumed, 40_000)).toEqual({ do: 'preflight' });
    expect(resumed.attempts).toEqual([]);
  });
});

describe('a newer wish wins', () => {
  const unsubscribed: ConsentEvidence = {
    at: 0,
    activities: 'read',
    newerOptOut: { at: 70_000, what: 'Unsubscribe Page' },
    history: 'tracked',
  };

  /** Written, synced, and the verification finds both sides checked again. */
  function reverted() {
    let { job, now } = run([[0, bothOptedOut], ...writeBoth]);
    now += 30_000;
    job = transition(job, { type: 'sync-checked', lastSyncAt: now - 10 }, now);
    job = transition(job, { type: 'verified', optedOut: true, hasOptedOutOfEmail: true }, now);
    expect(job.phase).toBe('preflight');
    return { job, now };
  }

  it('an opt-out activity newer than the confirmation refuses the first write', () => {
    const { job } = run([[0, { ...bothOptedOut, consent: unsubscribed } as JobEvent]]);
    expect(job.outcome).toEqual({ result: 'failed', error: 'opted-out-again', written: [] });
    expect(job.refusedBy).toMatchObject({
      verdict: 'newer-opt-out',
      evidence: { newerOptOut: { what: 'Unsubscribe Page' } },
    });
  });

  it('after a revert, a newer opt-out activity stops the rewrite: the person unsubscribed meanwhile', () => {
    const { job, now } = reverted();
    const next = transition(job, { ...bothOptedOut, consent: unsubscribed } as JobEvent, now + 1);
    expect(next.outcome).toEqual({ result: 'failed', error: 'opted-out-again', written: ['ae', 'salesforce'] });
    expect(next.attempts).toHaveLength(1);
  });

  it('after a revert, Email Opt Out checked by a Salesforce user (not the connector) stops the rewrite', () => {
    const { job, now } = reverted();
    const byUser: ConsentEvidence = {
      at: 0,
      activities: 'read',
      history: 'tracked',
      newerEmailOptOut: { at: 70_000, by: 'Sandbox Admin', connector: false },
    };
    const next = transition(job, { ...bothOptedOut, consent: byUser } as JobEvent, now + 1);
    expect(next.outcome).toMatchObject({ error: 'opted-out-again' });
    expect(next.refusedBy?.verdict).toBe('opted-out-in-salesforce');
  });

  it('after a revert, rewrites when the connector set Email Opt Out and no opt-out activity is newer', () => {
    const { job, now } = reverted();
    const byConnector: ConsentEvidence = {
      at: 0,
      activities: 'read',
      history: 'tracked',
      newerEmailOptOut: { at: 70_000, by: 'B2BMA Integration', connector: true },
    };
    const next = transition(job, { ...bothOptedOut, consent: byConnector } as JobEvent, now + 1);
    expect(next.phase).toBe('writing');
    expect(next.attempts).toHaveLength(2);
  });

  it('after a revert, refuses to rewrite when the activity list could not be read (it cannot rule a new opt-out out)', () => {
    const { job, now } = reverted();
    for (const activities of ['not-shown', 'unreadable', 'not-read'] as const) {
      const next = transition(
        job,
        { ...bothOptedOut, consent: { at: 0, activities, history: 'no-rows' } } as JobEvent,
        now + 1,
      );
      expect(next.outcome).toMatchObject({ error: 'opted-out-again' });
      expect(next.refusedBy).toMatchObject({ verdict: 'activities-unknown', evidence: { activities } });
    }
  });

  it('writes the first time when the page shows no activity list, and keeps what it could not read', () => {
    const { job } = run([
      [0, { ...bothOptedOut, consent: { at: 0, activities: 'not-shown', history: 'no-rows' } } as JobEvent],
    ]);
    expect(job.phase).toBe('writing');
    expect(job.consent).toEqual([{ at: 0, activities: 'not-shown', history: 'no-rows' }]);
  });
});

describe('an unexplained error once the writes landed', () => {
  it('is waited out like a passing one: the job goes on to the sync and the verification', () => {
    const waiting = run([[0, bothOptedOut], ...writeBoth]);
    const next = transition(
      waiting.job,
      { type: 'read-failed', error: 'internal', detail: 'Error: No tab with id: 7.' },
      waiting.now + 1_000,
    );
    expect(next.phase).toBe('waiting-for-sync');
    expect(next.errorDetail).toBe('Error: No tab with id: 7.');
  });
});

describe('a browser restart after a side was written', () => {
  /** Both sides written, the sync seen, and one side found still checked: the job is to try again. */
  function wroteThenRetrying() {
    let { job, now } = run([[0, bothOptedOut], ...writeBoth]);
    now += 125_000;
    job = transition(job, { type: 'sync-checked', lastSyncAt: now - 1_000 }, now);
    job = transition(job, { type: 'verified', optedOut: true, hasOptedOutOfEmail: false }, now);
    expect(job.phase).toBe('preflight');
    return { job, now };
  }

  it('waits for the admin to sign in again when the retry cannot read a side, then rewrites from a fresh read', () => {
    let { job, now } = wroteThenRetrying();
    // The restarted browser dropped its session cookies: the worker resumes the job before the sign-in.
    for (const error of ['session-expired', 'signed-out-of-ae', 'ae-page-unavailable'] as const) {
      now = Math.max(now, job.waitUntil ?? now);
      job = transition(job, { type: 'preflight-failed', error }, now);
      expect(job.outcome).toBeUndefined();
      expect(job).toMatchObject({ phase: 'preflight', lastError: error });
      expect(nextStep(job, now)).toMatchObject({ do: 'sleep' });
    }
    // Signed in again: the preflight reads both sides and the person's wish afresh, and writes the side left.
    now = job.waitUntil ?? now;
    job = transition(job, { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: false, consent: clear }, now);
    expect(job.phase).toBe('writing');
    expect(job.attempts).toHaveLength(2);
    expect(job.attempts[1]?.sides).toEqual(['ae']);
  });

  it('never signed in again: ends two sync intervals after the first read that missed the sign-in, having written nothing more', () => {
    let { job, now } = wroteThenRetrying();
    const first = now;
    while (!job.outcome) {
      now = Math.max(now, job.waitUntil ?? now);
      job = transition(job, { type: 'preflight-failed', error: 'session-expired' }, now);
    }
    expect(now - first).toBe(2 * TIMING.syncIntervalMs);
    expect(job.outcome).toMatchObject({ result: 'failed', error: 'session-expired', written: ['ae', 'salesforce'] });
    expect(job.attempts).toHaveLength(1);
  });

  it('stops waiting for the sign-in when its confirmation expires, and then only verifies', () => {
    let { job, now } = wroteThenRetrying();
    now = (job.expiresAt ?? 0) + 1;
    job = transition(job, { type: 'preflight-failed', error: 'session-expired' }, now);
    expect(job.phase).toBe('verifying');
    expect(job.attempts).toHaveLength(1);
    job = transition(job, { type: 'verified', optedOut: true, hasOptedOutOfEmail: false }, now + 1);
    expect(job.outcome).toMatchObject({ result: 'failed', written: ['ae', 'salesforce'] });
    expect(job.attempts).toHaveLength(1);
  });

  it('tries its rewrite again (within its tries) when the page writer cannot open a page right after the restart', () => {
    let { job, now } = wroteThenRetrying();
    job = transition(job, { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: false, consent: clear }, now);
    job = transition(job, { type: 'write-aborted', error: 'ae-page-unavailable' }, now + 10);
    expect(job.outcome).toBeUndefined();
    expect(job.phase).toBe('preflight');
    // The tries still bound it: the third attempt's failure ends the job.
    job = transition(
      job,
      { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: false, consent: clear },
      now + 20_000,
    );
    job = transition(job, { type: 'write-aborted', error: 'ae-page-unavailable' }, now + 20_010);
    expect(job.outcome).toMatchObject({
      result: 'failed',
      error: 'ae-page-unavailable',
      written: ['ae', 'salesforce'],
    });
    expect(job.attempts).toHaveLength(3);
  });

  it('resumed long after its sync deadline, waits two sync intervals from then for the sign-in, not from the deadline', () => {
    const waiting = run([[0, bothOptedOut], ...writeBoth]);
    const deadline = waiting.job.deadline ?? 0;
    // The browser was closed for five minutes; the worker resumes the job before the admin signs in.
    const resumedAt = deadline + 300_000;
    let job = transition(waiting.job, { type: 'read-failed', error: 'session-expired' }, resumedAt);
    expect(job.phase).toBe('waiting-for-sync');
    job = transition(job, { type: 'read-failed', error: 'signed-out-of-ae' }, resumedAt + 200_000);
    expect(job.phase).toBe('waiting-for-sync');
    // Signed in again: the sync is seen and both sides verified.
    const done = transition(
      transition(job, { type: 'sync-checked', lastSyncAt: resumedAt }, resumedAt + 210_000),
      { type: 'verified', optedOut: false, hasOptedOutOfEmail: false },
      resumedAt + 211_000,
    );
    expect(done.outcome).toEqual({ result: 'done' });
    // Never signed in: it ends two sync intervals after the first read that missed the sign-in.
    const gone = transition(job, { type: 'read-failed', error: 'session-expired' }, resumedAt + 240_001);
    expect(gone.outcome).toMatchObject({ result: 'failed', error: 'session-expired' });
  });

  it('a job that wrote nothing still fails at once on an ended session (its list row waits for the sign-in)', () => {
    const { job } = run([[0, { type: 'preflight-failed', error: 'session-expired' }]]);
    expect(job.outcome).toMatchObject({ result: 'failed', error: 'session-expired', written: [] });
  });
});
