/** What the overlay tells the admin, on every page family, from what the extension read. */
import { describe, expect, it } from 'vitest';
import { useOrg } from './fixture';
import { AE, closePage, LIGHTNING, overlay, productWrites, readSettingsPage, SF, storedSettings } from './harness';

const fx = useOrg();

const text = (page: import('playwright-core').Page, field: string) =>
  overlay(page).locator(`[data-field="${field}"]`).first().innerText();
/** The advice, folded behind "Why?" while the opt-in button is on the panel: its text, open or not. */
const advice = async (page: import('playwright-core').Page) =>
  (await overlay(page).locator('[data-field="advice"]').first().textContent()) ?? '';
const recordOf = (prospectId: number) => {
  const prospect = fx.sandbox.org.prospects.get(prospectId);
  return fx.sandbox.org.records.get(prospect?.salesforceContactId ?? prospect?.salesforceLeadId ?? '');
};

describe('the connector option, read from the settings pages', () => {
  it('is unknown until read, then off, then on after the admin saves it, with the advice following', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).getAttribute('data-state')).toBe('option-unknown');

    // A settings page's address may carry a session id in its query: only origin and path are kept.
    await readSettingsPage(fx.browser, `${AE}/connector/edit/id/1?sessionid=00D5g000004SbOx!secret`, (all) =>
      Object.values(all).some((s) => s.overwriteOptedOut === 'off'),
    );
    const kept = JSON.stringify(await storedSettings(fx.browser));
    expect(kept).toContain(`"url":"${AE}/connector/edit/id/1"`);
    expect(kept).not.toContain('secret');
    await page.reload();
    await expect.poll(() => overlay(page).getAttribute('data-state')).toBe('option-off');
    await expect.poll(() => advice(page)).toContain('is off for this business unit');

    await page.goto(`${AE}/connector/edit/id/1`);
    await page.getByLabel('Overwrite Prospect Opted Out field').check();
    await page.getByRole('button', { name: 'Save connector' }).click();
    await page.waitForURL(/connector\/read/);
    await readSettingsPage(fx.browser, `${AE}/prospectFieldDefault/read/id/12`, (all) =>
      Object.values(all).some((s) => s.overwriteOptedOut === 'on' && s.optedOutSyncBehavior !== null),
    );
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).getAttribute('data-state')).toBe('option-on');
    await expect.poll(() => advice(page)).toContain('unchecking either side is enough');
    await closePage(page);
  });
});

describe('pairs the admin meets', () => {
  it('says plainly that a prospect with no Salesforce record has nothing to sync, and offers no button', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1005`);
    await expect.poll(() => overlay(page).getAttribute('data-state')).toBe('not-linked');
    expect(await text(page, 'link')).toContain('not linked to a Salesforce Lead or Contact');
    expect(await overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(0);
    await closePage(page);
  });

  it('explains that Do Not Email and a hard bounce keep the prospect unmailable', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1004`);
    await expect.poll(() => overlay(page).locator('[data-field="unmailable"]').count()).toBe(2);
    const notes = await overlay(page).locator('[data-field="unmailable"]').allInnerTexts();
    expect(notes.join(' ')).toContain('Do Not Email is checked');
    expect(notes.join(' ')).toContain('hard bounced');
    await closePage(page);
  });

  it('follows Lightning from a Contact to a Lead without reloading, keeping one overlay', async () => {
    const contact = recordOf(1001);
    const lead = recordOf(1003);
    const page = await fx.browser.context.newPage();
    await page.goto(`${LIGHTNING}/lightning/r/Contact/${contact?.Id}/view`);
    await expect.poll(() => text(page, 'record')).toContain(contact?.Id ?? '?');
    await expect.poll(() => text(page, 'hasOptedOutOfEmail')).toBe('Yes');
    await page.getByRole('link', { name: 'Chie Sato' }).click();
    await expect.poll(() => text(page, 'record')).toContain(lead?.Id ?? '?');
    await expect.poll(() => overlay(page).locator('[data-side="salesforce"] dt').innerText()).toContain('Lead');
    expect(await overlay(page).count()).toBe(1);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
    await closePage(page);
  });

  it('updates itself after the admin unchecks Email Opt Out on the Lightning page', async () => {
    const contact = recordOf(1001);
    const page = await fx.browser.context.newPage();
    await page.goto(`${LIGHTNING}/lightning/r/Contact/${contact?.Id}/view`);
    await expect.poll(() => text(page, 'hasOptedOutOfEmail')).toBe('Yes');
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Email Opt Out').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => text(page, 'hasOptedOutOfEmail'), { timeout: 10_000 }).toBe('No');
    await closePage(page);
  });

  it('shows on Classic record pages', async () => {
    const contact = recordOf(1001);
    const page = await fx.browser.context.newPage();
    await page.goto(`${SF}/${contact?.Id.slice(0, 15)}`);
    await expect.poll(() => text(page, 'record')).toContain(contact?.Id ?? '?');
    // Only the worker knows these: the record over REST, and the prospect its back-link names.
    await expect.poll(() => text(page, 'hasOptedOutOfEmail')).toBe('Yes');
    await expect.poll(() => overlay(page).locator('[data-side="ae"] dt').textContent()).toContain('1001');
    await closePage(page);
  });
});

describe('a page cannot make the overlay act', () => {
  it('ignores synthetic clicks, posted messages and forged events from page scripts', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);
    const reached = await page.evaluate(async () => {
      const root = document.querySelector('[data-optout-sync-guard="overlay"]')?.shadowRoot;
      (root?.querySelector('[data-action="opt-in-both"]') as HTMLElement | null)?.click();
      // Preact renders a state change in a microtask: after one task, an accepted click would show.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const form = root?.querySelector('form');
      window.postMessage(
        { type: 'start-opt-in', reason: 'forged', confirmedEmail: 'aiko.tanaka@sandbox.example' },
        '*',
      );
      document.dispatchEvent(new CustomEvent('optout-sync-guard', { detail: { type: 'start-opt-in' } }));
      const runtime = (window as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage;
      return { formOpened: Boolean(form), runtimeReachable: typeof runtime === 'function' };
    });
    expect(reached).toEqual({ formOpened: false, runtimeReachable: false });
    // Even with the form opened by the admin, a script's click on "confirm" is refused.
    await overlay(page).locator('[data-action="opt-in-both"]').click();
    await overlay(page).locator('[data-field="reason"]').fill('typed by the admin');
    await page.evaluate(() => {
      const root = document.querySelector('[data-optout-sync-guard="overlay"]')?.shadowRoot;
      (root?.querySelector('[data-action="confirm"]') as HTMLElement | null)?.click();
    });
    // Accepted, the click would have made Confirm busy at once; it stays as the admin left it.
    await expect.poll(() => overlay(page).locator('[data-action="confirm"]').isEnabled()).toBe(true);
    expect(await overlay(page).getAttribute('data-job')).toBe('idle');
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });
});
