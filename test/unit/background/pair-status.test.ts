/**
 * What a page's status costs the org: a pair's status is kept in the worker for a few seconds and
 * shared between tabs, so a page looping `history.pushState` costs at most one REST read per few
 * seconds; a job of the pair changing, or the admin saving the record, reads it again.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aJob, CONTACT_PAGE, contactRecord, PROSPECT_BY_API, PROSPECT_PAGE, TARGET } from '../job-fixture';

const cookies = { get: async () => null, getAll: async () => [] };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies } }));

/** Every REST read the status makes, by kind. */
const rest = { record: 0, units: 0, prospect: 0 };
const optedOut = { salesforce: true };
const org = {
  session: { host: 'acme.my.salesforce.com', orgId: '00D5g000004SbOx', sid: 'sid' },
  salesforce: {
    getRecord: async () => {
      rest.record++;
      return contactRecord(optedOut.salesforce);
    },
  },
};
vi.mock('../../../src/background/org', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/org')>()),
  orgForHost: async () => org,
  orgForAePage: async () => org,
  businessUnitOf: async () => {
    rest.units++;
    return { current: { id: '0Uv5g000000CaYZCA0', name: 'Japan' }, all: [{ id: '0Uv5g000000CaYZCA0', name: 'Japan' }] };
  },
}));
vi.mock('../../../src/background/prospects', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/prospects')>()),
  readForOverlay: async () => {
    rest.prospect++;
    return PROSPECT_BY_API;
  },
}));

const { pairStatus } = await import('../../../src/background/pair-status');
const { saveJob } = await import('../../../src/background/jobs');

const { page, frame } = CONTACT_PAGE;
const reads = () => rest.record + rest.units + rest.prospect;

/** Each test starts well after the last one's reads: what the worker read then is long stale. */
let clock = Date.now();
beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  clock += 10 * 60_000;
  vi.setSystemTime(clock);
  Object.assign(rest, { record: 0, units: 0, prospect: 0 });
  optedOut.salesforce = true;
});
afterEach(() => vi.useRealTimers());

describe('a page asking for its status', () => {
  it('in a pushState loop costs one read of each side per few seconds, shared with every other tab on the pair', async () => {
    const first = await pairStatus({ page, frame });
    expect(first.record?.hasOptedOutOfEmail).toBe(true);
    const once = reads();
    expect(once).toBeGreaterThan(0);
    // A page script calls history.pushState 200 times in a second, in two tabs.
    await Promise.all(Array.from({ length: 200 }, () => pairStatus({ page, frame })));
    vi.advanceTimersByTime(1_000);
    await pairStatus({ page, frame });
    expect(reads()).toBe(once);
    // A few seconds on, the pair is read again (once).
    vi.advanceTimersByTime(5_000);
    await Promise.all(Array.from({ length: 50 }, () => pairStatus({ page, frame })));
    expect(reads()).toBe(2 * once);
  });

  it('reads the pair again as soon as a job of the pair changes', async () => {
    await pairStatus({ page, frame });
    const once = reads();
    optedOut.salesforce = false;
    await saveJob(aJob('job-1', Date.now()));
    const after = await pairStatus({ page, frame });
    expect(reads()).toBe(2 * once);
    expect(after.record?.hasOptedOutOfEmail).toBe(false);
    expect(after.job?.id).toBe('job-1');
  });

  it('is not read again when a job of another org with the same ids changes', async () => {
    await pairStatus({ page, frame });
    const once = reads();
    await saveJob({
      ...aJob('sandbox-job', Date.now()),
      orgId: '00D7e000000FuLl',
      salesforceHost: 'acme--full.sandbox.my.salesforce.com',
    });
    await pairStatus({ page, frame });
    expect(reads()).toBe(once);
  });

  it('reads the pair again when the admin has just saved the record on the page', async () => {
    await pairStatus({ page, frame });
    const once = reads();
    optedOut.salesforce = false;
    const after = await pairStatus({ page, frame, fresh: true });
    expect(reads()).toBe(2 * once);
    expect(after.record?.hasOptedOutOfEmail).toBe(false);
  });
});

describe("a job's own page in the writer's window", () => {
  const aePage = { kind: 'ae-prospect' as const, host: TARGET.aeHost, prospectId: TARGET.prospectId };
  const aeFrame = { aeHost: TARGET.aeHost, topHost: TARGET.aeHost };
  // The prospect's page, linked to the Contact.
  const aeState = {
    ...PROSPECT_PAGE,
    crm: { host: 'acme.lightning.force.com', object: TARGET.object, recordId: TARGET.recordId },
  };

  it('costs the org no read: each of its loads (a list polls the sync with them) shows the page and the job alone', async () => {
    await saveJob(aJob('job-1', Date.now()));
    // The same page in the admin's own tab reads the record (and the business unit) for the overlay.
    await pairStatus({ page: aePage, frame: aeFrame, aeState });
    const admins = reads();
    expect(admins).toBeGreaterThan(0);
    vi.advanceTimersByTime(10_000);
    for (let load = 0; load < 5; load++) {
      const status = await pairStatus({ page: aePage, frame: aeFrame, aeState, writerTab: true, fresh: true });
      expect(status.prospect?.optedOut).toBe(true);
      expect(status.job?.id).toBe('job-1');
    }
    expect(reads()).toBe(admins);
  });
});
