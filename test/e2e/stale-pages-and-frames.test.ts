/**
 * What a security and reliability reading found, each as the admin would meet
 * it: an AE page framed by another site, a form left open or out of date, a
 * confirmation whose pair changed before it was sent, and a confirmation sent
 * long after the page loaded.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AE_LAYOUTS, STEADY_SYNC, useOrg } from './fixture';
import {
  AE,
  auditLog,
  closePage,
  configureExtension,
  confirmIn,
  formPosts,
  jobState,
  liveWorker,
  openConfirmation,
  openProspect as openProspectPage,
  openRecord,
  optIn,
  overlay,
  pairState,
  productWrites,
  stopServiceWorker,
  storedJobs,
} from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC });

const audit = () => auditLog(fx.browser);
const openProspect = (prospectId = 1001) => openProspectPage(fx.browser, prospectId);
const openContact = (prospectId = 1001) => openRecord(fx.browser, fx.org, prospectId);

/**
 * The admin's own tab with prospect 1001's edit form open, in the org's page layout (its Edit is a
 * button on the classic page, a link on the Mailability one), ready to type in.
 */
async function openFormInTab(): Promise<Page> {
  const aePage = await fx.browser.context.newPage();
  await aePage.goto(`${AE}/prospect/read?id=1001`);
  await aePage
    .getByRole(fx.sandbox.config.aePageLayout === 'classic' ? 'button' : 'link', { name: 'Edit', exact: true })
    .click();
  await aePage.getByLabel('Job Title', { exact: true }).waitFor();
  return aePage;
}

/**
 * Chrome stops the worker while the form is open (the page agents it knew go with it); an opt-in
 * from the Contact page is then refused for the open form, with nothing written on either side.
 */
async function refusedAfterWorkerStop(): Promise<Page> {
  await stopServiceWorker(fx.browser);
  const contact = await openContact();
  await optIn(contact, 'asked by phone');
  await expect
    .poll(() => overlay(contact).locator('[data-field="job"], .confirm [role="alert"]').first().innerText(), {
      timeout: 30_000,
    })
    .toContain('edit form is open in another tab');
  expect(productWrites(fx.org)).toEqual([]);
  return contact;
}

describe('an AE prospect page framed by a site outside Salesforce', () => {
  it('gets no overlay and no page agent, and says why in the timeline', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`https://localhost:${fx.org.port}/__sandbox/other-site?prospectId=1001`);
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${AE}/prospect/read`))).toBe(true);
    const framed = page.frames().find((f) => f.url().startsWith(`${AE}/prospect/read`));
    if (!framed) throw new Error('the AE frame did not load');
    // The content script decides before anything is drawn: it marks the decision or shows the overlay.
    const decided = await framed.waitForFunction(
      () =>
        performance.getEntriesByName('optout-sync-guard:framed-by-another-site').length > 0
          ? 'declined'
          : document.querySelector('[data-optout-sync-guard]')
            ? 'overlay'
            : false,
      undefined,
      { timeout: 15_000, polling: 50 },
    );
    expect(await decided.jsonValue()).toBe('declined');
    expect(await framed.locator('[data-optout-sync-guard]').count()).toBe(0);
    // The same page framed by the Account Engagement Lightning app does get the overlay (foundation.test.ts).
    await closePage(page);
  });
});

describe.each(AE_LAYOUTS)('the page writer never posts an old or half-edited form (%s)', (_name, layout) => {
  it('writes from a freshly loaded page, keeping a change made after the admin’s page loaded', async () => {
    Object.assign(fx.sandbox.config, layout);
    const page = await openProspect();
    // Salesforce synced a new job title after the admin's page loaded: the page on screen is out of date.
    const prospect = fx.sandbox.org.prospects.get(1001);
    if (!prospect) throw new Error('seed changed');
    prospect.jobTitle = 'Head of Purchasing';
    await optIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 40_000 }).toBe('done');
    expect(prospect.jobTitle).toBe('Head of Purchasing');
    const writes = productWrites(fx.org);
    expect(writes.length).toBeGreaterThan(0);
    for (const write of writes) expect(Object.values(write.fields ?? {})).toEqual([false]);
    // Where the page saves a form, the form posted is the one drawn after the change.
    const posts = formPosts(fx.org);
    if (layout.aePageLayout === 'classic' && layout.aeOptInLink) expect(posts).toEqual([]);
    else {
      expect(posts.length).toBeGreaterThan(0);
      for (const post of posts) expect(post.posted.job_title).toBe('Head of Purchasing');
    }
    await closePage(page);
  });

  it('refuses while the admin has the prospect’s edit form open with unsaved changes', async () => {
    Object.assign(fx.sandbox.config, layout);
    const aePage = await openFormInTab();
    await aePage.getByLabel('Job Title', { exact: true }).fill('Typed, not saved');
    const contact = await openContact();
    await optIn(contact, 'asked by phone');
    await expect
      .poll(() => overlay(contact).locator('[data-field="job"]').first().innerText(), {
        timeout: 30_000,
      })
      .toContain('edit form is open in another tab');
    expect(productWrites(fx.org)).toEqual([]);
    expect(pairState(fx.org, 1001)).toMatchObject({ aeOptedOut: true, sfOptedOut: true });
    // The admin's typing is still there, unsaved.
    expect(await aePage.getByLabel('Job Title', { exact: true }).inputValue()).toBe('Typed, not saved');
    await aePage.close();
    await closePage(contact);
  });

  it('refuses while an edit form opened before the service worker stopped is still open, even unedited', async () => {
    Object.assign(fx.sandbox.config, layout);
    const aePage = await openFormInTab();
    const contact = await refusedAfterWorkerStop();
    expect(formPosts(fx.org)).toEqual([]);
    expect(pairState(fx.org, 1001)).toMatchObject({ aeOptedOut: true, sfOptedOut: true });
    await aePage.close();
    await closePage(contact);
  });
});

/**
 * A Save that posts nothing: in every AE page, a form's submission is swallowed (its submit event
 * cancelled, `form.submit()` a no-op), as a page script or an extension of the admin's could.
 */
let swallowing = false;
async function swallowSaves(page: Page) {
  if (!swallowing) {
    swallowing = true;
    await page.context().addInitScript(() => {
      if (location.hostname !== 'pi.pardot.com' || !localStorage.getItem('test:swallow-saves')) return;
      addEventListener('submit', (event) => event.preventDefault(), true);
      HTMLFormElement.prototype.submit = () => undefined;
    });
  }
  await page.evaluate(() => localStorage.setItem('test:swallow-saves', '1'));
}

// The two ways a page saves (a form post, the classic page's "Opt In" link): the classic edit form
// posts like the Mailability one. Each run waits out the page-load bound, so not all three.
const SAVE_WAYS = AE_LAYOUTS.filter(([, layout]) => layout.aePageLayout !== 'classic' || layout.aeOptInLink);
describe.each(SAVE_WAYS)('a Save that never happened (%s)', (_name, layout) => {
  it('is not recorded as written: only a new load of the page showing Opted Out unchecked confirms it', async () => {
    Object.assign(fx.sandbox.config, layout);
    // The sandbox's pages load and save in about a second, in the writer's minimized window too, on the
    // loaded team machine: the page that never comes is given 5 s, the shortest an admin can set in the
    // options page, not the 30 s a fresh install gives AE's slower pages.
    await configureExtension(fx.browser, { pageLoadSeconds: 5 });
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await swallowSaves(page);
    try {
      const contact = await openContact();
      await optIn(contact, 'asked by phone');
      const aeWrite = async () => (await storedJobs(fx.browser))[0]?.attempts[0]?.writes.ae;
      await expect.poll(async () => (await aeWrite())?.ok, { timeout: 90_000, interval: 500 }).toBeDefined();
      expect(await aeWrite()).toMatchObject({ ok: false, error: 'save-not-confirmed' });
      expect(formPosts(fx.org)).toEqual([]);
      expect(pairState(fx.org, 1001).aeOptedOut).toBe(true);
      // Saves go through again: the job's next attempt writes and ends, before the next test.
      await page.evaluate(() => localStorage.removeItem('test:swallow-saves'));
      await expect.poll(() => jobState(contact), { timeout: 90_000 }).toMatch(/^(done|failed)$/);
      await closePage(contact);
    } finally {
      await page.evaluate(() => localStorage.removeItem('test:swallow-saves'));
      await closePage(page);
    }
  }, 240_000);
});

describe('the AE API writer', () => {
  it('refuses too while the prospect’s edit form is open in a tab, writing nothing by API', async () => {
    Object.assign(fx.sandbox.config, { aeAcceptsSessionId: true, optedOutApiWrite: 'allowed' });
    const aePage = await openFormInTab();
    const contact = await refusedAfterWorkerStop();
    expect(fx.sandbox.log.filter((e) => e.route === 'ae-api:PATCH')).toEqual([]);
    await aePage.close();
    await closePage(contact);
  });
});

describe('the confirmation is bound to what the admin saw', () => {
  it('refuses when the record’s email changed after the window showed it, writing nothing', async () => {
    const record = pairState(fx.org, 1001).record;
    if (!record?.Email) throw new Error('seed changed');
    const seen = record.Email;
    const page = await openContact();
    const window = await openConfirmation(page);
    // The window asks about the address the worker read when it opened…
    expect(await window.locator('h1').innerText()).toContain(seen);
    record.Email = 'someone.else@example.com';
    await confirmIn(window, 'asked by phone');
    // …and the job, bound to that address, finds the pair is no longer that.
    await expect
      .poll(() => overlay(page).locator('[data-field="job"]').innerText(), { timeout: 20_000 })
      .toContain('no longer match what you confirmed');
    expect(productWrites(fx.org)).toEqual([]);
    expect(await audit()).toEqual([
      expect.objectContaining({ outcome: 'failed', error: 'link-mismatch', written: [] }),
    ]);
    await closePage(page);
  });

  it('refuses a Salesforce record whose email address was emptied', async () => {
    const record = pairState(fx.org, 1001).record;
    if (!record) throw new Error('seed changed');
    const page = await openContact();
    const window = await openConfirmation(page);
    record.Email = null;
    await confirmIn(window, 'asked by phone');
    await expect
      .poll(() => overlay(page).locator('[data-field="job"], [data-field="status"]').first().innerText(), {
        timeout: 20_000,
      })
      .toMatch(/no longer match what you confirmed/);
    expect(productWrites(fx.org)).toEqual([]);
    expect(pairState(fx.org, 1001)).toMatchObject({ aeOptedOut: true, sfOptedOut: true });
    await closePage(page);
  });

  it('shows no window for an emptied Salesforce email: nothing could be confirmed', async () => {
    const record = pairState(fx.org, 1001).record;
    if (!record) throw new Error('seed changed');
    const page = await openContact();
    record.Email = null;
    const window = await openConfirmation(page);
    expect(await window.locator('[data-field="error"]').innerText()).toMatch(/no longer match what you confirmed/);
    expect(await window.locator('[data-action="confirm"]').count()).toBe(0);
    await closePage(window);
    await closePage(page);
  });
});

describe('a confirmation long after the page loaded', () => {
  it('shows the pair as read when the window opens, and the opt-in goes through', async () => {
    // Every wait of this job fits a timer in the worker (at most 3 s), so moving its clock is safe.
    await configureExtension(fx.browser, { marginSeconds: 0 });
    const page = await openProspect();
    // Six minutes pass for the worker (its clock, not the page's) before the admin asks.
    await (await liveWorker(fx.browser)).evaluate(() => {
      const realNow = Date.now.bind(Date);
      Date.now = () => realNow() + 6 * 60_000;
    });
    await optIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 40_000 }).toBe('done');
    expect(pairState(fx.org, 1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    expect((await audit()).map((entry) => entry.outcome)).toEqual(['done']);
    await closePage(page);
  });
});
