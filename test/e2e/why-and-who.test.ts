/**
 * Why and who: before an admin opts someone back in, the confirmation window says how each side got
 * opted out and shows earlier opt-ins recorded in Salesforce; when the admin asks for it, a done
 * opt-in leaves a completed Task on the Lead/Contact (and a failed one leaves none).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call } from '../sandbox/client';
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
  pairState,
  productWrites,
} from './harness';
import { holdSyncs, optInWithSyncsByHand, setEmailOptOut, unsubscribeAfterOptIn } from './why-and-who-steps';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC });

/** The overlay's button, the window's Task checkbox set as the admin wants it, a reason, and Confirm. */
async function optInRecording(page: Page, reason: string, recordTask: boolean): Promise<Page> {
  const window = await openConfirmation(page);
  await window.locator('[data-field="record-task"]').setChecked(recordTask);
  await confirmIn(window, reason);
  return window;
}

const text = async (window: Page, field: string) =>
  (await window.locator(`[data-field="${field}"]`).innerText()).trim();

describe('the evidence where the org keeps records', () => {
  it('asks once, then writes one completed Task on the Contact for a done opt-in, and the audit entry names it', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const window = await openConfirmation(page);
    // Asked the first time: off until the admin turns it on, with what it writes and where.
    expect(await window.locator('[data-field="record-task"]').isChecked()).toBe(false);
    expect(await window.locator('#record-task-hint').innerText()).toContain('Asked once');
    await window.locator('[data-field="record-task"]').check();
    await confirmIn(window, 'asked by phone on 28 Nov');
    await jobEnds(fx.browser, page, 'done');

    const { record } = pairState(fx.org, 1001);
    await expect.poll(() => tasksOf(fx.sandbox.org).length).toBe(1);
    const [task] = tasksOf(fx.sandbox.org);
    expect(task).toMatchObject({ WhoId: record?.Id, Status: 'Completed' });
    expect(task?.Subject).toContain('Opt-Out Sync Guard');
    expect(task?.Description).toContain('asked by phone on 28 Nov');
    expect(task?.Description).toContain('admin@sandbox.example');
    expect(task?.Description).toMatch(/Email Opt Out: checked before, unchecked after/);
    // The one other write: the Task, besides the two opt-out fields.
    expect(productWrites(fx.org).map((write) => write.object)).toEqual(['Contact', 'Prospect', 'Task']);
    await expect
      .poll(async () => (await auditLog(fx.browser)).find((entry) => entry.outcome === 'done'))
      .toMatchObject({ taskId: task?.Id as string });
    await closePage(page);
  });

  it('writes no Task for a failed opt-in, even when the admin asked for one', async () => {
    Object.assign(fx.sandbox.config, { aeUserCanEditOptedOut: false });
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await optInRecording(page, 'asked by phone', true);
    await jobEnds(fx.browser, page, 'failed');
    expect(tasksOf(fx.sandbox.org)).toEqual([]);
    expect(productWrites(fx.org)).toEqual([]);
    const entry = (await auditLog(fx.browser)).find((e) => e.outcome === 'failed');
    expect(entry).toBeTruthy();
    expect(entry).not.toHaveProperty('taskId');
    await closePage(page);
  });

  it('remembers the choice, and shows a colleague the earlier opt-in when the person is opted out again', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await optInRecording(page, 'asked at the trade fair', true);
    await jobEnds(fx.browser, page, 'done');
    await expect.poll(() => tasksOf(fx.sandbox.org).length).toBe(1);

    // The person unsubscribes again; the next sync carries it to Salesforce.
    fx.sandbox.unsubscribe(1001);
    fx.sandbox.syncAll();
    await page.reload();
    const window = await openConfirmation(page);
    expect(await window.locator('[data-field="record-task"]').isChecked()).toBe(true);
    expect(await window.locator('#record-task-hint').innerText()).toContain('Remembered');
    const restorations = await text(window, 'restorations');
    expect(restorations).toContain('Sandbox Admin');
    expect(restorations).toContain('asked at the trade fair');
    await window.locator('[data-action="cancel"]').click();
    await closePage(page);
  });
});

describe('how each side got opted out', () => {
  it('shows the unsubscribe on the AE side and the connector’s change of Email Opt Out on the Salesforce side', async () => {
    unsubscribeAfterOptIn(fx);
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const window = await openConfirmation(page);
    expect(await text(window, 'history-ae')).toContain('Unsubscribe Page');
    const salesforce = await text(window, 'history-salesforce');
    expect(salesforce).toContain('checked by B2BMA Integration');
    expect(salesforce).toContain('the connector');
    await window.locator('[data-action="cancel"]').click();
    await closePage(page);
  });

  it('says plainly that Email Opt Out’s history is not tracked where it is not', async () => {
    fx.sandbox.config.emailOptOutHistoryTracked = false;
    unsubscribeAfterOptIn(fx);
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const window = await openConfirmation(page);
    expect(await text(window, 'history-salesforce')).toContain('Field History Tracking is off');
    await window.locator('[data-action="cancel"]').click();
    await closePage(page);
  });
});

describe('whoever undoes an opt-in', () => {
  it('names another integration’s user who checks Email Opt Out again after a done job, and writes nothing more', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await optInWithSyncsByHand(fx, page, 'asked by phone on 28 Nov');
    const writesAtDone = productWrites(fx.org).length;
    const { record } = pairState(fx.org, 1001);
    const reply = await call(fx.org, {
      method: 'POST',
      path: '/__sandbox/records',
      body: { recordId: record?.Id, set: { HasOptedOutOfEmail: true }, by: 'other-integration' },
    });
    expect(reply.status).toBe(200);
    await expect
      .poll(async () => (await auditLog(fx.browser)).find((e) => e.outcome === 'done'), { timeout: 30_000 })
      .toMatchObject({ undone: { by: 'user', who: 'Act-On Integration', sides: ['salesforce'] } });
    // It explains; it never writes again.
    expect(productWrites(fx.org)).toHaveLength(writesAtDone);
    await closePage(page);
  });
});

describe('Check this org', () => {
  async function check() {
    const record = pairState(fx.org, 1001).record;
    const page = await fx.browser.context.newPage();
    await page.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
    await page
      .locator('[data-field="check-url"]')
      .fill(`${LIGHTNING}/lightning/r/${record?.object}/${record?.Id}/view`);
    await page.locator('[data-action="check-org"]').click();
    await page.locator('[data-field="checklist"]').waitFor({ timeout: 60_000 });
    return {
      page,
      result: (id: string) => page.locator(`[data-check="${id}"]`).getAttribute('data-result'),
      fix: (id: string) => page.locator(`[data-check="${id}"] .fix`).innerText(),
    };
  }

  it('says when Email Opt Out’s field history is not tracked, and how to turn it on', async () => {
    fx.sandbox.config.emailOptOutHistoryTracked = false;
    const { page, result, fix } = await check();
    expect(await result('history-tracked')).toBe('failed');
    expect(await fix('history-tracked')).toContain('Set History Tracking');
    await closePage(page);
  });

  it('counts the users other than the connector who changed Email Opt Out lately, a sign of another writer', async () => {
    const quiet = await check();
    expect(await quiet.result('history-tracked')).toBe('passed');
    expect(await quiet.result('other-writers')).toBe('passed');
    await closePage(quiet.page);
    // A user edits the field, and another email tool's integration user writes it back.
    holdSyncs(fx);
    expect((await setEmailOptOut(fx, false)).status).toBe(200);
    expect((await setEmailOptOut(fx, true, 'other-integration')).status).toBe(200);
    const busy = await check();
    expect(await busy.result('other-writers')).toBe('failed');
    expect(await busy.page.locator('[data-check="other-writers"]').innerText()).toContain('2 other users');
    expect(await busy.fix('other-writers')).toContain('another email tool');
    await closePage(busy.page);
  });

  it('says whether Marketing Cloud Next’s consent matching is set up, as far as REST shows it', async () => {
    const none = await check();
    expect(await none.result('consent-matching')).toBe('not-applicable');
    await closePage(none.page);
    fx.sandbox.config.marketingCloudNextConsent = 'subscriptions';
    const unset = await check();
    expect(await unset.result('consent-matching')).toBe('passed');
    expect(await unset.page.locator('[data-check="consent-matching"]').innerText()).toContain('no API reads');
    await closePage(unset.page);
    fx.sandbox.config.marketingCloudNextConsent = 'consent-matching';
    const matching = await check();
    expect(await matching.result('consent-matching')).toBe('failed');
    expect(await matching.fix('consent-matching')).toContain(
      'checks Opted Out on every prospect with the same email address',
    );
    await closePage(matching.page);
  });
});
