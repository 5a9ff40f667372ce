/**
 * The coordinated opt-in, end to end: real Chromium, the built extension,
 * the sandbox's connector syncing every two seconds with a random phase.
 */
import { describe, expect, it } from 'vitest';
import { FAST_SYNC, useOrg } from './fixture';
import { AE, LIGHTNING, optIn, overlay, pairState, productWrites } from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: FAST_SYNC });

const pair = (prospectId: number) => pairState(fx.org, prospectId);

describe('opting a prospect back in with the overwrite option off', () => {
  it('leaves both sides unchecked after the sync, from the AE prospect page', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).getAttribute('data-state')).toBe('option-unknown');
    await optIn(page, 'asked by phone on 28 Nov');
    await expect.poll(() => overlay(page).getAttribute('data-job'), { timeout: 30_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    // Still unchecked after a further sync.
    fx.sandbox.syncAll();
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    // Only the two opt-out fields were ever written, and only to false.
    expect(productWrites(fx.org)).toEqual([
      { object: 'Contact', fields: { HasOptedOutOfEmail: false } },
      { object: 'Prospect', fields: { optedOut: false } },
    ]);
    await page.close();
  });

  it('where a one-sided uncheck is reverted by the next sync', async () => {
    const page = await fx.browser.context.newPage();
    // The connector's own timer stays out of this: the test runs the sync itself.
    for (const bu of fx.sandbox.org.businessUnits) bu.syncIntervalMs = 0;
    fx.sandbox.scheduleSyncs();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const step = { timeout: 10_000 };
    await page.getByRole('button', { name: 'Edit' }).click(step);
    await page.getByRole('button', { name: 'Additional fields' }).click(step);
    await page.getByLabel('Opted Out', { exact: true }).uncheck(step);
    await page.getByRole('button', { name: 'Save prospect' }).click(step);
    await page.waitForURL(/prospect\/read\?id=1001/, step);
    expect(pair(1001).aeOptedOut).toBe(false);
    fx.sandbox.syncAll();
    expect(pair(1001)).toMatchObject({ aeOptedOut: true, sfOptedOut: true });
    await page.close();
  });

  it('works from a Lightning Contact page too, opening the AE page in the background', async () => {
    const { record } = pair(1001);
    const aeTabs = () => fx.browser.context.pages().filter((p) => p.url().startsWith(AE)).length;
    const aeTabsBefore = aeTabs();
    const page = await fx.browser.context.newPage();
    await page.goto(`${LIGHTNING}/lightning/r/Contact/${record?.Id}/view`);
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);
    await optIn(page, 'asked by email');
    await expect.poll(() => overlay(page).getAttribute('data-job'), { timeout: 30_000 }).toBe('done');
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    // The background tab it opened is closed again.
    await expect.poll(aeTabs).toBe(aeTabsBefore);
    await page.close();
  });
});
