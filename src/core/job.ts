/**
 * The coordinated opt-in as a pure state machine: the background's
 * coordinator asks `nextStep` what to do, does it, and feeds the result back
 * through `transition`. The job is plain data, persisted after every step,
 * so a service worker stopped at any point resumes where it was.
 */

import type { AePart } from './ae-parts';
import { type ErrorCode, isTransient } from './errors';
import type { SalesforceObject } from './salesforce-id';
import type { Side } from './sync-model';

type JobPhase = 'preflight' | 'writing' | 'waiting-for-sync' | 'verifying' | 'done' | 'failed';

interface SideWrite {
  method: 'api' | 'page';
  startedAt: number;
  /** When the write left the worker: the request sent, or the AE page told to save. */
  sentAt?: number;
  endedAt?: number;
  /** Undefined while running, or when the worker stopped before it learned the result. */
  ok?: boolean;
  error?: ErrorCode;
}

export interface Attempt {
  number: number;
  startedAt: number;
  sides: Side[];
  writes: Partial<Record<Side, SideWrite>>;
  /** Gap between the two writes' confirmed ends, in ms (both sides written). */
  skewMs?: number;
  writtenAt?: number;
  syncSeenAt?: number;
  syncTimedOut?: boolean;
  verified?: { optedOut: boolean; hasOptedOutOfEmail: boolean; at: number };
}

export interface JobTarget {
  prospectId: number;
  aeHost: string;
  /** The org's My Domain host, where Salesforce REST is called, and the org it belongs to. */
  salesforceHost: string;
  orgId: string | null;
  object: SalesforceObject;
  recordId: string;
  email: string;
  businessUnitId: string | null;
  /**
   * Where the AE page is opened to read and write it: null at the AE host itself, or a Lightning host
   * whose Account Engagement app frames it (admins in several business units cannot sign in to AE directly).
   */
  aeFrameHost: string | null;
  /**
   * The suffix of Defender for Cloud Apps' session proxy (`.mcas.ms`) the admin reached the pair through:
   * the AE page is opened behind it, where the admin's session is. `aeHost` stays AE's own host.
   */
  aeProxySuffix?: string;
  /** The Restore a list batch this job is a row of (background/batches.ts). */
  batchId?: string;
}

/** What the page writer could not find, and the page's outline then, for the admin's bug report. */
interface JobDiagnostics {
  part?: AePart;
  outline?: string;
}

export interface JobTiming {
  /** Attempts at the writes, and transient preflight failures, together. */
  maxAttempts: number;
  syncIntervalMs: number;
  /** Extra wait past one sync interval before verifying anyway. */
  marginMs: number;
  /** How often to look for the sync pass while waiting. */
  pollMs: number;
  /** How long the admin's confirmation holds: past it, nothing more is written. */
  expiryMs?: number;
}

/** A confirmation holds this long unless the options say otherwise. */
export const DEFAULT_EXPIRY_MS = 15 * 60_000;

/**
 * What the job found, before a write, about the person's latest wish: opt-out activities on the
 * prospect newer than the confirmation (from the prospect page's activity list), and who last
 * changed Salesforce's Email Opt Out (from its field history, where Salesforce tracks it).
 */
export interface ConsentEvidence {
  /** When it was looked at. */
  at: number;
  /** When the reads it rests on began: anything that happened after may not be in it. */
  from?: number;
  /** The prospect's activity list: read, not shown on its page, shown but unreadable, or not read at all (API reads). */
  activities: 'read' | 'not-shown' | 'unreadable' | 'not-read';
  /** The newest opt-out activity after the confirmation. */
  newerOptOut?: { at: number; what: string };
  /** Email Opt Out's field history: rows found, none (not tracked, or no change since tracking began), or unreadable. */
  history: 'tracked' | 'no-rows' | 'unreadable';
  /** The newest change of Email Opt Out to checked after the confirmation, and who made it. */
  newerEmailOptOut?: { at: number; by: string; connector: boolean };
}

/** Why a job stopped before writing again for the person's sake. */
type ConsentVerdict = 'clear' | 'newer-opt-out' | 'opted-out-in-salesforce' | 'activities-unknown';

/**
 * The rule (docs/architecture.md, "A job"): a newer opt-out activity, or Email Opt Out checked by
 * anyone but the connector after the confirmation, refuses every write. Before a rewrite the job must
 * also have read the activity list: without it, a side checked again may be the person's wish, not
 * the sync's revert. Before the first write an unread list is said, not refused: the admin has just
 * seen the pair, and the confirmation expires.
 */
function consentVerdict(evidence: ConsentEvidence | undefined, rewrite: boolean): ConsentVerdict {
  if (evidence?.newerOptOut) return 'newer-opt-out';
  if (evidence?.newerEmailOptOut && !evidence.newerEmailOptOut.connector) return 'opted-out-in-salesforce';
  if (rewrite && evidence?.activities !== 'read') return 'activities-unknown';
  return 'clear';
}

export interface Job extends JobTarget, JobTiming {
  id: string;
  admin: string;
  reason: string;
  /** When the admin confirmed. */
  createdAt: number;
  /**
   * When the pair the admin confirmed was read and shown (the confirmation window's read, or the list's
   * preview): an opt-out after it is newer than what the admin decided on. Jobs stored without it use
   * `createdAt`.
   */
  seenAt?: number;
  updatedAt: number;
  /** The confirmation's deadline: past it a job that wrote nothing fails as expired; one that wrote only verifies. */
  expiresAt?: number;
  /** Transient preflight failures so far: they count toward `maxAttempts` with the attempts. */
  preflightRetries?: number;
  /** Each look at the person's latest wish before a write, newest last. */
  consent?: ConsentEvidence[];
  /** The verdict that stopped the job, with the evidence it rests on. */
  refusedBy?: { verdict: Exclude<ConsentVerdict, 'clear'>; evidence?: ConsentEvidence };
  /** For an `internal` error: what the browser said, for a bug report (no personal data: an API's own words). */
  errorDetail?: string;
  phase: JobPhase;
  attempts: Attempt[];
  waitUntil?: number;
  deadline?: number;
  /**
   * Since when a read has found the admin signed out (a session ended, or a browser restart dropped its
   * cookies), for a job that wrote: the wait for the sign-in counts from then. Cleared by a read that works.
   */
  signInMissingSince?: number;
  /** The last error met, kept for the outcome when the job cannot go on. */
  lastError?: ErrorCode;
  diagnostics?: JobDiagnostics;
  outcome?: { result: 'done' } | { result: 'failed'; error: ErrorCode; written: Side[] };
}

export type JobEvent =
  | { type: 'preflight-passed'; optedOut: boolean; hasOptedOutOfEmail: boolean; consent?: ConsentEvidence }
  | { type: 'preflight-failed'; error: ErrorCode; detail?: string }
  | { type: 'write-started'; side: Side; method: 'api' | 'page' }
  /** `at`: when the write settled, if not now (the writes end together and are recorded one after the other). */
  | { type: 'write-finished'; side: Side; ok: true; at?: number; sentAt?: number }
  | { type: 'write-finished'; side: Side; ok: false; error: ErrorCode; at?: number; sentAt?: number }
  /** The writers could not start (e.g. the AE page's controls were not found): nothing was written. */
  | { type: 'write-aborted'; error: ErrorCode; diagnostics?: JobDiagnostics }
  /** The AE page is to be opened in the Lightning app's frame on this host from now on. */
  | { type: 'ae-frame-found'; host: string }
  | { type: 'sync-checked'; lastSyncAt: number | null }
  | { type: 'read-failed'; error: ErrorCode; detail?: string }
  /** The confirmation's deadline passed. */
  | { type: 'expired' }
  | { type: 'verified'; optedOut: boolean; hasOptedOutOfEmail: boolean }
  | { type: 'resumed' };

/** Errors the admin fixes by signing in again, or that a browser restart causes and then lifts. */
const SIGN_IN_AGAIN: ReadonlySet<ErrorCode> = new Set([
  'session-expired',
  'signed-out-of-ae',
  'ae-page-unavailable',
  'proxied-ae-page',
]);

export type JobStep =
  | { do: 'preflight' }
  | { do: 'write'; sides: Side[] }
  | { do: 'check-sync' }
  | { do: 'verify' }
  | { do: 'sleep'; until: number }
  /** Treat the unanswered writes as interrupted and go on to the wait for the sync. */
  | { do: 'resume' }
  /** The confirmation's deadline passed before the next write: stop, or only verify. */
  | { do: 'expire' }
  | { do: 'nothing' };

export function newJob(
  target: JobTarget,
  admin: string,
  reason: string,
  timing: JobTiming,
  id: string,
  now: number,
  seenAt = now,
): Job {
  return {
    ...target,
    ...timing,
    id,
    admin,
    reason,
    createdAt: now,
    seenAt,
    updatedAt: now,
    expiresAt: now + (timing.expiryMs ?? DEFAULT_EXPIRY_MS),
    phase: 'preflight',
    attempts: [],
  };
}

/** The confirmation's deadline (jobs stored before deadlines existed get the default one). */
const expiresAt = (job: Job): number => job.expiresAt ?? job.createdAt + DEFAULT_EXPIRY_MS;

/**
 * Whether a write of this job ever left (or may have: one a worker stop interrupted). Such a job is
 * the person's half-done opt-in: it is not given up the moment a browser restart took the sign-in away.
 */
const startedWriting = (job: Job): boolean => job.attempts.some((a) => Object.keys(a.writes).length > 0);

/** Tries used: attempts at the writes and transient preflight failures. */
const triesUsed = (job: Job): number => job.attempts.length + (job.preflightRetries ?? 0);

export const isFinished = (job: Job): boolean => job.phase === 'done' || job.phase === 'failed';
export const currentAttempt = (job: Job): Attempt | undefined => job.attempts[job.attempts.length - 1];

export function writtenSides(job: Job): Side[] {
  const sides = new Set<Side>();
  for (const attempt of job.attempts) {
    for (const [side, write] of Object.entries(attempt.writes) as [Side, SideWrite][]) if (write.ok) sides.add(side);
  }
  return [...sides];
}

export function nextStep(job: Job, now: number): JobStep {
  const expired = now >= expiresAt(job);
  // A job past its deadline never sleeps toward another write: it stops (or only verifies) now.
  if (expired && job.phase === 'preflight') return { do: 'expire' };
  if (job.waitUntil !== undefined && now < job.waitUntil) return { do: 'sleep', until: job.waitUntil };
  switch (job.phase) {
    case 'preflight':
      return { do: 'preflight' };
    case 'writing': {
      const attempt = currentAttempt(job);
      const pending = (attempt?.sides ?? []).filter((side) => !attempt?.writes[side]);
      const started = (attempt?.sides ?? []).some((side) => attempt?.writes[side]);
      if (expired && !started) return { do: 'expire' };
      // Every write started and one never answered: the worker stopped (or storage failed) mid-write.
      // Whatever landed, the next sync settles it; sleeping here would only spin.
      return pending.length ? { do: 'write', sides: pending } : { do: 'resume' };
    }
    case 'waiting-for-sync':
      return { do: 'check-sync' };
    case 'verifying':
      return { do: 'verify' };
    default:
      return { do: 'nothing' };
  }
}

function fail(job: Job, error: ErrorCode, now: number): Job {
  return {
    ...job,
    phase: 'failed',
    waitUntil: undefined,
    lastError: error,
    outcome: { result: 'failed', error, written: writtenSides(job) },
    updatedAt: now,
  };
}

function withAttempt(job: Job, change: (attempt: Attempt) => Attempt): Job {
  const attempt = currentAttempt(job);
  if (!attempt) return job;
  return { ...job, attempts: [...job.attempts.slice(0, -1), change(attempt)] };
}

/** All writes of this attempt have an answer: wait for the sync, or give up, or try again. */
function afterWrites(job: Job, now: number): Job {
  const attempt = currentAttempt(job);
  if (!attempt) return job;
  const writes = attempt.sides.map((side) => attempt.writes[side]);
  if (writes.some((write) => !write || write.ok === undefined)) return job;
  const ends = writes.map((write) => write?.endedAt ?? now);
  const written = writes.filter((write) => write?.ok);
  const failed = writes.find((write) => !write?.ok);
  const writtenAt = Math.max(...ends);
  const skewMs = ends.length === 2 ? Math.abs((ends[0] ?? 0) - (ends[1] ?? 0)) : undefined;
  let next = withAttempt(job, (a) => ({ ...a, writtenAt, skewMs }));
  if (failed?.error) next = { ...next, lastError: failed.error };
  if (written.length === 0 && failed?.error) {
    // Nothing changed anywhere: no sync to wait for.
    return retryOrFail(next, failed.error, now);
  }
  // Wait for the sync pass after the writes, also when only one side was
  // written: the next sync settles the pair, and the admin is told how.
  return {
    ...next,
    phase: 'waiting-for-sync',
    deadline: writtenAt + job.syncIntervalMs + job.marginMs,
    waitUntil: now + Math.min(job.pollMs, job.syncIntervalMs),
    updatedAt: now,
  };
}

function retryOrFail(job: Job, error: ErrorCode, now: number): Job {
  // A job that wrote before and now cannot open or read a page for a sign-in (a browser restart) tries
  // again within its tries, as after any passing failure: failing would leave its pair half done.
  const retryable = error === 'reverted' || isTransient(error) || (SIGN_IN_AGAIN.has(error) && startedWriting(job));
  // Past the confirmation's deadline nothing is written again: what the last verification saw stands.
  if (retryable && now >= expiresAt(job)) return fail(job, 'expired', now);
  if (triesUsed(job) < job.maxAttempts && retryable) {
    // A short pause before a transient error's retry; a revert retries at once.
    const pause = error === 'reverted' ? 0 : Math.min(job.pollMs, 5_000) * job.attempts.length;
    return {
      ...job,
      phase: 'preflight',
      lastError: error,
      waitUntil: now + pause,
      deadline: undefined,
      updatedAt: now,
    };
  }
  return fail(job, error, now);
}

type EventOf<T extends JobEvent['type']> = Extract<JobEvent, { type: T }>;

/** The job as any event leaves it: touched now, no wait pending. */
const moved = (job: Job, now: number): Job => ({ ...job, updatedAt: now, waitUntil: undefined });

function onPreflightPassed(job: Job, event: EventOf<'preflight-passed'>, now: number): Job {
  const base = { ...moved(job, now), signInMissingSince: undefined };
  if (job.phase !== 'preflight') return job;
  const sides: Side[] = [];
  if (event.optedOut) sides.push('ae');
  if (event.hasOptedOutOfEmail) sides.push('salesforce');
  if (sides.length === 0) {
    // A retry that finds both sides unchecked has nothing left to do but confirm it.
    if (job.attempts.length > 0) return { ...base, phase: 'verifying' };
    return fail(job, 'not-opted-out', now);
  }
  const checked = event.consent ? { ...base, consent: [...(job.consent ?? []), event.consent] } : base;
  // A newer wish wins: before any write, and before a rewrite the job must know the revert was the sync's.
  const wroteBefore = job.attempts.some((a) => Object.keys(a.writes).length > 0);
  const verdict = consentVerdict(event.consent, wroteBefore);
  if (verdict !== 'clear') {
    return fail(
      { ...checked, refusedBy: { verdict, ...(event.consent ? { evidence: event.consent } : {}) } },
      'opted-out-again',
      now,
    );
  }
  const attempt: Attempt = { number: job.attempts.length + 1, startedAt: now, sides, writes: {} };
  return { ...checked, phase: 'writing', attempts: [...job.attempts, attempt] };
}

function onPreflightFailed(job: Job, event: EventOf<'preflight-failed'>, now: number): Job {
  const base = moved(job, now);
  if (job.phase !== 'preflight') return job;
  const detail = event.detail ? { errorDetail: event.detail } : {};
  if (SIGN_IN_AGAIN.has(event.error) && startedWriting(job)) {
    // Before a rewrite, a side unreadable for a sign-in: after a browser restart the worker resumes the
    // job before the admin is signed in again. It waits for the sign-in (no try used: nothing is written
    // until a preflight passes) two sync intervals from the first read that missed it, as a wait for the
    // sync does; past the confirmation's deadline it only verifies.
    if (now >= expiresAt(job)) return { ...base, ...detail, phase: 'verifying', lastError: event.error };
    const since = job.signInMissingSince ?? now;
    const until = Math.min(since + 2 * job.syncIntervalMs, expiresAt(job));
    if (now < until)
      return {
        ...base,
        ...detail,
        signInMissingSince: since,
        lastError: event.error,
        waitUntil: Math.min(now + job.pollMs, until),
      };
  }
  const retries = (job.preflightRetries ?? 0) + 1;
  // Each transient failure uses one of the tries: a preflight that keeps failing ends, it does not spin.
  return isTransient(event.error) && job.attempts.length + retries < job.maxAttempts
    ? {
        ...base,
        ...detail,
        preflightRetries: retries,
        lastError: event.error,
        waitUntil: now + Math.min(job.pollMs, 5_000),
      }
    : fail({ ...job, ...detail }, event.error, now);
}

function onExpired(job: Job, now: number): Job {
  const base = moved(job, now);
  if (nextStep(job, now).do !== 'expire') return job;
  // Written before: only the verification is left, and nothing more is written whatever it finds.
  if (writtenSides(job).length > 0) return { ...base, phase: 'verifying', lastError: 'expired' };
  // Nothing written: drop the attempt that was about to write, if any, and stop.
  const attempts = job.phase === 'writing' ? job.attempts.slice(0, -1) : job.attempts;
  return fail({ ...job, attempts }, 'expired', now);
}

function onWriteStarted(job: Job, event: EventOf<'write-started'>, now: number): Job {
  const base = moved(job, now);
  if (job.phase !== 'writing') return job;
  return withAttempt(base, (a) => ({
    ...a,
    writes: { ...a.writes, [event.side]: { method: event.method, startedAt: now } },
  }));
}

function onWriteFinished(job: Job, event: EventOf<'write-finished'>, now: number): Job {
  const base = moved(job, now);
  if (job.phase !== 'writing') return job;
  const next = withAttempt(base, (a) => {
    const write = a.writes[event.side];
    if (!write) return a;
    const finished: SideWrite = {
      ...write,
      ...(event.sentAt !== undefined ? { sentAt: event.sentAt } : {}),
      endedAt: event.at ?? now,
      ok: event.ok,
      ...(event.ok ? {} : { error: event.error }),
    };
    return { ...a, writes: { ...a.writes, [event.side]: finished } };
  });
  return afterWrites(next, now);
}

function onWriteAborted(job: Job, event: EventOf<'write-aborted'>, now: number): Job {
  const base = moved(job, now);
  if (job.phase !== 'writing') return job;
  const diagnostics = event.diagnostics ?? job.diagnostics;
  return retryOrFail({ ...base, lastError: event.error, ...(diagnostics ? { diagnostics } : {}) }, event.error, now);
}

function onAeFrameFound(job: Job, event: EventOf<'ae-frame-found'>, now: number): Job {
  return { ...job, aeFrameHost: event.host, updatedAt: now };
}

function onResumed(job: Job, now: number): Job {
  const base = moved(job, now);
  if (job.phase !== 'writing') return { ...job, updatedAt: now };
  const interrupted = currentAttempt(job);
  if (interrupted && Object.keys(interrupted.writes).length === 0) {
    // Stopped after the preflight and before any write: what it read may be stale. Read both sides again.
    return { ...base, phase: 'preflight', attempts: job.attempts.slice(0, -1) };
  }
  // The worker stopped mid-write: whatever landed, the next sync settles it and verify tells.
  const next = withAttempt(base, (a) => {
    const writes = { ...a.writes };
    for (const side of a.sides) {
      const write = writes[side];
      writes[side] =
        write?.ok !== undefined
          ? write
          : {
              method: write?.method ?? 'api',
              startedAt: write?.startedAt ?? now,
              endedAt: now,
              ok: false,
              error: 'not-confirmed',
            };
    }
    return { ...a, writes };
  });
  const attempt = currentAttempt(next);
  const writtenAt = now;
  return {
    ...withAttempt(next, (a) => ({ ...a, writtenAt })),
    phase: 'waiting-for-sync',
    lastError: attempt?.sides.some((s) => !attempt.writes[s]?.ok) ? 'not-confirmed' : job.lastError,
    deadline: writtenAt + job.syncIntervalMs + job.marginMs,
    waitUntil: now + Math.min(job.pollMs, job.syncIntervalMs),
  };
}

function onSyncChecked(job: Job, event: EventOf<'sync-checked'>, now: number): Job {
  const base = { ...moved(job, now), signInMissingSince: undefined };
  if (job.phase !== 'waiting-for-sync') return job;
  const writtenAt = currentAttempt(job)?.writtenAt ?? 0;
  if (event.lastSyncAt !== null && event.lastSyncAt > writtenAt) {
    return withAttempt({ ...base, phase: 'verifying' }, (a) => ({
      ...a,
      syncSeenAt: event.lastSyncAt ?? undefined,
    }));
  }
  if (now >= (job.deadline ?? 0)) {
    return withAttempt({ ...base, phase: 'verifying' }, (a) => ({ ...a, syncTimedOut: true }));
  }
  return { ...base, waitUntil: Math.min(now + job.pollMs, job.deadline ?? now) };
}

function onReadFailed(job: Job, event: EventOf<'read-failed'>, now: number): Job {
  const base = moved(job, now);
  // Transient errors, and a session that ended on either side (the admin can sign in again, or
  // the browser restarted and dropped its session cookies), are waited out for about two more
  // sync intervals before the job gives up. So is an unexplained error once something was
  // written: a job whose writes landed goes on to the wait and the verification.
  const detail = event.detail ? { errorDetail: event.detail } : {};
  const waitable =
    isTransient(event.error) ||
    SIGN_IN_AGAIN.has(event.error) ||
    (event.error === 'internal' && writtenSides(job).length > 0);
  // One that wrote counts those intervals from the first read that found the admin signed out, not from
  // the sync's deadline: after a browser restart (its session cookies gone) the worker resumes the job
  // before the admin has signed in again, often long after that deadline.
  const missingSince =
    SIGN_IN_AGAIN.has(event.error) && startedWriting(job) ? (job.signInMissingSince ?? now) : undefined;
  const graceUntil = Math.max(job.deadline ?? now, missingSince ?? 0) + 2 * job.syncIntervalMs;
  if (waitable && (job.phase === 'waiting-for-sync' || job.phase === 'verifying') && now < graceUntil) {
    const since = missingSince !== undefined ? { signInMissingSince: missingSince } : {};
    return { ...base, ...detail, ...since, lastError: event.error, waitUntil: Math.min(now + job.pollMs, graceUntil) };
  }
  return fail({ ...job, ...detail }, event.error, now);
}

function onVerified(job: Job, event: EventOf<'verified'>, now: number): Job {
  const base = { ...moved(job, now), signInMissingSince: undefined };
  if (job.phase !== 'verifying') return job;
  const verified = withAttempt(base, (a) => ({
    ...a,
    verified: { optedOut: event.optedOut, hasOptedOutOfEmail: event.hasOptedOutOfEmail, at: now },
  }));
  const attempt = currentAttempt(verified);
  const allWritten = attempt?.sides.every((side) => attempt.writes[side]?.ok) ?? false;
  if (!event.optedOut && !event.hasOptedOutOfEmail) {
    return { ...verified, phase: 'done', outcome: { result: 'done' } };
  }
  // Reverted, or only one side could be written: try the whole thing again while allowed.
  return retryOrFail(verified, allWritten ? 'reverted' : (job.lastError ?? 'reverted'), now);
}

/** A job moved on by what happened to it: one handler per event; a finished job never changes. */
export function transition(job: Job, event: JobEvent, now: number): Job {
  if (isFinished(job)) return job;
  switch (event.type) {
    case 'preflight-passed':
      return onPreflightPassed(job, event, now);
    case 'preflight-failed':
      return onPreflightFailed(job, event, now);
    case 'expired':
      return onExpired(job, now);
    case 'write-started':
      return onWriteStarted(job, event, now);
    case 'write-finished':
      return onWriteFinished(job, event, now);
    case 'write-aborted':
      return onWriteAborted(job, event, now);
    case 'ae-frame-found':
      return onAeFrameFound(job, event, now);
    case 'resumed':
      return onResumed(job, now);
    case 'sync-checked':
      return onSyncChecked(job, event, now);
    case 'read-failed':
      return onReadFailed(job, event, now);
    case 'verified':
      return onVerified(job, event, now);
  }
}
