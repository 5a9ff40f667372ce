/**
 * The coordinated opt-in, end to end: real Chromium, the built extension,
 * the sandbox's connector syncing every two seconds with a random phase, on
 * each Account Engagement page layout public evidence shows.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { AE_LAYOUTS, STEADY_SYNC, useOrg } from './fixture';
import {
  AE,
  closePage,
  formPosts,
  LIGHTNING,
  liveWorker,
  optIn,
  overlay,
  pairState,
  productWrites,
  storedJobs,
  uncheckOnAePage,
} from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC });

const pair = (prospectId: number) => pairState(fx.org, prospectId);

describe.each(AE_LAYOUTS)('opting a prospect back in with the overwrite option off, %s', (_name, layout) => {
  beforeEach(() => {
    Object.assign(fx.sandbox.config, layout);
  });

  it('leaves both sides unchecked after the sync, from the AE prospect page, writing nothing else', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).getAttribute('data-state')).toBe('option-unknown');
    const before = { ...fx.sandbox.org.prospects.get(1001) };
    await optIn(page, 'asked by phone on 28 Nov');
    await expect.poll(() => overlay(page).getAttribute('data-job'), { timeout: 30_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    // Still unchecked after a further sync.
    fx.sandbox.syncAll();
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    // Only the two opt-out fields were ever changed, and only to false; once each, unless the job says why it wrote again.
    const [job] = await storedJobs(fx.browser);
    expect(productWrites(fx.org), JSON.stringify(job?.attempts)).toEqual([
      { object: 'Contact', fields: { HasOptedOutOfEmail: false } },
      { object: 'Prospect', fields: { optedOut: false } },
    ]);
    // A Save posts the whole form: exactly what the freshly loaded form held, but Opted Out.
    for (const { rendered, posted } of formPosts(fx.org)) {
      const optedOutField = Object.keys(rendered ?? {}).find(
        (name) => /^(opted_out|default_field_\d+)$/.test(name) && rendered?.[name] !== posted[name],
      );
      expect(optedOutField, 'the form changed Opted Out').toBeTruthy();
      const { [optedOutField as string]: _changed, ...rest } = rendered ?? {};
      const { [optedOutField as string]: _posted, ...postedRest } = posted;
      expect(postedRest).toEqual(rest);
    }
    expect(fx.sandbox.org.prospects.get(1001)).toMatchObject({
      email: before.email,
      firstName: before.firstName,
      lastName: before.lastName,
      company: before.company,
      jobTitle: before.jobTitle,
      isDoNotEmail: before.isDoNotEmail,
    });
    await closePage(page);
  });

  it('where a one-sided uncheck by hand is reverted by the next sync', async () => {
    const page = await fx.browser.context.newPage();
    // The connector's own timer stays out of this: the test runs the sync itself.
    for (const bu of fx.sandbox.org.businessUnits) bu.syncIntervalMs = 0;
    fx.sandbox.scheduleSyncs();
    await page.goto(`${AE}/prospect/read?id=1001`);
    if (layout.aeOptInLink) await page.getByRole('link', { name: 'Opt In', exact: true }).click();
    else await uncheckOnAePage(page, fx.org);
    await expect.poll(() => pair(1001).aeOptedOut).toBe(false);
    fx.sandbox.syncAll();
    expect(pair(1001)).toMatchObject({ aeOptedOut: true, sfOptedOut: true });
    await closePage(page);
  });

  it("works from a Lightning Contact page too, writing the AE page in a tab it closes, in a window other than the admin's", async () => {
    const { record } = pair(1001);
    const aeTabs = () => fx.browser.context.pages().filter((p) => p.url().startsWith(AE)).length;
    const aeTabsBefore = aeTabs();
    const page = await fx.browser.context.newPage();
    await page.goto(`${LIGHTNING}/lightning/r/Contact/${record?.Id}/view`);
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);
    const worker = await liveWorker(fx.browser);
    const tabs = () =>
      worker.evaluate(async () =>
        (await chrome.tabs.query({})).map((tab) => ({ windowId: tab.windowId, url: tab.pendingUrl || tab.url || '' })),
      );
    const adminWindow = (await tabs()).find((tab) => tab.url.startsWith(LIGHTNING))?.windowId;
    await optIn(page, 'asked by email');
    const writerWindows = new Set<number>();
    let mostAtOnce = 0;
    while ((await overlay(page).getAttribute('data-job')) !== 'done') {
      const now = new Set((await tabs()).filter((tab) => tab.url.startsWith(AE)).map((tab) => tab.windowId));
      for (const id of now) writerWindows.add(id);
      mostAtOnce = Math.max(mostAtOnce, now.size);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A single opt-in's page is written in the extension's own window: no tab flashes among the admin's.
    // (The window closes with its tab while the job waits for the sync; the verification opens another.)
    expect(writerWindows.size).toBeGreaterThanOrEqual(1);
    expect(mostAtOnce).toBe(1);
    expect(writerWindows.has(adminWindow as number)).toBe(false);
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    expect(fx.sandbox.log.some((e) => e.route === 'ae-page:POST' && e.changed?.optedOut === false)).toBe(true);
    await expect.poll(aeTabs).toBe(aeTabsBefore);
    await closePage(page);
  });
});
