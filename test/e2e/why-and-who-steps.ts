/** What the why-and-who e2e files do to the org and the pair, in one place. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { call } from '../sandbox/client';
import { FAST_SYNC, type Fixture } from './fixture';
import { configureExtension, jobEnds, optIn, pairState } from './harness';

/** Opted in on both sides, then the person clicks the email's unsubscribe link and the sync carries it over. */
export function unsubscribeAfterOptIn(fx: Fixture, prospectId = 1001): void {
  const { record } = pairState(fx.org, prospectId);
  Object.assign(fx.sandbox.org.prospects.get(prospectId) ?? {}, { optedOut: false, activities: [] });
  if (record) record.HasOptedOutOfEmail = false;
  fx.sandbox.unsubscribe(prospectId);
  fx.sandbox.syncAll();
  expect(pairState(fx.org, prospectId)).toMatchObject({ aeOptedOut: true, sfOptedOut: true });
}

/** A Salesforce user (or, with `by`, another tool's integration user) sets the record's Email Opt Out. */
export const setEmailOptOut = (fx: Fixture, value: boolean, by?: string) =>
  call(fx.org, {
    method: 'POST',
    path: '/__sandbox/records',
    body: { recordId: pairState(fx.org, 1001).record?.Id, set: { HasOptedOutOfEmail: value }, ...(by ? { by } : {}) },
  });

/**
 * The connector stops syncing on its own (a test runs `fx.sandbox.syncAll()` where it wants one): a
 * sync between two changes of Email Opt Out would carry AE's Opted Out back over the first, and the
 * second would then change nothing, leaving no history row by its user.
 */
export function holdSyncs(fx: Fixture): void {
  for (const bu of fx.sandbox.org.businessUnits) bu.syncIntervalMs = 0;
  fx.sandbox.scheduleSyncs();
}

/**
 * The admin opts the pair in from `page`, and the test runs the syncs itself (every second) until the
 * job is done: the watch's looks after it must see another writer's change, not the connector's.
 */
export async function optInWithSyncsByHand(fx: Fixture, page: Page, reason: string): Promise<void> {
  // The watch looks twice after the job is done, a sync interval and the margin apart: FAST_SYNC's 3 s
  // margin, not STEADY_SYNC's 1 s, gives the test's change after done the time to land before the last look.
  await configureExtension(fx.browser, FAST_SYNC);
  holdSyncs(fx);
  await optIn(page, reason);
  const sync = setInterval(() => fx.sandbox.syncAll(), 1_000);
  try {
    await jobEnds(fx.browser, page, 'done');
  } finally {
    clearInterval(sync);
  }
}
