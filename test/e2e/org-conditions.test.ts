/**
 * Conditions of real orgs the sandbox switches on one by one (each with its
 * public evidence in test/sandbox/model.ts): a back-link the extension
 * cannot read, API Access Control, an admin in several business units who
 * must use the Account Engagement Lightning app, a full-copy sandbox signed
 * in beside production, AE API answers for a missing prospect, and AE API
 * reads that lag its writes.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUSINESS_UNIT_ID, SECOND_BUSINESS_UNIT_ID } from '../sandbox/model';
import { STEADY_SYNC, useOrg } from './fixture';
import {
  AE,
  aeApp,
  closePage,
  connectOAuth,
  FULL_COPY,
  jobState,
  LIGHTNING,
  openConfirmation,
  optIn,
  overlay,
  pairState,
  productWrites,
  signIn,
  storedJobs,
  storedSettings,
} from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC });

const pair = (prospectId: number) => pairState(fx.org, prospectId);

async function recordPage(prospectId: number): Promise<Page> {
  const record = pair(prospectId).record;
  const page = await fx.browser.context.newPage();
  await page.goto(`${LIGHTNING}/lightning/r/${record?.object}/${record?.Id}/view`);
  return page;
}

describe('the back-link as Salesforce writes it', () => {
  it('opts in through a back-link written with http:// (the default), from the record page', async () => {
    expect(pair(1001).record?.pi__url__c).toMatch(/^http:\/\//);
    const page = await recordPage(1001);
    await optIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    await closePage(page);
  });

  it('takes a back-link it cannot read as unknown: the record page says so, the prospect page still opts in', async () => {
    const record = pair(1001).record;
    if (record) record.pi__url__c = 'see Account Engagement';
    const page = await recordPage(1001);
    await expect
      .poll(() => overlay(page).locator('[data-field="link"]').innerText())
      .toContain('does not read as a link');
    await page.goto(`${AE}/prospect/read?id=1001`);
    await optIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    await closePage(page);
  });
});

describe('API Access Control', () => {
  it('says the org refuses the browser session on its API (not "expired"), and works once OAuth is connected', async () => {
    fx.sandbox.config.salesforceApiAccessControl = true;
    const page = await recordPage(1001);
    const problem = overlay(page).locator('[data-field="problem"]');
    await expect.poll(() => problem.innerText()).toContain('API Access Control');
    expect(await problem.innerText()).not.toContain('expired');
    expect(await overlay(page).locator('[data-action="open-settings"]').count()).toBe(1);
    await connectOAuth(fx.browser);
    await page.reload();
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);
    await optIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
    const patch = fx.sandbox.log.find((e) => e.route === 'sf-rest:PATCH' && e.wrote);
    expect(patch?.auth).toBe('access');
    await closePage(page);
  });
});

describe('an admin in several business units, who cannot sign in to pi.pardot.com', () => {
  it('writes the AE side in the Account Engagement Lightning app’s frame', async () => {
    fx.sandbox.config.aeTopLevelSignIn = false;
    const page = await recordPage(1001);
    await optIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 40_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    const save = fx.sandbox.log.find((e) => e.route === 'ae-page:POST' && e.changed?.optedOut === false);
    expect(save?.framed).toBe(true);
    await closePage(page);
  });

  it('tells business units apart: each unit’s settings are its own, and an unmapped unit’s pair stands alone', async () => {
    fx.sandbox.config.aeTopLevelSignIn = false;
    const page = await fx.browser.context.newPage();
    const frame = page.frameLocator('iframe[title="Account Engagement"]');
    const frameOverlay = frame.locator('[data-optout-sync-guard="overlay"]');
    // The first unit's connector page, in the app: its option is off.
    await page.goto(aeApp('/connector/edit/id/1'));
    await frame.getByLabel('Overwrite Prospect Opted Out field').waitFor();
    // As an admin's visit would, the page stays until the extension has taken in what it shows.
    await expect.poll(async () => (await storedSettings(fx.browser))[BUSINESS_UNIT_ID]?.overwriteOptedOut).toBe('off');
    await page.goto(aeApp('/prospect/read?id=1001'));
    await expect.poll(() => frameOverlay.getAttribute('data-state')).toBe('option-off');
    // The switcher to the second unit, whose Opted Out is not mapped: nothing is known of it yet.
    await page.locator('#business-unit-switcher').selectOption(SECOND_BUSINESS_UNIT_ID);
    await page.goto(aeApp('/prospect/read?id=2001'));
    await expect.poll(() => frameOverlay.getAttribute('data-state')).toBe('option-unknown');
    await page.goto(aeApp('/prospectFieldDefault/read/id/12'));
    await frame.getByText('(not mapped)').waitFor();
    await expect
      .poll(async () => (await storedSettings(fx.browser))[SECOND_BUSINESS_UNIT_ID]?.optedOutMapped)
      .toBe(false);
    await page.goto(aeApp('/prospect/read?id=2001'));
    await expect
      .poll(async () => (await frameOverlay.locator('[data-field="advice"]').first().textContent()) ?? '')
      .toContain('not mapped to the Salesforce field');
    await closePage(page);
  });
});

describe('a full-copy sandbox signed in beside production', () => {
  it('writes the org the prospect page links to, and leaves the full copy’s same record alone', async () => {
    await signIn(fx.browser.context, [FULL_COPY]);
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await optIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
    const id = pair(1001).record?.Id ?? '';
    expect(fx.sandbox.org.records.get(id)?.HasOptedOutOfEmail).toBe(false);
    expect(fx.sandbox.fullCopy.records.get(id)?.HasOptedOutOfEmail).toBe(true);
    expect(fx.sandbox.log.every((e) => !e.wrote || e.host !== new URL(FULL_COPY).hostname)).toBe(true);
    await closePage(page);
  });

  it('refuses to guess when the page shows only the record id and both orgs hold it', async () => {
    Object.assign(fx.sandbox.config, { aePageLayout: 'classic' });
    await signIn(fx.browser.context, [FULL_COPY]);
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).locator('[data-field="problem"]').innerText()).toContain('Salesforce org');
    expect(await overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(0);
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });
});

describe('the AE API', () => {
  it.each([3, 192] as const)(
    'takes a missing prospect answered with code %i as not found, writing nothing',
    async (code) => {
      Object.assign(fx.sandbox.config, {
        aeAcceptsSessionId: true,
        optedOutApiWrite: 'allowed',
        aeMissingProspectCode: code,
      });
      const record = pair(1001).record;
      if (record) record.pi__url__c = 'http://pi.pardot.com/prospect/read?id=999999';
      const page = await recordPage(1001);
      // The confirmation window reads the prospect afresh and says it is not there: nothing to confirm.
      const window = await openConfirmation(page);
      expect(await window.locator('[data-field="error"]').innerText()).toContain('was not found');
      expect(await window.locator('[data-action="confirm"]').count()).toBe(0);
      expect(await storedJobs(fx.browser)).toEqual([]);
      expect(productWrites(fx.org)).toEqual([]);
      await closePage(window);
      await closePage(page);
    },
  );

  it('does not take a lagging read after its write for a revert', async () => {
    Object.assign(fx.sandbox.config, { aeAcceptsSessionId: true, optedOutApiWrite: 'allowed', aeReadLagMs: 4_000 });
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await optIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 40_000 }).toBe('done');
    const [job] = await storedJobs(fx.browser);
    expect(job?.attempts).toHaveLength(1);
    expect(fx.sandbox.log.filter((e) => e.route === 'ae-api:PATCH' && e.wrote)).toHaveLength(1);
    await closePage(page);
  });
});
