/**
 * "Signed out of AE" at pi.pardot.com sends an org's jobs to the Account Engagement Lightning app,
 * for a while: not for good. The refusal expires, and a prospect page of the org opening at the AE
 * host itself clears it at once.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AePageState } from '../../../src/core/messages';
import type { DetectedPage } from '../../../src/core/page-detect';

const cookies = { get: async () => null, getAll: async () => [] };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies } }));

const RECORD = '0035g00000AbCdEAAV';
const org = {
  session: { host: 'acme.my.salesforce.com', orgId: '00D5g000004SbOx', sid: 'sid' },
  salesforce: {
    getRecord: async () => ({ Id: RECORD, Email: 'aiko@example.com', HasOptedOutOfEmail: true, pi__url__c: null }),
  },
};
vi.mock('../../../src/background/org', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/org')>()),
  orgForAePage: async () => org,
  businessUnitOf: async () => ({ current: null, all: [] }),
}));

const { AE_TOP_LEVEL_REFUSAL_MS, aeTopLevelRefused, rememberAeTopLevelRefused } = await import(
  '../../../src/background/org'
);
const { pairStatus } = await import('../../../src/background/pair-status');
type Org = Parameters<typeof aeTopLevelRefused>[0];
const theOrg = org as unknown as Org;

const page: DetectedPage = { kind: 'ae-prospect', host: 'pi.pardot.com', prospectId: 1001 };
const shown: AePageState = {
  readable: true,
  email: 'aiko@example.com',
  optedOut: true,
  isDoNotEmail: false,
  isEmailHardBounced: false,
  crm: { host: 'acme.my.salesforce.com', object: 'Contact', recordId: RECORD },
  salesforceLastSync: null,
  form: 'closed',
};

let clock = Date.now();
beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  clock += 24 * 60 * 60_000;
  vi.setSystemTime(clock);
});
afterEach(() => vi.useRealTimers());

describe('AE refusing the admin at its own host', () => {
  it('sends the org’s new jobs to the Lightning app for a while, then AE’s host is tried again', async () => {
    await rememberAeTopLevelRefused(theOrg);
    expect(await aeTopLevelRefused(theOrg)).toBe(true);
    vi.advanceTimersByTime(AE_TOP_LEVEL_REFUSAL_MS - 60_000);
    expect(await aeTopLevelRefused(theOrg)).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(await aeTopLevelRefused(theOrg)).toBe(false);
  });

  it('is forgotten as soon as a prospect page of the org opens at the AE host itself', async () => {
    await rememberAeTopLevelRefused(theOrg);
    await pairStatus({ page, frame: { aeHost: 'pi.pardot.com', topHost: 'pi.pardot.com' }, aeState: shown });
    expect(await aeTopLevelRefused(theOrg)).toBe(false);
  });

  it('stands while the org’s prospect pages open only in the Lightning app’s frame', async () => {
    await rememberAeTopLevelRefused(theOrg);
    await pairStatus({ page, frame: { aeHost: 'pi.pardot.com', topHost: 'acme.lightning.force.com' }, aeState: shown });
    expect(await aeTopLevelRefused(theOrg)).toBe(true);
  });
});
