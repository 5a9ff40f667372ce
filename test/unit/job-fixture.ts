/**
 * A job as the unit tests start it: prospect 1001 and its Contact, the connector's 2-minute sync;
 * and the pair as the worker reads it (the Contact by REST, the prospect, their pages).
 */
import { vi } from 'vitest';
import { type Job, newJob } from '../../src/core/job';
import type { AePageState } from '../../src/core/messages';
import type { DetectedPage } from '../../src/core/page-detect';

export const TARGET = {
  prospectId: 1001,
  aeHost: 'pi.pardot.com',
  salesforceHost: 'acme.my.salesforce.com',
  object: 'Contact' as const,
  recordId: '0035g00000AbCdEAAV',
  email: 'aiko@example.com',
  businessUnitId: '0Uv5g000000CaYZCA0',
  orgId: '00D5g000004SbOx',
  aeFrameHost: null,
};

/** The Contact as Salesforce REST returns it, linked to the prospect; Email Opt Out as given. */
export const contactRecord = (hasOptedOutOfEmail: boolean) => ({
  Id: TARGET.recordId,
  Email: TARGET.email,
  HasOptedOutOfEmail: hasOptedOutOfEmail,
  pi__url__c: `http://${TARGET.aeHost}/prospect/read?id=${TARGET.prospectId}`,
});

/** The prospect as the overlay reads it by API: Opted Out checked, linked to the Contact. */
export const PROSPECT_BY_API = {
  id: TARGET.prospectId,
  email: TARGET.email,
  optedOut: true,
  crmContactFid: TARGET.recordId,
  source: 'api' as const,
};

/** The Contact's Lightning record page, as its overlay asks for the pair's status. */
export const CONTACT_PAGE: { page: DetectedPage; frame: { aeHost: string; topHost: string } } = {
  page: {
    kind: 'salesforce-record',
    host: 'acme.lightning.force.com',
    object: 'Contact',
    recordId: TARGET.recordId,
    ui: 'lightning',
  },
  frame: { aeHost: 'acme.lightning.force.com', topHost: 'acme.lightning.force.com' },
};

/** What the prospect's AE page shows: Opted Out checked, the edit form closed, no Lead/Contact link. */
export const PROSPECT_PAGE: AePageState = {
  readable: true,
  email: TARGET.email,
  optedOut: true,
  isDoNotEmail: false,
  isEmailHardBounced: false,
  crm: null,
  salesforceLastSync: null,
  form: 'closed',
};

export const TIMING = { maxAttempts: 3, syncIntervalMs: 120_000, marginMs: 30_000, pollMs: 30_000 };

export const aJob = (id: string, now: number): Job =>
  newJob(TARGET, 'admin@example.com', 'asked by phone', TIMING, id, now);

/**
 * A driven job run to where it waits on an alarm, or to its end, on fake timers (`vi.useFakeTimers()`):
 * every short wait and delayed answer passes at once, and nothing runs on into the next test.
 */
export async function toRest(driving: Promise<void>): Promise<void> {
  await vi.runAllTimersAsync();
  await driving;
}
