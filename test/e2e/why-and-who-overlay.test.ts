/**
 * Why and who on the overlay itself: under the pair, how each side got opted out (the prospect's
 * opt-out activity, who checked Email Opt Out, or that its history is not tracked), the earlier
 * opt-ins recorded as Tasks (any admin's), and after a done opt-in, who checked a side again.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tasksOf } from '../sandbox/tasks';
import { STEADY_SYNC, useOrg } from './fixture';
import {
  AE,
  auditLog,
  closePage,
  confirmIn,
  jobEnds,
  LIGHTNING,
  openConfirmation,
  overlay,
  pairState,
  productWrites,
} from './harness';
import { holdSyncs, optInWithSyncsByHand, setEmailOptOut, unsubscribeAfterOptIn } from './why-and-who-steps';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC });

/** The overlay's history, unfolded as the admin unfolds it, and one of its parts. */
async function historyOn(page: Page) {
  const history = overlay(page).locator('[data-field="overlay-history"]');
  await history.locator('summary').click();
  return {
    summary: () => history.locator('summary').innerText(),
    part: async (field: string) => (await history.locator(`[data-field="${field}"]`).innerText()).trim(),
  };
}

const recordPage = () => {
  const { record } = pairState(fx.org, 1001);
  return `${LIGHTNING}/lightning/r/${record?.object}/${record?.Id}/view`;
};

describe('how each side got opted out, on the overlay', () => {
  it('on the prospect page: the unsubscribe activity, and the connector checking Email Opt Out', async () => {
    unsubscribeAfterOptIn(fx);
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const history = await historyOn(page);
    expect(await history.part('history-ae')).toContain('Unsubscribe Page');
    const salesforce = await history.part('history-salesforce');
    expect(salesforce).toContain('checked by B2BMA Integration');
    expect(salesforce).toContain("the connector's sync");
    await closePage(page);
  });

  it('on the Contact page: a Salesforce user who checked Email Opt Out, and that the activities were not read there', async () => {
    holdSyncs(fx);
    expect((await setEmailOptOut(fx, false)).status).toBe(200);
    expect((await setEmailOptOut(fx, true)).status).toBe(200);
    const page = await fx.browser.context.newPage();
    await page.goto(recordPage());
    const history = await historyOn(page);
    const salesforce = await history.part('history-salesforce');
    expect(salesforce).toMatch(/checked by Sandbox Admin[\s\S]*unchecked by Sandbox Admin/);
    expect(salesforce).not.toContain('the connector');
    // The Contact page read the prospect by API, which lists no activities: said, not guessed.
    expect(await history.part('history-ae')).toContain('Not read');
    await closePage(page);
  });

  it('names another email tool’s integration user who checked Email Opt Out', async () => {
    holdSyncs(fx);
    expect((await setEmailOptOut(fx, false)).status).toBe(200);
    expect((await setEmailOptOut(fx, true, 'other-integration')).status).toBe(200);
    const page = await fx.browser.context.newPage();
    await page.goto(recordPage());
    const history = await historyOn(page);
    expect(await history.part('history-salesforce')).toContain('checked by Act-On Integration');
    await closePage(page);
  });

  it('says plainly that Email Opt Out’s history is not tracked where it is not', async () => {
    fx.sandbox.config.emailOptOutHistoryTracked = false;
    unsubscribeAfterOptIn(fx);
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const history = await historyOn(page);
    expect(await history.part('history-salesforce')).toContain('Field History Tracking is off');
    await closePage(page);
  });
});

describe('earlier opt-ins and who undid the last, on the overlay', () => {
  it('shows a colleague the earlier opt-in recorded as a Task, by whom, when and why', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const window = await openConfirmation(page);
    await window.locator('[data-field="record-task"]').check();
    await confirmIn(window, 'asked at the trade fair');
    await jobEnds(fx.browser, page, 'done');
    await expect.poll(() => tasksOf(fx.sandbox.org).length).toBe(1);
    // Before anything opts the person out again, a done pair shows no history (once the overlay read it again).
    await expect.poll(() => overlay(page).locator('[data-field="overlay-history"]').count()).toBe(0);

    fx.sandbox.unsubscribe(1001);
    fx.sandbox.syncAll();
    const next = await fx.browser.context.newPage();
    await next.goto(recordPage());
    const history = await historyOn(next);
    expect(await history.summary()).toContain('earlier opt-ins: 1');
    const restorations = await history.part('restorations');
    expect(restorations).toContain('by Sandbox Admin');
    expect(restorations).toContain('asked at the trade fair');
    await closePage(next);
    await closePage(page);
  });

  it('explains on the overlay a re-opt-out by another integration’s user after a done job, and writes nothing more', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(recordPage());
    await optInWithSyncsByHand(fx, page, 'asked by phone on 28 Nov');
    const writesAtDone = productWrites(fx.org).length;
    expect((await setEmailOptOut(fx, true, 'other-integration')).status).toBe(200);
    // The watch's next look names the user; the overlay of the tab showing the pair says it, unasked.
    const undone = overlay(page).locator('[data-field="undone"]');
    await undone.waitFor({ timeout: 30_000 });
    expect(await undone.innerText()).toContain('Act-On Integration checked Salesforce’s Email Opt Out');
    expect((await auditLog(fx.browser)).find((e) => e.outcome === 'done')).toMatchObject({
      undone: { by: 'user', who: 'Act-On Integration' },
    });
    const history = await historyOn(page);
    expect(await history.part('history-salesforce')).toContain('checked by Act-On Integration');
    expect(productWrites(fx.org)).toHaveLength(writesAtDone);
    await closePage(page);
  });
});

describe('a person account’s history, on the overlay', () => {
  it.each(['PersonHasOptedOutOfEmail', 'HasOptedOutOfEmail'] as const)(
    'names who changed Email Opt Out, from the Account’s field history (Field %s)',
    async (field) => {
      Object.assign(fx.sandbox.config, { personAccounts: true, personAccountHistoryField: field });
      const accountId = fx.sandbox.makePersonAccount(1001);
      holdSyncs(fx);
      expect((await setEmailOptOut(fx, false)).status).toBe(200);
      expect((await setEmailOptOut(fx, true, 'other-integration')).status).toBe(200);
      const page = await fx.browser.context.newPage();
      await page.goto(`${LIGHTNING}/lightning/r/Account/${accountId}/view`);
      const history = await historyOn(page);
      const salesforce = await history.part('history-salesforce');
      expect(salesforce).toMatch(/checked by Act-On Integration[\s\S]*unchecked by Sandbox Admin/);
      await closePage(page);
    },
  );
});
