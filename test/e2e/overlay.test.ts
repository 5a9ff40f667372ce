/** What the overlay tells the admin, on every page family, from what the extension read. */
import { describe, expect, it } from 'vitest';
import { useOrg } from './fixture';
import {
  AE,
  auditLog,
  closePage,
  confirmIn,
  expireConfirmations,
  LIGHTNING,
  liveWorker,
  openConfirmation,
  overlay,
  productWrites,
  readSettingsPage,
  SF,
  storedJobs,
  storedSettings,
} from './harness';

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
  const confirmWindows = () => fx.browser.context.pages().filter((p) => p.url().includes('/src/confirm/'));

  it('ignores synthetic clicks, posted messages and forged events from page scripts', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);
    const reached = await page.evaluate(async () => {
      const root = document.querySelector('[data-optout-sync-guard="overlay"]')?.shadowRoot;
      (root?.querySelector('[data-action="opt-in-both"]') as HTMLElement | null)?.click();
      window.postMessage({ type: 'offer-opt-in', reason: 'forged' }, '*');
      document.dispatchEvent(new CustomEvent('optout-sync-guard', { detail: { type: 'offer-opt-in' } }));
      const runtime = (window as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage;
      await new Promise((resolve) => setTimeout(resolve, 500));
      return {
        offered: Boolean(root?.querySelector('[data-field="offered"]')),
        runtimeReachable: typeof runtime === 'function',
      };
    });
    expect(reached).toEqual({ offered: false, runtimeReachable: false });
    expect(confirmWindows()).toEqual([]);
    // The confirmation window is the extension's own page: a page can neither load nor frame it.
    const probe = await page.evaluate(async (id) => {
      const url = `chrome-extension://${id}/src/confirm/index.html`;
      const fetched = await fetch(url).then(
        () => 'loaded',
        () => 'blocked',
      );
      return fetched;
    }, fx.browser.extensionId);
    expect(probe).toBe('blocked');
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });

  it('starts nothing while a page script steers focus, fills fields and covers the overlay, whatever the admin presses', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);
    // The attacks of a hostile page script on the old in-page confirmation: move focus to the
    // overlay's button, then into its reason field while the admin types, then to Confirm right after
    // the admin's Tab; fill its fields; make the panel transparent under a bait that lets clicks through.
    await page.evaluate(() => {
      const root = document.querySelector('[data-optout-sync-guard="overlay"]')?.shadowRoot;
      const find = (selector: string) => root?.querySelector(selector) as HTMLElement | null;
      const style = document.createElement('style');
      style.textContent = '.panel { opacity: 0 !important; }';
      root?.append(style);
      const bait = document.createElement('div');
      bait.textContent = 'Type your search here';
      bait.setAttribute('style', 'position:fixed;inset:0;z-index:2147483647;pointer-events:none;background:#fff8');
      document.body.append(bait);
      document.addEventListener(
        'keydown',
        (event) => {
          const reason = find('[data-field="reason"]') as HTMLTextAreaElement | null;
          if (!reason) return find('[data-action="opt-in-both"]')?.focus();
          if (event.key === 'Tab') setTimeout(() => find('[data-action="confirm"]')?.focus(), 0);
          else if (root?.activeElement !== find('[data-action="confirm"]')) reason.focus();
          if (!reason.value) reason.value = 'forged';
        },
        true,
      );
      find('[data-action="opt-in-both"]')?.focus();
    });
    // The admin, typing in the page and clicking where the bait is: real, trusted input.
    await page.keyboard.press('Enter');
    await page.keyboard.type('asked by phone');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Space');
    const box = await overlay(page).boundingBox();
    if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height - 20);
    await page.waitForTimeout(1_500);
    // At most the offer's window opened: it waits for the admin's own reason, and nothing the page
    // did reached it.
    for (const window of confirmWindows()) {
      await window.locator('[data-field="reason"], [data-field="error"]').first().waitFor();
      expect(await window.locator('[data-field="reason"]').inputValue()).toBe('');
      expect(await window.locator('[data-action="confirm"]').isDisabled()).toBe(true);
      await closePage(window);
    }
    expect(await overlay(page).getAttribute('data-job')).toBe('idle');
    expect(await storedJobs(fx.browser)).toEqual([]);
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });

  it('opens one window per pair, shows the pair as read, and starts the job only on Confirm there', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const window = await openConfirmation(page);
    expect(await window.locator('h1').innerText()).toContain('aiko.tanaka@sandbox.example');
    expect(await window.locator('[data-field="optedOut"]').innerText()).toBe('Yes');
    expect(await window.locator('[data-field="hasOptedOutOfEmail"]').innerText()).toBe('Yes');
    // Asking again from the page brings the same window back rather than a second one.
    await overlay(page).locator('[data-action="opt-in-both"]').click();
    await page.waitForTimeout(500);
    expect(confirmWindows()).toHaveLength(1);
    expect(await storedJobs(fx.browser)).toEqual([]);
    // The keyboard alone: focus starts in the reason, Tab reaches Confirm, Enter starts the job.
    await expect.poll(() => window.evaluate(() => document.activeElement?.id)).toBe('reason');
    await window.keyboard.type('asked by phone');
    await window.keyboard.press('Tab');
    await window.keyboard.press('Enter');
    await window.locator('[data-field="started"]').waitFor();
    await expect.poll(async () => (await storedJobs(fx.browser)).length).toBe(1);
    await expect.poll(() => window.isClosed(), { timeout: 10_000 }).toBe(true);
    // The job's writes land before the next test: a job still reading or writing outlives the storage
    // reset between tests and comes back into the next one (only its alarms wait from here on).
    await expect
      .poll(async () => (await storedJobs(fx.browser))[0]?.phase, { timeout: 30_000 })
      .toMatch(/^(waiting-for-sync|verifying|done|failed)$/);
    await closePage(page);
  });

  it('refuses a Confirm that comes after the confirmation expired, and reading again renews it', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const window = await openConfirmation(page);
    await window.locator('[data-field="reason"]').fill('asked by phone');
    // Five minutes pass in the worker's reckoning (its clock, not the window's, decides).
    await expireConfirmations(fx.browser);
    await window.locator('[data-action="confirm"]').click();
    await window.locator('[data-field="expired"]').waitFor();
    await expect
      .poll(() => window.evaluate(() => document.activeElement?.getAttribute('data-action')))
      .toBe('read-again');
    expect(await storedJobs(fx.browser)).toEqual([]);
    expect((await auditLog(fx.browser)).map((entry) => [entry.outcome, entry.error])).toEqual([
      ['refused', 'confirmation-expired'],
    ]);
    // Read again: the pair is read afresh, and a new deadline lets the admin decide.
    await window.locator('[data-action="read-again"]').click();
    await confirmIn(window, 'asked by phone');
    await expect.poll(async () => (await storedJobs(fx.browser)).length).toBe(1);
    await closePage(page);
  });
});

// Last in the file: it reloads the extension under the browser's pages.
describe('an extension updated under an open page', () => {
  it('takes the old overlay away at the next in-place navigation, and stops following the page', async () => {
    const contact = recordOf(1001);
    const page = await fx.browser.context.newPage();
    await page.goto(`${LIGHTNING}/lightning/r/Contact/${contact?.Id}/view`);
    await expect.poll(() => text(page, 'hasOptedOutOfEmail')).toBe('Yes');
    // Chrome reloads the extension (an update does the same): the page keeps the old content scripts.
    const worker = await liveWorker(fx.browser);
    await worker.evaluate(() => setTimeout(() => chrome.runtime.reload(), 50)).catch(() => undefined);
    await page.waitForTimeout(1_500);
    await page.getByRole('link', { name: 'Chie Sato' }).click();
    await expect.poll(() => overlay(page).count(), { timeout: 10_000 }).toBe(0);
    // Nothing of the old version answers the page any more: a later navigation shows nothing either.
    await page.goBack();
    await page.waitForTimeout(1_000);
    expect(await overlay(page).count()).toBe(0);
    await closePage(page);
  });
});
