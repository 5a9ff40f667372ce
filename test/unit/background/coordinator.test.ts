/** The coordinator's loop over the job machine, with a faked browser: it never spins. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const cookies = { get: async () => null, getAll: async () => [] };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies } }));
const { drive } = await import('../../../src/background/coordinator');
const { transition } = await import('../../../src/core/job');
const { aJob } = await import('../job-fixture');

beforeEach(() => fakeBrowser.reset());

describe('driving a job', () => {
  it('takes a job stuck mid-write as interrupted instead of sleeping on it in a loop', async () => {
    const now = Date.now();
    let job = aJob('stuck', now);
    job = transition(job, { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true }, now);
    job = transition(job, { type: 'write-started', side: 'ae', method: 'page' }, now);
    job = transition(job, { type: 'write-started', side: 'salesforce', method: 'api' }, now);
    await fakeBrowser.storage.local.set({ jobs: { stuck: job } });
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    await Promise.race([drive('stuck'), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    expect(create.mock.calls.length).toBeLessThanOrEqual(2);
    const stored = (
      (await fakeBrowser.storage.local.get('jobs')).jobs as Record<string, { phase: string; lastError?: string }>
    ).stuck;
    expect(stored?.phase).toBe('waiting-for-sync');
    expect(stored?.lastError).toBe('not-confirmed');
  });
});
