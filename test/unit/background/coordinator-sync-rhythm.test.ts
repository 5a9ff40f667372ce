/**
 * The rows of a list in one business unit wait for the same connector pass: what one row's read of its
 * prospect's last sync shows serves the others, which go on to their verification without a read of
 * their own for the sync.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const cookies = { get: async () => null, getAll: async () => [] };
const i18n = { ...fakeBrowser.i18n, getMessage: (key: string) => key };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies, i18n } }));

/** The connector's pass that synced every changed pair of the unit. */
let passAt = 0;
const aeReads: number[] = [];
vi.mock('../../../src/background/org', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/org')>()),
  orgForHost: async () => ({
    session: { host: 'acme.my.salesforce.com', orgId: '00D5g000004SbOx' },
    salesforce: {
      getRecord: async () => ({ Id: '0035g00000AbCdEAAV', Email: 'aiko@example.com', HasOptedOutOfEmail: false }),
    },
  }),
}));
vi.mock('../../../src/background/prospects', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/prospects')>()),
  readForJob: async (job: { prospectId: number }) => {
    aeReads.push(job.prospectId);
    return {
      email: 'aiko@example.com',
      optedOut: false,
      salesforceLastSync: new Date(passAt).toISOString(),
      source: 'page',
    };
  },
}));

const { drive } = await import('../../../src/background/coordinator');
const { forgetRhythms } = await import('../../../src/background/sync-rhythm');
const { transition } = await import('../../../src/core/job');
type Job = import('../../../src/core/job').Job;
const { aJob, toRest } = await import('../job-fixture');

beforeEach(() => {
  fakeBrowser.reset();
  forgetRhythms();
  aeReads.length = 0;
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

/** A row's job whose two writes landed at `writtenAt`, now waiting for the sync. */
async function waitingRow(id: string, prospectId: number, writtenAt: number) {
  let job: Job = { ...aJob(id, writtenAt - 5_000), prospectId, batchId: 'batch-1' };
  job = transition(job, { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true }, writtenAt - 100);
  for (const side of ['ae', 'salesforce'] as const)
    job = transition(job, { type: 'write-started', side, method: 'page' }, writtenAt - 50);
  for (const side of ['ae', 'salesforce'] as const)
    job = transition(job, { type: 'write-finished', side, ok: true }, writtenAt);
  const jobs = ((await fakeBrowser.storage.local.get('jobs')).jobs ?? {}) as Record<string, unknown>;
  await fakeBrowser.storage.local.set({ jobs: { ...jobs, [id]: { ...job, waitUntil: Date.now() - 1 } } });
}

const stored = async (id: string) =>
  ((await fakeBrowser.storage.local.get('jobs')).jobs as Record<string, Job>)[id] as Job;

describe('rows of one business unit waiting for the same pass', () => {
  it("are told of the pass by one row's read: the others read only to verify", async () => {
    const writtenAt = Date.now() - 20_000;
    await waitingRow('row-a', 2001, writtenAt);
    await waitingRow('row-b', 2002, writtenAt + 300);
    passAt = writtenAt + 4_000;
    await toRest(drive('row-a'));
    expect(aeReads).toEqual([2001, 2001]);
    await toRest(drive('row-b'));
    // Row B's one read is its verification's: the pass row A saw covered its writes too.
    expect(aeReads).toEqual([2001, 2001, 2002]);
    expect((await stored('row-b')).outcome).toEqual({ result: 'done' });
    expect((await stored('row-b')).attempts[0]?.syncSeenAt).toBe(passAt);
  });

  it('a row written after the pass another row saw still reads for its own', async () => {
    const writtenAt = Date.now() - 20_000;
    await waitingRow('row-a', 2001, writtenAt);
    await waitingRow('row-c', 2003, writtenAt + 6_000);
    passAt = writtenAt + 4_000;
    await toRest(drive('row-a'));
    passAt = writtenAt + 9_000;
    await toRest(drive('row-c'));
    expect(aeReads).toEqual([2001, 2001, 2003, 2003]);
    expect((await stored('row-c')).attempts[0]?.syncSeenAt).toBe(passAt);
  });
});
