import { describe, expect, it } from 'vitest';
import { useOrg } from './fixture';
import { AE, closePage, LIGHTNING, overlay } from './harness';

const fx = useOrg({ reset: 'once' });

describe('the extension loaded in Chromium', () => {
  it('shows its overlay on an Account Engagement prospect page, and the worker answers it', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).count()).toBe(1);
    await expect.poll(() => overlay(page).locator('[data-field="record"]').textContent()).toContain('1001');
    // The worker answered with both sides: the AE page's own values and the Contact read over REST.
    await expect.poll(() => overlay(page).locator('[data-field="optedOut"]').textContent()).toBe('Yes');
    await expect.poll(() => overlay(page).locator('[data-field="hasOptedOutOfEmail"]').textContent()).toBe('Yes');
    await closePage(page);
  });

  it('shows its overlay on a Lightning Contact page with the 18-character id', async () => {
    const contact = [...fx.sandbox.org.records.values()].find((r) => r.object === 'Contact');
    if (!contact) throw new Error('the sandbox has no Contact');
    const page = await fx.browser.context.newPage();
    await page.goto(`${LIGHTNING}/lightning/r/Contact/${contact.Id.slice(0, 15)}/view`);
    await expect.poll(() => overlay(page).locator('[data-field="record"]').textContent()).toContain(contact.Id);
    await expect.poll(() => overlay(page).locator('[data-field="hasOptedOutOfEmail"]').textContent()).toBe('Yes');
    await closePage(page);
  });

  it('shows its overlay inside the AE frame of the Account Engagement Lightning app', async () => {
    const page = await fx.browser.context.newPage();
    const path = encodeURIComponent('/prospect/read?id=1001');
    await page.goto(`${LIGHTNING}/lightning/page/pardot/prospect?pardot__path=${path}`);
    const frame = page.frameLocator('iframe[title="Account Engagement"]');
    await expect
      .poll(() => frame.locator('[data-optout-sync-guard="overlay"] [data-field="record"]').textContent())
      .toContain('1001');
    // The worker answered the framed page: Email Opt Out is only known from Salesforce REST.
    await expect
      .poll(() => frame.locator('[data-optout-sync-guard="overlay"] [data-field="hasOptedOutOfEmail"]').textContent())
      .toBe('Yes');
    expect(await overlay(page).count()).toBe(0);
    await closePage(page);
  });

  it('adds nothing to an unrelated Salesforce page, until Lightning navigates in place to a record', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${LIGHTNING}/lightning/page/home`);
    await page.locator('#recent a').first().waitFor();
    // The content script has run (its start mark is in the page's timeline) and, on a page of
    // another path, loaded nothing that could add anything.
    await page.waitForFunction(() => performance.getEntriesByName('optout-sync-guard:start').length > 0);
    expect(await overlay(page).count()).toBe(0);
    await page.locator('#recent a').first().click();
    await expect.poll(() => overlay(page).count()).toBe(1);
    await page.locator('a[href="/lightning/page/home"]').click();
    await expect.poll(() => overlay(page).count()).toBe(0);
    await closePage(page);
  });
});
