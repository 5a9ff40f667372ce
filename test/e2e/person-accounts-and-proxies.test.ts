/**
 * Real orgs, continued (each condition with its public evidence in test/sandbox/model.ts and
 * docs/account-engagement.md): prospects synced with person accounts, and orgs whose Salesforce
 * is reached through Microsoft Defender for Cloud Apps' session proxy.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUSINESS_ACCOUNT_ID } from '../sandbox/model';
import { STEADY_SYNC, useOrg } from './fixture';
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

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC, config: { personAccounts: true } });

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
  // Account Engagement too: the proxy suffixes the hosts a proxied Salesforce leads to (sandbox default).
  await signIn(fx.browser.context, [`${SF}${suffix}`, `${LIGHTNING}${suffix}`, `${AE}${suffix}`]);
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

describe('Account Engagement behind Defender for Cloud Apps’ session proxy', () => {
  const aePage = (suffix: string, prospectId: number) => `${AE}${suffix}/prospect/read?id=${prospectId}`;
  /** The prospect pages loaded through the proxy, by the host asked for. */
  const aeHostsLoaded = () =>
    fx.sandbox.log
      .filter((e) => e.kind === 'proxy' && e.method === 'GET' && e.path === '/prospect/read')
      .map((e) => e.host);

  it('shows the overlay on a proxied prospect page, and an opt-in started there is verified on both sides', async () => {
    fx.sandbox.config.defenderProxy = 'session-passed-through';
    await signInOnlyThroughProxy('.mcas.ms');
    const page = await open(aePage('.mcas.ms', 1001));
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);
    // The page is AE's prospect 1001, paired with its Contact through the proxied link.
    await expect.poll(() => overlay(page).locator('[data-field="hasOptedOutOfEmail"]').textContent()).toBe('Yes');
    await startOptIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    fx.sandbox.syncAll();
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    expect(productWrites(fx.org)).toEqual([
      { object: 'Contact', fields: { HasOptedOutOfEmail: false } },
      { object: 'Prospect', fields: { optedOut: false } },
    ]);
    await closePage(page);
  });

  it('pairs the prospect the proxied Lightning app frames, behind the same proxy', async () => {
    fx.sandbox.config.defenderProxy = 'encrypted-session';
    await signInOnlyThroughProxy('.mcas.ms');
    await signIn(fx.browser.context, [SF]);
    await connectOAuth(fx.browser);
    await fx.browser.context.clearCookies({ domain: new URL(SF).hostname });
    const path = encodeURIComponent('/prospect/read?id=1001');
    const page = await open(`${LIGHTNING}.mcas.ms/lightning/page/pardot/prospect?pardot__path=${path}`);
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(aePage('.mcas.ms', 1001)))).toBe(true);
    const frame = page.frameLocator('iframe[title="Account Engagement"]');
    await expect
      .poll(() => frame.locator('[data-optout-sync-guard="overlay"] [data-field="hasOptedOutOfEmail"]').textContent(), {
        timeout: 15_000,
      })
      .toBe('Yes');
    expect(await frame.locator('[data-optout-sync-guard="overlay"] [data-action="opt-in-both"]').count()).toBe(1);
    await closePage(page);
  });

  it('refuses a prospect whose record names another prospect, as it does without the proxy', async () => {
    fx.sandbox.config.defenderProxy = 'session-passed-through';
    await signInOnlyThroughProxy('.mcas.ms');
    await signIn(fx.browser.context, [SF, LIGHTNING, AE]);
    const record = pair(1001).record;
    if (!record) throw new Error('seed changed');
    record.pi__url__c = 'http://pi.pardot.com/prospect/read?id=1002';
    const problems: string[] = [];
    for (const url of [aePage('', 1001), aePage('.mcas.ms', 1001)]) {
      const page = await open(url);
      const problem = overlay(page).locator('[data-field="problem"]');
      await expect.poll(() => problem.count(), { timeout: 15_000 }).toBe(1);
      problems.push(await problem.innerText());
      expect(await overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(0);
      await closePage(page);
    }
    expect(problems[1]).toBe(problems[0]);
    expect(productWrites(fx.org)).toEqual([]);
  });

  it('opens the job’s own AE page behind the proxy the admin came through', async () => {
    fx.sandbox.config.defenderProxy = 'session-passed-through';
    await signInOnlyThroughProxy('.mcas-gov.us');
    const page = await open(aePage('.mcas-gov.us', 1001));
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);
    const before = aeHostsLoaded().length;
    await startOptIn(page, 'asked by email');
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    // The worker read and wrote the prospect on pages it opened behind the proxy (the admin is signed in
    // to AE nowhere else, so a page at AE's own host would have shown its sign-in form).
    const loaded = aeHostsLoaded().slice(before);
    expect(loaded.length).toBeGreaterThan(0);
    expect(new Set(loaded)).toEqual(new Set(['pi.pardot.com.mcas-gov.us']));
    await closePage(page);
  });
});

describe('Account Engagement where the proxy lets it pass (sandbox switch aeBehindDefenderProxy off)', () => {
  it('opts in from a proxied Salesforce page, the job’s AE page opened at AE’s own host', async () => {
    fx.sandbox.config.defenderProxy = 'session-passed-through';
    fx.sandbox.config.aeBehindDefenderProxy = false;
    await fx.browser.context.clearCookies();
    await signIn(fx.browser.context, [`${SF}.mcas.ms`, `${LIGHTNING}.mcas.ms`, AE]);
    const page = await open(`${LIGHTNING}.mcas.ms/lightning/r/Contact/${pair(1001).record?.Id}/view`);
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);
    await startOptIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 45_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    expect(productWrites(fx.org)).toContainEqual({ object: 'Prospect', fields: { optedOut: false } });
    // Saved on the prospect page at AE's own host, not in the Lightning app's frame.
    const aeWrites = fx.sandbox.log.filter((e) => e.wrote?.object === 'Prospect');
    expect(aeWrites.length).toBeGreaterThan(0);
    expect(aeWrites.filter((e) => e.framed)).toEqual([]);
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

  it('a prospect page behind Defender for Cloud Apps: checked there, known by AE’s own host', async () => {
    fx.sandbox.config.defenderProxy = 'session-passed-through';
    await signInOnlyThroughProxy('.mcas.ms');
    const { page, result } = await check(`${AE}.mcas.ms/prospect/read?id=1001`);
    expect(await result('ae-page')).toBe('passed');
    expect(await result('salesforce-rest')).toBe('passed');
    // The record's back-link names the prospect at pi.pardot.com: the same prospect.
    expect(await result('back-link')).toBe('passed');
    expect(await result('ae-form')).toBe('passed');
    await closePage(page);
  });

  it('an AE page opening neither behind the proxy nor at AE’s own host: said plainly', async () => {
    fx.sandbox.config.defenderProxy = 'session-passed-through';
    fx.sandbox.config.aeBehindDefenderProxy = false;
    await fx.browser.context.clearCookies();
    // Salesforce through the proxy only (no Lightning host to open the AE app in), AE nowhere.
    await signIn(fx.browser.context, [`${SF}.mcas.ms`]);
    const { page, result, text } = await check(`${SF}.mcas.ms/${pair(1001).record?.Id?.slice(0, 15)}`);
    expect(await result('salesforce-rest')).toBe('passed');
    expect(await result('ae-page')).toBe('failed');
    expect(await text('ae-page')).toContain('neither through Microsoft Defender for Cloud Apps');
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });
});
