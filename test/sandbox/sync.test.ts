/**
 * Why the product exists (toBe Marketing's article on the connector option, tobem.jp 2019),
 * reproduced through the sandbox's own APIs and pages: if
 * these fail, the oracle is wrong and every e2e result built on it is too.
 */
import { describe, expect, it } from 'vitest';
import { aeSessionCookie, browserSession, call, configure, saveOnAePage, sync, useSandbox } from './client';
import type { Prospect, SalesforceRecord, SyncBehavior } from './model';

const sb = useSandbox(async (running) => ({
  sid: await browserSession(running),
  aeCookie: await aeSessionCookie(running),
}));

const AIKO = 1001; // opted out on both sides, linked to a Contact
const IAN = 1009; // opted in on both sides

function pair(prospectId: number): { prospect: Prospect; record: SalesforceRecord } {
  const prospect = sb.running.sandbox.org.prospects.get(prospectId) as Prospect;
  const id = prospect.salesforceContactId ?? prospect.salesforceLeadId ?? '';
  return { prospect, record: sb.running.sandbox.org.records.get(id) as SalesforceRecord };
}

/** What the admin does on the AE page: Edit, (un)check Opted Out, Save prospect. */
async function setOnAePage(prospectId: number, optedOut: boolean) {
  const reply = await saveOnAePage(sb.running, sb.session.aeCookie, prospectId, optedOut);
  expect(reply.status).toBe(303);
}

async function setInSalesforce(prospectId: number, value: boolean) {
  const { record } = pair(prospectId);
  const reply = await call(sb.running, {
    method: 'PATCH',
    path: `/services/data/v62.0/sobjects/${record.object}/${record.Id}`,
    headers: { authorization: `Bearer ${sb.session.sid}` },
    body: { HasOptedOutOfEmail: value },
  });
  expect(reply.status).toBe(204);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('an unchecked side comes back, with the overwrite option off', () => {
  it('re-checks Opted Out at the next sync when only the AE side is unchecked', async () => {
    await setOnAePage(AIKO, false);
    expect(pair(AIKO).prospect.optedOut).toBe(false);
    await sync(sb.running);
    expect(pair(AIKO).prospect.optedOut).toBe(true);
    expect(pair(AIKO).record.HasOptedOutOfEmail).toBe(true);
  });

  it('re-checks Email Opt Out at the next sync when only the Salesforce side is unchecked', async () => {
    await setInSalesforce(AIKO, false);
    await sync(sb.running);
    expect(pair(AIKO).record.HasOptedOutOfEmail).toBe(true);
    expect(pair(AIKO).prospect.optedOut).toBe(true);
  });

  it('keeps the prospect opted in when both sides are unchecked between two syncs', async () => {
    await setOnAePage(AIKO, false);
    await setInSalesforce(AIKO, false);
    await sync(sb.running);
    await sync(sb.running);
    expect(pair(AIKO).prospect.optedOut).toBe(false);
    expect(pair(AIKO).record.HasOptedOutOfEmail).toBe(false);
  });

  it('records each sync decision and moves the prospect’s last sync time', async () => {
    const before = pair(AIKO).prospect.salesforceLastSync;
    await setOnAePage(AIKO, false);
    const reply = await sync(sb.running);
    const decisions = (reply.json as { decisions: { prospectId: number; winner: string; after: boolean }[] }).decisions;
    expect(decisions).toEqual([expect.objectContaining({ prospectId: AIKO, winner: 'salesforce', after: true })]);
    expect(pair(AIKO).prospect.salesforceLastSync).not.toBe(before);
  });

  it('never touches Do Not Email through the Opted Out mapping', async () => {
    const dan = 1004;
    await setInSalesforce(dan, false);
    await setOnAePage(dan, false);
    await sync(sb.running);
    expect(pair(dan).prospect.isDoNotEmail).toBe(true);
    expect(pair(dan).prospect.optedOut).toBe(false);
  });
});

describe('with the overwrite option on', () => {
  it('keeps the prospect opted in when only the AE side is unchecked (default sync behaviour)', async () => {
    await configure(sb.running, { businessUnit: { overwriteOptedOut: true } });
    await setOnAePage(AIKO, false);
    await sync(sb.running);
    expect(pair(AIKO).record.HasOptedOutOfEmail).toBe(false);
    expect(pair(AIKO).prospect.optedOut).toBe(false);
  });

  it('does not sync Opted Out at all when it is not mapped to Salesforce', async () => {
    await configure(sb.running, { businessUnit: { overwriteOptedOut: true, optedOutMapped: false } });
    await setOnAePage(AIKO, false);
    await sync(sb.running);
    expect(pair(AIKO).prospect.optedOut).toBe(false);
    expect(pair(AIKO).record.HasOptedOutOfEmail).toBe(true);
  });
});

type Action = 'uncheck-ae' | 'uncheck-sf' | 'uncheck-ae-then-sf' | 'uncheck-sf-then-ae' | 'check-ae' | 'check-sf';
/**
 * docs/account-engagement.md's sync rules written out by hand for every option × behaviour × action:
 * the value both sides hold after the next sync.
 */
const TABLE: [boolean, SyncBehavior, Action, boolean][] = [];
const BEHAVIORS: SyncBehavior[] = ['most-recent-record', 'ae', 'salesforce', 'most-recent-field'];
for (const behavior of BEHAVIORS) {
  // Option off: a false is blank, so true always wins unless both are false.
  TABLE.push(
    [false, behavior, 'uncheck-ae', true],
    [false, behavior, 'uncheck-sf', true],
    [false, behavior, 'uncheck-ae-then-sf', false],
    [false, behavior, 'uncheck-sf-then-ae', false],
    [false, behavior, 'check-ae', true],
    [false, behavior, 'check-sf', true],
  );
  // Option on: both values are real; the sync behaviour picks the side.
  const favoursAe = behavior !== 'salesforce';
  const favoursSf = behavior !== 'ae';
  TABLE.push(
    [true, behavior, 'uncheck-ae', !favoursAe],
    [true, behavior, 'uncheck-sf', !favoursSf],
    [true, behavior, 'uncheck-ae-then-sf', false],
    [true, behavior, 'uncheck-sf-then-ae', false],
    [true, behavior, 'check-ae', favoursAe],
    [true, behavior, 'check-sf', favoursSf],
  );
}

describe('every option and sync behaviour gives the outcome the documented sync rules predict', () => {
  it.each(TABLE)(
    'overwrite %s, %s, %s → both sides %s',
    async (overwriteOptedOut, optedOutSyncBehavior, action, expected) => {
      await configure(sb.running, { businessUnit: { overwriteOptedOut, optedOutSyncBehavior } });
      const prospectId = action.startsWith('check') ? IAN : AIKO;
      const value = action.startsWith('check');
      if (action.includes('ae-then-sf')) {
        await setOnAePage(prospectId, value);
        await tick();
        await setInSalesforce(prospectId, value);
      } else if (action.includes('sf-then-ae')) {
        await setInSalesforce(prospectId, value);
        await tick();
        await setOnAePage(prospectId, value);
      } else if (action.endsWith('-ae')) {
        await setOnAePage(prospectId, value);
      } else {
        await setInSalesforce(prospectId, value);
      }
      await sync(sb.running);
      expect(pair(prospectId).prospect.optedOut).toBe(expected);
      expect(pair(prospectId).record.HasOptedOutOfEmail).toBe(expected);
    },
  );
});

describe('the sync timer', () => {
  it('syncs by itself on the configured interval', async () => {
    await configure(sb.running, { businessUnit: { syncIntervalMs: 50 } });
    await setOnAePage(AIKO, false);
    await expect.poll(() => pair(AIKO).prospect.optedOut, { timeout: 2000 }).toBe(true);
    await configure(sb.running, { businessUnit: { syncIntervalMs: 0 } });
  });
});
