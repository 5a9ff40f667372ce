/**
 * Real orgs, continued (each condition with its public evidence in test/sandbox/model.ts and
 * docs/account-engagement.md): prospects synced with person accounts, and orgs whose Salesforce
 * is reached through Microsoft Defender for Cloud Apps' session proxy.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUSINESS_ACCOUNT_ID } from '../sandbox/model';
import { FAST_SYNC, useOrg } from './fixture';
import {
  AE,
  closePage,
  connectOAuth,
  jobState,
  LIGHTNING,
  optIn,
  overlay,
  pairState,
  productWrites,
  SF,
  signIn,
} from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: FAST_SYNC, config: { personAccounts: true } });

const pair = (prospectId: number) => pairState(fx.org, prospectId);

/**
 * How an admin starts an opt-in from a page's overlay, in one place: where the confirmation moves
 * (an extension window rather than the overlay), only this changes.
 */
async function startOptIn(page: Page, reason: string): Promise<void> {
  await optIn(page, reason);
}

/**
 * The admin reaches Salesforce only through Defender for Cloud Apps' proxy: no session of the org's
 * own hosts (nor of another proxy suffix, from an earlier test) in the browser.
 */
async function signInOnlyThroughProxy(suffix: string): Promise<void> {
  await fx.browser.context.clearCookies();
  await signIn(fx.browser.context, [`${SF}${suffix}`, `${LIGHTNING}${suffix}`, AE]);
}

async function open(url: string): Promise<Page> {
  const page = await fx.browser.context.newPage();
  await page.goto(url);
  return page;
}

/** The REST writes the product sent to a person contact through Contact (Salesforce refuses them). */
const contactPatches = () =>
  fx.sandbox.log.filter((entry) => entry.route === 'sf-rest:PATCH' && entry.path?.includes('/sobjects/Contact/'));

/**
 * From a page whose overlay offers the opt-in: the admin opts prospect 1001 in, and both sides end
 * opted in, Email Opt Out written through the Account (as Salesforce documents person contacts'
 * fields to be written), never through Contact.
 */
async function optInThroughPersonAccount(page: Page, reason: string): Promise<void> {
  await startOptIn(page, reason);
  await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
  expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
  expect(productWrites(fx.org)).toEqual([
    { object: 'Account', fields: { PersonHasOptedOutOfEmail: false } },
    { object: 'Prospect', fields: { optedOut: false } },
  ]);
  expect(contactPatches()).toEqual([]);
}

/** The page's overlay comes to offer the opt-in (once it has read both sides). */
const offersOptIn = (page: Page) =>
  expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);

describe('a prospect synced with a person account', () => {
  it('is opted back in from the AE prospect page, Email Opt Out unchecked on the person account', async () => {
    fx.sandbox.makePersonAccount(1001);
    const page = await open(`${AE}/prospect/read?id=1001`);
    await offersOptIn(page);
    await optInThroughPersonAccount(page, 'asked by phone');
    // The connector's next sync leaves both sides as written.
    fx.sandbox.syncAll();
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    await closePage(page);
  });

  it('is opted back in from the person account’s Lightning page, which shows the overlay', async () => {
    const accountId = fx.sandbox.makePersonAccount(1001);
    const page = await open(`${LIGHTNING}/lightning/r/Account/${accountId}/view`);
    await offersOptIn(page);
    expect(await overlay(page).locator('[data-field="record"]').innerText()).toContain('Person account');
    await optInThroughPersonAccount(page, 'asked by email');
    await closePage(page);
  });

  it('shows the overlay on the person account’s Classic page too', async () => {
    const accountId = fx.sandbox.makePersonAccount(1001);
    const page = await open(`${SF}/${accountId.slice(0, 15)}`);
    await offersOptIn(page);
    await closePage(page);
  });
});

describe('a business Account page', () => {
  it('gets no overlay at all, once the extension has read that it is no person account', async () => {
    const page = await open(`${LIGHTNING}/lightning/r/Account/${BUSINESS_ACCOUNT_ID}/view`);
    await expect.poll(() => overlay(page).getAttribute('data-state')).toBe('hidden');
    expect(fx.sandbox.log.some((e) => e.route === 'sf-rest:GET' && e.path?.includes('/sobjects/Account/'))).toBe(true);
    expect(await overlay(page).locator('section').count()).toBe(0);
    expect(await overlay(page).evaluate((host) => host.getBoundingClientRect().height)).toBe(0);
    await closePage(page);
  });

  it('gets no overlay in an org without person accounts either', async () => {
    fx.sandbox.config.personAccounts = false;
    const page = await open(`${LIGHTNING}/lightning/r/Account/${BUSINESS_ACCOUNT_ID}/view`);
    await expect.poll(() => overlay(page).getAttribute('data-state')).toBe('hidden');
    expect(await overlay(page).locator('section').count()).toBe(0);
    await closePage(page);
  });
});

describe('Salesforce behind Microsoft Defender for Cloud Apps’ session proxy', () => {
  const signInThroughProxy = (suffix: string) => signInOnlyThroughProxy(suffix);
  const recordUrl = (suffix: string) => `${LIGHTNING}${suffix}/lightning/r/Contact/${pair(1001).record?.Id}/view`;
  const restWrites = () => fx.sandbox.log.filter((e) => e.route === 'sf-rest:PATCH' && e.wrote);

  it('says plainly that the proxy keeps the session, and opts in on the .mcas.ms page once OAuth is connected', async () => {
    fx.sandbox.config.defenderProxy = 'encrypted-session';
    await signInThroughProxy('.mcas.ms');
    const page = await open(recordUrl('.mcas.ms'));
    const problem = overlay(page).locator('[data-field="problem"]');
    await expect.poll(() => problem.innerText()).toContain('Defender for Cloud Apps');
    expect(await problem.innerText()).not.toContain('expired');
    // OAuth: the admin signs in at the org's login page in the authorization window.
    await signIn(fx.browser.context, [SF]);
    await connectOAuth(fx.browser);
    await fx.browser.context.clearCookies({ domain: new URL(SF).hostname });
    await page.reload();
    // The first status behind the proxy waits for the token and the person-account check.
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count(), { timeout: 15_000 }).toBe(1);
    await startOptIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    expect(restWrites().map((e) => e.auth)).toEqual(['access']);
    await closePage(page);
  });

  it('opts in through the proxy where the session it passes is valid there (a government cloud suffix)', async () => {
    fx.sandbox.config.defenderProxy = 'session-passed-through';
    await signInThroughProxy('.mcas-gov.us');
    const page = await open(recordUrl('.mcas-gov.us'));
    await offersOptIn(page);
    await startOptIn(page, 'asked by email');
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    // The browser session, which the browser holds only for the proxied hosts.
    expect(restWrites().map((e) => e.auth)).toEqual(['sid']);
    await closePage(page);
  });

  it('gets no page at all where the org is not behind the proxy', async () => {
    const page = await fx.browser.context.newPage();
    const response = await page.goto(recordUrl('.mcas.ms'));
    expect(response?.status()).toBe(404);
    await closePage(page);
  });
});

describe('“Check this org” explains each case it meets', () => {
  async function check(url: string) {
    const page = await fx.browser.context.newPage();
    await page.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
    await page.locator('[data-field="check-url"]').fill(url);
    await page.locator('[data-action="check-org"]').click();
    await page.locator('[data-field="checklist"]').waitFor({ timeout: 60_000 });
    const line = (id: string) => page.locator(`[data-check="${id}"]`);
    return {
      page,
      result: (id: string) => line(id).getAttribute('data-result'),
      text: (id: string) => line(id).innerText(),
    };
  }

  it('a person account: read and checked through its Account', async () => {
    const accountId = fx.sandbox.makePersonAccount(1001);
    const { page, result, text } = await check(`${LIGHTNING}/lightning/r/Account/${accountId}/view`);
    expect(await result('record')).toBe('passed');
    expect(await text('record')).toContain('person account');
    expect(await result('back-link')).toBe('passed');
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });

  it('a business account: nothing to opt in, said as such', async () => {
    const { page, result, text } = await check(`${LIGHTNING}/lightning/r/Account/${BUSINESS_ACCOUNT_ID}/view`);
    expect(await result('salesforce-rest')).toBe('passed');
    expect(await result('record')).toBe('failed');
    expect(await text('record')).toContain('business account');
    await closePage(page);
  });

  it('a page behind Defender for Cloud Apps: the proxy keeps the session, and what to do', async () => {
    fx.sandbox.config.defenderProxy = 'encrypted-session';
    await signInOnlyThroughProxy('.mcas.ms');
    const url = `${LIGHTNING}.mcas.ms/lightning/r/Contact/${pair(1001).record?.Id}/view`;
    const first = await check(url);
    expect(await first.result('salesforce-rest')).toBe('failed');
    expect(await first.text('salesforce-rest')).toContain('Defender for Cloud Apps');
    await closePage(first.page);
    await signIn(fx.browser.context, [SF]);
    await connectOAuth(fx.browser);
    await fx.browser.context.clearCookies({ domain: new URL(SF).hostname });
    const second = await check(url);
    expect(await second.result('salesforce-rest')).toBe('passed');
    expect(await second.text('salesforce-rest')).toContain('oauth, past Defender for Cloud Apps');
    await closePage(second.page);
  });
});
