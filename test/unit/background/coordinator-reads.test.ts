/**
 * How a job reads the two sides: both reads finish before it moves on, the error that tells the
 * admin what to do wins, a passing error page does not send the org to the Lightning app for good,
 * and an expired Salesforce session is said as such when the AE side is read in that app.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GuardError } from '../../../src/core/errors';

const cookies = { get: async () => null, getAll: async () => [] };
const i18n = { ...fakeBrowser.i18n, getMessage: (key: string) => key };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies, i18n } }));

const aeRead = {
  running: 0,
  settled: 0,
  delayMs: 50,
  /** What each read of the AE side does, in turn; the last one repeats. */
  outcomes: [] as ('unavailable' | 'error-page' | 'read')[],
  calls: [] as (string | null)[],
  /** Whether each read asked for the page's activity list too. */
  activities: [] as boolean[],
};
const sfRead = { delayMs: 0, sessionValid: false };
const lightning = { asked: 0 };
const later = <T>(ms: number, fail: () => T) => new Promise<never>((_, reject) => setTimeout(() => reject(fail()), ms));
vi.mock('../../../src/background/org', async (importOriginal) => ({
  // What the org learns is kept by the real module, in the fake storage.
  ...(await importOriginal<typeof import('../../../src/background/org')>()),
  orgForHost: async () => ({
    session: { host: 'acme.my.salesforce.com', orgId: '00D5g000004SbOx' },
    // The Salesforce session expired: the record read fails at once.
    salesforce: {
      getRecord: () =>
        sfRead.sessionValid
          ? Promise.resolve({ Id: '0035g00000AbCdEAAV', Email: 'aiko@example.com', HasOptedOutOfEmail: false })
          : later(sfRead.delayMs, () => new GuardError('session-expired')),
    },
  }),
  lightningHostOf: async () => {
    lightning.asked++;
    return 'acme.lightning.force.com';
  },
}));
vi.mock('../../../src/background/prospects', () => ({
  crmIdOf: () => null,
  readForJob: (job: { aeFrameHost: string | null }, _org: unknown, { activities = true } = {}) => {
    aeRead.calls.push(job.aeFrameHost);
    aeRead.activities.push(activities);
    const outcome = aeRead.outcomes[Math.min(aeRead.calls.length - 1, aeRead.outcomes.length - 1)] ?? 'unavailable';
    if (outcome === 'read')
      return Promise.resolve({ email: 'aiko@example.com', optedOut: false, salesforceLastSync: null, source: 'page' });
    aeRead.running++;
    return later(aeRead.delayMs, () => {
      aeRead.running--;
      aeRead.settled++;
      return new GuardError(outcome === 'error-page' ? 'control-not-found' : 'ae-page-unavailable');
    });
  },
}));

// The page writer cannot prepare the AE page: its frame never answered.
vi.mock('../../../src/background/writes', () => ({
  readyToWrite: async () => {
    throw new GuardError('ae-page-unavailable');
  },
}));

const { drive } = await import('../../../src/background/coordinator');
const { aJob, toRest } = await import('../job-fixture');

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  Object.assign(aeRead, { running: 0, settled: 0, delayMs: 50, outcomes: [], calls: [], activities: [] });
  Object.assign(sfRead, { delayMs: 0, sessionValid: false });
  lightning.asked = 0;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A job whose writes are done and whose wait for the sync is over: its next step reads the AE side. */
async function waitingJob(id: string, changes: { aeFrameHost?: string | null } = {}) {
  const { transition } = await import('../../../src/core/job');
  const start = Date.now() - 10 * 60_000;
  let job = { ...aJob(id, start), ...changes };
  job = transition(job, { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true }, start);
  for (const side of ['ae', 'salesforce'] as const)
    job = transition(job, { type: 'write-started', side, method: 'api' }, start);
  for (const side of ['ae', 'salesforce'] as const)
    job = transition(job, { type: 'write-finished', side, ok: true }, start);
  await fakeBrowser.storage.local.set({ jobs: { [id]: job } });
}

const storedJob = async (id: string) =>
  ((await fakeBrowser.storage.local.get('jobs')).jobs as Record<string, { lastError?: string; aeFrameHost?: string }>)[
    id
  ];
const orgs = async () => (await fakeBrowser.storage.local.get('orgs')).orgs as Record<string, object> | undefined;

describe('reading the AE side', () => {
  it('reads the prospect page’s activity list before writing, never in the looks for the sync or the verification', async () => {
    aeRead.outcomes = ['read'];
    sfRead.sessionValid = true;
    // Before writing: the preflight needs the person's opt-outs (a newer one would stop the job).
    await fakeBrowser.storage.local.set({ jobs: { fresh: aJob('fresh', Date.now()) } });
    await toRest(drive('fresh'));
    expect(aeRead.activities).toEqual([true]);
    // After the writes: the two fields only, each look a page load the writer's window pays for.
    aeRead.activities.length = 0;
    await waitingJob('written');
    await toRest(drive('written'));
    expect(aeRead.activities.length).toBeGreaterThan(0);
    expect(aeRead.activities.every((asked) => !asked)).toBe(true);
  });

  it('in the Lightning app, says the Salesforce session expired when that is why the page never answered', async () => {
    await waitingJob('framed', { aeFrameHost: 'acme.lightning.force.com' });
    aeRead.delayMs = 0;
    await toRest(drive('framed'));
    expect((await storedJob('framed'))?.lastError).toBe('session-expired');
  });

  it('in the Lightning app, still says the page did not answer when the Salesforce session is fine', async () => {
    await waitingJob('framed-ok', { aeFrameHost: 'acme.lightning.force.com' });
    aeRead.delayMs = 0;
    sfRead.sessionValid = true;
    await toRest(drive('framed-ok'));
    expect((await storedJob('framed-ok'))?.lastError).toBe('ae-page-unavailable');
  });

  it('in the Lightning app, says the Salesforce session expired when the page writer’s frame never answered', async () => {
    const { transition } = await import('../../../src/core/job');
    const now = Date.now();
    const job = transition(
      { ...aJob('writing', now), aeFrameHost: 'acme.lightning.force.com' },
      { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true },
      now,
    );
    await fakeBrowser.storage.local.set({ jobs: { writing: job } });
    await toRest(drive('writing'));
    expect((await storedJob('writing'))?.lastError).toBe('session-expired');
  });

  it('does not send the org to the Lightning app for good after one error page at pi.pardot.com', async () => {
    await waitingJob('error-page');
    aeRead.delayMs = 0;
    aeRead.outcomes = ['error-page', 'read'];
    await toRest(drive('error-page'));
    expect(aeRead.calls.slice(0, 2)).toEqual([null, null]);
    expect(lightning.asked).toBe(0);
    expect(JSON.stringify((await orgs()) ?? {})).not.toContain('aeTopLevelRefusedAt');
    expect((await storedJob('error-page'))?.aeFrameHost ?? null).toBeNull();
  });

  it('goes to the Lightning app when pi.pardot.com fails twice, and remembers it for the org', async () => {
    await waitingJob('refused');
    aeRead.delayMs = 0;
    aeRead.outcomes = ['error-page', 'error-page', 'read'];
    await toRest(drive('refused'));
    expect(aeRead.calls.slice(0, 3)).toEqual([null, null, 'acme.lightning.force.com']);
    expect(JSON.stringify(await orgs())).toContain('"aeTopLevelRefusedAt":');
  });
});

describe.each([
  ['the AE page answers after Salesforce', 50, 0],
  ['the AE page fails before Salesforce answers', 0, 50],
])('reading both sides for a job, when %s', (_when, aeDelay, sfDelay) => {
  it('says the Salesforce session expired, not that the AE page was unavailable, and leaves no read running', async () => {
    aeRead.delayMs = aeDelay;
    sfRead.delayMs = sfDelay;
    const job = aJob('expired', Date.now());
    await fakeBrowser.storage.local.set({ jobs: { expired: job } });
    // Whenever the job is stored with what its read found, the AE read must be over.
    const runningWhenStored: number[] = [];
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if ('jobs' in items) runningWhenStored.push(aeRead.running);
      return set(items);
    });
    await toRest(drive('expired'));
    const stored = ((await fakeBrowser.storage.local.get('jobs')).jobs as Record<string, { lastError?: string }>)
      .expired;
    expect(stored?.lastError).toBe('session-expired');
    expect(aeRead.settled).toBeGreaterThan(0);
    expect(runningWhenStored.length).toBeGreaterThan(0);
    expect(runningWhenStored.every((running) => running === 0)).toBe(true);
  });
});
