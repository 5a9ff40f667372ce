/**
 * What the overlay shows under a pair (src/background/pair-why.ts): how each side got opted out and
 * the earlier opt-ins, read by the worker with the pair's sides (a page refreshing its status costs no
 * query), read again when a job of the pair changes; and who undid the pair's latest done opt-in.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../../src/core/messages';
import { aJob, CONTACT_PAGE, contactRecord, PROSPECT_BY_API } from '../job-fixture';

const cookies = { get: async () => null, getAll: async () => [] };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies } }));

const ORG_ID = '00D5g000004SbOx';
/** The history and Task queries the overlay's history makes. */
const queries = { history: 0, tasks: 0 };
const org = {
  session: { host: 'acme.my.salesforce.com', orgId: ORG_ID, sid: 'sid' },
  salesforce: {
    getRecord: async () => contactRecord(true),
    emailOptOutHistory: async () => {
      queries.history++;
      return [
        {
          at: Date.parse('2026-11-20T09:00:00Z'),
          newValue: true,
          byName: 'Act-On Integration',
          byUsername: 'acton@acme.example',
        },
      ];
    },
    query: async () => {
      queries.tasks++;
      return [
        {
          Id: '00T5g000001TaSkAAC',
          Subject: 'Opt-Out Sync Guard: aiko@example.com opted back in',
          Description: 'Reason: asked at the trade fair\nConfirmed by: kenji@acme.example',
          CreatedDate: '2026-11-01T10:00:00.000+0000',
          CreatedBy: { Name: 'Kenji Sato' },
        },
      ];
    },
  },
};
vi.mock('../../../src/background/org', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/org')>()),
  orgForHost: async () => org,
  businessUnitOf: async () => ({ current: null, all: [] }),
}));
vi.mock('../../../src/background/prospects', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/prospects')>()),
  readForOverlay: async () => PROSPECT_BY_API,
}));

const { pairWhy } = await import('../../../src/background/pair-why');
const { pairStatus } = await import('../../../src/background/pair-status');
const { saveJob } = await import('../../../src/background/jobs');
const { recordEntry, entryFor } = await import('../../../src/background/audit');

const { page, frame } = CONTACT_PAGE;

let clock = Date.now();
beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  clock += 10 * 60_000;
  vi.setSystemTime(clock);
  Object.assign(queries, { history: 0, tasks: 0 });
});
afterEach(() => vi.useRealTimers());

/** A done job's audit entry, at `at`, with what the watch saw after it. */
function doneEntry(jobId: string, at: number, undone?: AuditEntry['undone']): AuditEntry {
  const job = aJob(jobId, at);
  return { ...entryFor(job, ORG_ID), at, outcome: 'done', ...(undone ? { undone } : {}) };
}

describe('the overlay’s history of a pair', () => {
  it('names who checked Email Opt Out and the earlier opt-in, and says the AE activities were not read by API', async () => {
    const why = await pairWhy({ page, frame });
    expect(why.history.salesforce).toEqual([
      { at: Date.parse('2026-11-20T09:00:00Z'), checked: true, by: 'Act-On Integration', connector: false },
    ]);
    // A Lead/Contact page read the prospect by API: its activities were not read, which the overlay says.
    expect(why.history).not.toHaveProperty('ae');
    expect(why.restorations).toMatchObject([{ by: 'Kenji Sato', at: Date.parse('2026-11-01T10:00:00Z') }]);
    expect(why.undone).toBeNull();
  });

  it('costs one history query and one Task query per read of the pair, however often the page refreshes', async () => {
    await Promise.all(Array.from({ length: 20 }, () => pairWhy({ page, frame })));
    vi.advanceTimersByTime(2_000);
    await pairWhy({ page, frame });
    expect(queries).toEqual({ history: 1, tasks: 1 });
    // The pair's sides are read again a few seconds on, and its history with them.
    vi.advanceTimersByTime(5_000);
    await pairWhy({ page, frame });
    expect(queries).toEqual({ history: 2, tasks: 2 });
  });

  it('reads them again when the admin has just saved the record on the page', async () => {
    await pairWhy({ page, frame });
    await pairStatus({ page, frame, fresh: true });
    await pairWhy({ page, frame });
    expect(queries).toEqual({ history: 2, tasks: 2 });
  });

  it('reads them again when a job of the pair changes (it may have written a Task)', async () => {
    await pairWhy({ page, frame });
    await saveJob(aJob('job-1', Date.now()));
    await pairWhy({ page, frame });
    expect(queries).toEqual({ history: 2, tasks: 2 });
  });

  it('says who undid the latest done opt-in, and not an older one the admin has since redone', async () => {
    const undone = { at: clock - 1000, sides: ['salesforce' as const], by: 'user' as const, who: 'Act-On Integration' };
    await recordEntry(doneEntry('11111111-1111-4111-8111-111111111111', clock - 60_000, undone));
    expect((await pairWhy({ page, frame })).undone).toEqual(undone);
    await recordEntry(doneEntry('22222222-2222-4222-8222-222222222222', clock - 500));
    expect((await pairWhy({ page, frame })).undone).toBeNull();
  });
});
