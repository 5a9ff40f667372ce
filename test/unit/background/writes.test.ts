/**
 * The writes a job makes are on record before they leave: a worker that stops at any point finds
 * them started. Where the org's AE API is not known to take Opted Out yet, it is tried alone first,
 * and Salesforce follows its answer with nothing (no storage write) between the two.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../../src/core/job';

const cookies = { get: async () => null, getAll: async () => [] };
const i18n = { ...fakeBrowser.i18n, getMessage: (key: string) => key };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies, i18n } }));

/** What happened, in order: each write as it left (with what the stored job said then), and each storage write. */
const events: string[] = [];
const onRecord: Record<string, string | undefined> = {};
const aeApi = { refuses: false };

const storedWrites = async () => {
  const jobs = (await fakeBrowser.storage.local.get('jobs')).jobs as Record<string, Job> | undefined;
  const job = jobs?.writing;
  return job?.attempts[job.attempts.length - 1]?.writes ?? {};
};

vi.mock('../../../src/background/org', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/org')>()),
  orgForHost: async () => ({
    session: { host: 'acme.my.salesforce.com', orgId: '00D5g000004SbOx', sid: 'sid' },
    salesforce: {
      // The preflight a job found mid-write makes first (it never writes from what it read before):
      // the pair as confirmed, no one but the person's own history.
      getRecord: async () => ({
        Id: '0035g00000AbCdEAAV',
        Email: 'aiko@example.com',
        HasOptedOutOfEmail: true,
        pi__url__c: 'http://pi.pardot.com/prospect/read?id=1001',
      }),
      emailOptOutHistory: async () => [],
      uncheckEmailOptOut: async () => {
        onRecord.salesforce = (await storedWrites()).salesforce?.method;
        events.push('salesforce sent');
      },
    },
  }),
}));
vi.mock('../../../src/background/prospects', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/prospects')>()),
  readForJob: async () => ({
    id: 1001,
    email: 'aiko@example.com',
    optedOut: true,
    isDoNotEmail: false,
    isEmailHardBounced: false,
    salesforceContactId: '0035g00000AbCdEAAV',
    salesforceLeadId: null,
    salesforceLastSync: null,
    source: 'page',
    optOutActivities: [],
  }),
  aeApi: async () => ({
    uncheckOptedOut: async () => {
      onRecord.aeApi = (await storedWrites()).ae?.method;
      events.push('ae api sent');
      return aeApi.refuses;
    },
  }),
}));
vi.mock('../../../src/background/ae-page', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/ae-page')>()),
  preparePage: async () => ({}),
  clickSave: async () => {
    onRecord.aePage = (await storedWrites()).ae?.method;
    events.push('ae page saved');
    return { confirmed: Promise.resolve() };
  },
}));

const { drive } = await import('../../../src/background/coordinator');
const { transition } = await import('../../../src/core/job');
const { aJob } = await import('../job-fixture');

beforeEach(async () => {
  vi.restoreAllMocks();
  fakeBrowser.reset();
  events.length = 0;
  for (const key of Object.keys(onRecord)) delete onRecord[key];
  aeApi.refuses = false;
  const now = Date.now();
  const job = transition(
    aJob('writing', now),
    { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true },
    now,
  );
  await fakeBrowser.storage.local.set({ jobs: { writing: job } });
  const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
  vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
    events.push(`stored ${Object.keys(items).join(',')}`);
    return set(items);
  });
});

describe('while the org’s AE API is not known to take Opted Out', () => {
  it('has both writes on record before the AE API write leaves, and sends Salesforce on its answer with no storage write between', async () => {
    await drive('writing');
    expect(onRecord).toEqual({ aeApi: 'api', salesforce: 'api' });
    const sent = events.indexOf('ae api sent');
    expect(events[sent + 1]).toBe('salesforce sent');
    // What was learned (the API takes Opted Out) is kept, after both writes left.
    expect((await fakeBrowser.storage.local.get('aeOptedOutApiWrite')).aeOptedOutApiWrite).toEqual({
      '00D5g000004SbOx': 'works',
    });
    const writes = await storedWrites();
    expect([writes.ae?.ok, writes.salesforce?.ok]).toEqual([true, true]);
  });

  it('goes on with the page when the AE API refuses, the page write on record before its Save, Salesforce leaving with it', async () => {
    aeApi.refuses = true;
    await drive('writing');
    expect(onRecord).toEqual({ aeApi: 'api', aePage: 'page', salesforce: 'api' });
    expect(events.filter((event) => event.endsWith('sent') || event.endsWith('saved'))).toEqual([
      'ae api sent',
      'ae page saved',
      'salesforce sent',
    ]);
    const writes = await storedWrites();
    expect([writes.ae?.method, writes.ae?.ok, writes.salesforce?.ok]).toEqual(['page', true, true]);
  });
});
