/** The coordinator's loop over the job machine, with a faked browser: it never spins. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const cookies = { get: async () => null, getAll: async () => [] };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies } }));
const { drive } = await import('../../../src/background/coordinator');
const { transition } = await import('../../../src/core/job');
const { aJob, TIMING } = await import('../job-fixture');

// Fake timers: a wait inside the worker would hold `drive` on a timer only the test can move, so
// nothing sleeps for real and nothing runs on into the next test.
beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('driving a job', () => {
  it('takes a job stuck mid-write as interrupted instead of sleeping on it in a loop', async () => {
    const now = Date.now();
    let job = aJob('stuck', now);
    job = transition(job, { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true }, now);
    job = transition(job, { type: 'write-started', side: 'ae', method: 'page' }, now);
    job = transition(job, { type: 'write-started', side: 'salesforce', method: 'api' }, now);
    await fakeBrowser.storage.local.set({ jobs: { stuck: job } });
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    let returned = false;
    const driving = drive('stuck').then(() => {
      returned = true;
    });
    await vi.runAllTimersAsync();
    await driving;
    const stored = (
      (await fakeBrowser.storage.local.get('jobs')).jobs as Record<
        string,
        { phase: string; lastError?: string; waitUntil?: number }
      >
    ).stuck;
    expect(stored?.phase).toBe('waiting-for-sync');
    expect(stored?.lastError).toBe('not-confirmed');
    // It returned at once, without a timer: the clock did not move, and one alarm wakes the job at
    // its first look for the sync.
    expect(returned).toBe(true);
    expect(Date.now()).toBe(now);
    expect(stored?.waitUntil).toBe(now + TIMING.pollMs);
    expect(create.mock.calls).toEqual([['job:stuck', { when: stored?.waitUntil }]]);
  });
});
