/** A job as the unit tests start it: prospect 1001 and its Contact, the connector's 2-minute sync. */
import { vi } from 'vitest';
import { type Job, newJob } from '../../src/core/job';

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
