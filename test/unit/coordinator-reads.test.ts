/**
 * The job reads both sides at once: both reads finish before it moves on, and when both fail it
 * keeps the error that tells the admin what to do.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GuardError } from '../../src/core/errors';

const cookies = { get: async () => null, getAll: async () => [] };
const i18n = { ...fakeBrowser.i18n, getMessage: (key: string) => key };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies, i18n } }));

const aeRead = { running: 0, settled: 0, delayMs: 50 };
const sfRead = { delayMs: 0 };
const later = <T>(ms: number, fail: () => T) => new Promise<never>((_, reject) => setTimeout(() => reject(fail()), ms));
vi.mock('../../src/background/org', () => ({
  orgForHost: async () => ({
    session: { host: 'acme.my.salesforce.com', orgId: '00D5g000004SbOx' },
    // The Salesforce session expired: the record read fails at once.
    salesforce: { getRecord: () => later(sfRead.delayMs, () => new GuardError('session-expired')) },
  }),
  lightningHostOf: async () => null,
}));
vi.mock('../../src/background/prospects', () => ({
  crmIdOf: () => null,
  // The AE page answers later, and then not at all usefully.
  readForJob: () => {
    aeRead.running++;
    return later(aeRead.delayMs, () => {
      aeRead.running--;
      aeRead.settled++;
      return new GuardError('ae-page-unavailable');
    });
  },
}));

const { drive } = await import('../../src/background/coordinator');
const { aJob } = await import('./job-fixture');

beforeEach(() => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  aeRead.running = 0;
  aeRead.settled = 0;
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
    await Promise.race([drive('expired'), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    const stored = ((await fakeBrowser.storage.local.get('jobs')).jobs as Record<string, { lastError?: string }>)
      .expired;
    expect(stored?.lastError).toBe('session-expired');
    expect(aeRead.settled).toBeGreaterThan(0);
    expect(runningWhenStored.length).toBeGreaterThan(0);
    expect(runningWhenStored.every((running) => running === 0)).toBe(true);
  });
});
