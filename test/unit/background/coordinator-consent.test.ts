/**
 * The coordinator before a write: a job found mid-write reads both sides again instead of writing
 * from what it read before the worker stopped, and an opt-out on the prospect newer than the
 * confirmation stops it before anything is written.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GuardError } from '../../../src/core/errors';

const cookies = { get: async () => null, getAll: async () => [] };
const i18n = { ...fakeBrowser.i18n, getMessage: (key: string) => key };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies, i18n } }));

const RECORD = '0035g00000AbCdEAAV';
const calls: string[] = [];
const page = {
  optOutActivities: [] as { at: string | null; what: string }[] | null,
  /** What a read of the page throws instead of answering, if anything (a browser API's own Error). */
  throws: null as Error | null,
};

vi.mock('../../../src/background/org', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/org')>()),
  orgForHost: async () => ({
    session: { host: 'acme.my.salesforce.com', orgId: '00D5g000004SbOx' },
    salesforce: {
      getRecord: async () => {
        calls.push('read salesforce');
        return { Id: RECORD, Email: 'aiko@example.com', HasOptedOutOfEmail: true, pi__url__c: null };
      },
      emailOptOutHistory: async () => {
        calls.push('read history');
        return [];
      },
    },
  }),
}));
vi.mock('../../../src/background/prospects', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/prospects')>()),
  readForJob: async () => {
    calls.push('read prospect page');
    if (page.throws) throw page.throws;
    return {
      id: 1001,
      email: 'aiko@example.com',
      optedOut: true,
      isDoNotEmail: false,
      isEmailHardBounced: false,
      salesforceContactId: RECORD,
      salesforceLeadId: null,
      salesforceLastSync: null,
      source: 'page',
      optOutActivities: page.optOutActivities,
    };
  },
}));
vi.mock('../../../src/background/writes', () => ({
  readyToWrite: async () => {
    calls.push('write');
    throw new GuardError('control-not-found');
  },
}));

const { drive } = await import('../../../src/background/coordinator');
const { transition } = await import('../../../src/core/job');
const { aJob, toRest } = await import('../job-fixture');

beforeEach(() => {
  fakeBrowser.reset();
  calls.length = 0;
  page.optOutActivities = [];
  page.throws = null;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const stored = async (id: string) =>
  ((await fakeBrowser.storage.local.get('jobs')).jobs as Record<string, { phase: string; outcome?: object }>)[id];

describe('a job found mid-write when the worker starts again', () => {
  it('reads both sides again before it writes, never from what it read before the stop', async () => {
    const now = Date.now();
    const job = transition(
      aJob('stopped', now),
      { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true },
      now,
    );
    await fakeBrowser.storage.local.set({ jobs: { stopped: job } });
    await toRest(drive('stopped'));
    expect(calls.indexOf('write')).toBeGreaterThan(-1);
    expect(calls.slice(0, calls.indexOf('write'))).toEqual(
      expect.arrayContaining(['read salesforce', 'read prospect page', 'read history']),
    );
  });
});

describe('an opt-out newer than the confirmation', () => {
  it('refuses the job as opted-out-again before anything is written', async () => {
    const now = Date.now();
    page.optOutActivities = [{ at: new Date(now + 1_000).toISOString(), what: 'Unsubscribe Page: Newsletter' }];
    await fakeBrowser.storage.local.set({ jobs: { fresh: aJob('fresh', now) } });
    await toRest(drive('fresh'));
    expect(calls).not.toContain('write');
    expect((await stored('fresh'))?.outcome).toEqual({ result: 'failed', error: 'opted-out-again', written: [] });
  });

  it('an opt-out after the pair was shown, even before the Confirm or the row’s start, stops it (chaos seed 7080)', async () => {
    const now = Date.now();
    // A list previewed a minute ago; the person unsubscribed 30 s ago; the row starts now.
    page.optOutActivities = [{ at: new Date(now - 30_000).toISOString(), what: 'Unsubscribe Page: Newsletter' }];
    const job = { ...aJob('row', now), seenAt: now - 60_000 };
    await fakeBrowser.storage.local.set({ jobs: { row: job } });
    await toRest(drive('row'));
    expect(calls).not.toContain('write');
    expect((await stored('row'))?.outcome).toEqual({ result: 'failed', error: 'opted-out-again', written: [] });
  });

  it('an older opt-out (the one the admin is undoing) does not stop it', async () => {
    const now = Date.now();
    page.optOutActivities = [{ at: new Date(now - 86_400_000).toISOString(), what: 'Unsubscribe Page: Newsletter' }];
    await fakeBrowser.storage.local.set({ jobs: { older: aJob('older', now) } });
    await toRest(drive('older'));
    expect(calls).toContain('write');
  });
});

describe('a worker stopping while a job whose writes landed reads the pair (chaos seed 826767, [latency, worker-stop])', () => {
  it('does not end the job as internal: the browser API’s error is waited out, and the job goes on to the verification', async () => {
    const start = Date.now() - 2_000;
    let job = aJob('landed', start);
    job = transition(job, { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true }, start);
    for (const side of ['ae', 'salesforce'] as const)
      job = transition(job, { type: 'write-started', side, method: 'api' }, start);
    for (const side of ['ae', 'salesforce'] as const)
      job = transition(job, { type: 'write-finished', side, ok: true }, start);
    await fakeBrowser.storage.local.set({ jobs: { landed: { ...job, waitUntil: undefined } } });
    // A stopping worker's pending extension calls reject with plain Errors, not the extension's own.
    page.throws = new Error('Extension context invalidated.');
    await toRest(drive('landed'));
    const after = (await fakeBrowser.storage.local.get('jobs')).jobs as Record<
      string,
      { phase: string; lastError?: string; errorDetail?: string }
    >;
    expect(after.landed).toMatchObject({
      phase: 'waiting-for-sync',
      lastError: 'internal',
      errorDetail: 'Error: Extension context invalidated.',
    });
  });
});
