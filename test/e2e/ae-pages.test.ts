/**
 * Account Engagement pages the extension cannot fully work with: a role
 * without "Update Opted Out Field", and a page whose controls it does not
 * know (as a future redesign would be). It must say precisely what it could
 * not find, offer the page outline for a bug report, and write nothing on
 * either side.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AE_LAYOUTS, STEADY_SYNC, useOrg } from './fixture';
import { AE, closePage, optIn, overlay, productWrites, storedJobs } from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC });

const jobText = (page: Page) => overlay(page).locator('[data-field="job"]').innerText();

describe.each(AE_LAYOUTS)('on the %s', (_name, layout) => {
  it('explains that the admin’s role cannot change Opted Out, and writes nothing on either side', async () => {
    Object.assign(fx.sandbox.config, layout, { aeUserCanEditOptedOut: false });
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await optIn(page, 'asked by phone');
    await expect.poll(() => overlay(page).getAttribute('data-job'), { timeout: 30_000 }).toBe('failed');
    expect(await jobText(page)).toContain('“Update Opted Out Field”');
    expect(await jobText(page)).toContain('User Management > Roles');
    expect(await overlay(page).locator('[data-field="written"]').innerText()).toContain('Nothing was written');
    // The page was as expected: nothing to report, so no page outline is offered.
    expect(await overlay(page).locator('[data-action="copy-outline"]').count()).toBe(0);
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });
});

/**
 * A redesigned page: in every AE page (the job's own background tab included), the test renames the
 * prospect form's Save button, or the Opted Out label, to words the extension has never seen.
 */
let installed = false;
async function redesign(page: Page, what: 'save' | 'opted-out') {
  if (!installed) {
    installed = true;
    await page.context().addInitScript(() => {
      const change = location.hostname === 'pi.pardot.com' ? localStorage.getItem('test:redesign') : null;
      if (!change) return;
      const rename = () => {
        if (change === 'save') {
          for (const save of document.querySelectorAll<HTMLElement>('#saveProspectButton, button[type="submit"]')) {
            save.removeAttribute('id');
            if (save instanceof HTMLInputElement) save.value = 'Update record';
            else save.textContent = 'Update record';
          }
        } else {
          for (const label of document.querySelectorAll('td.label, th, label')) {
            if (label.textContent?.trim() === 'Opted Out') label.textContent = 'Unsubscribed';
          }
        }
      };
      new MutationObserver(rename).observe(document, { subtree: true, childList: true });
    });
  }
  await page.evaluate((change) => localStorage.setItem('test:redesign', change), what);
}

describe('a page whose controls the extension does not know', () => {
  it('stops before saving, names the control it could not find, offers the outline, and writes nothing', async () => {
    const page = await fx.browser.context.newPage();
    await fx.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: AE });
    await page.goto(`${AE}/prospect/read?id=1001`);
    await redesign(page, 'save');
    try {
      await optIn(page, 'asked by phone');
      await expect.poll(() => overlay(page).getAttribute('data-job'), { timeout: 30_000 }).toBe('failed');
      const missing = overlay(page).locator('[data-field="missing"]').last();
      expect(await missing.innerText()).toContain(
        'Could not find on this Account Engagement page: the Save prospect button',
      );
      // The job kept no outline of its own tab's page: the admin opens the form on their page (loaded
      // again, so it is redesigned too) and copies that.
      expect(JSON.stringify(await storedJobs(fx.browser))).not.toContain('outline');
      await page.reload();
      await expect.poll(() => missing.innerText(), { timeout: 30_000 }).toContain('the Save prospect button');
      await page.getByRole('link', { name: 'Edit', exact: true }).click();
      await page.getByLabel('Job Title', { exact: true }).waitFor();
      await missing.locator('[data-action="copy-outline"]').click();
      await missing.getByRole('status').waitFor();
      const outline = await page.evaluate(() => navigator.clipboard.readText());
      expect(outline).toContain('"Update record"');
      expect(outline).toContain('select#default_field_#');
      expect(outline).not.toContain('aiko.tanaka@sandbox.example');
      expect(outline).not.toContain('Tanaka');
      expect(productWrites(fx.org)).toEqual([]);
    } finally {
      await page.evaluate(() => localStorage.removeItem('test:redesign'));
      await closePage(page);
    }
  });

  it('says what it could not read on a prospect page it cannot read, and offers no opt-in', async () => {
    const page = await fx.browser.context.newPage();
    await fx.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: AE });
    await page.goto(`${AE}/prospect/read?id=1001`);
    await redesign(page, 'opted-out');
    try {
      await page.reload();
      const missing = overlay(page).locator('[data-field="missing"]');
      await expect.poll(() => missing.innerText()).toContain('the Opted Out value or control');
      await missing.locator('[data-action="copy-outline"]').click();
      await missing.getByRole('status').waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('td.label "Unsubscribed"');
      expect(await overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(0);
      expect(productWrites(fx.org)).toEqual([]);
    } finally {
      await page.evaluate(() => localStorage.removeItem('test:redesign'));
      await closePage(page);
    }
  });
});
