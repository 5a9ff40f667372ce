/** Record data is shown as inert text: hostile names and emails neither run nor break the layout. */
import { describe, expect, it } from 'vitest';
import { useOrg } from './fixture';
import { AE, closePage, liveWorker, overlay } from './harness';

const fx = useOrg({ reset: 'once' });

const XSS = '<img src=x onerror="window.__pwned=1">';
const LONG = `${'a'.repeat(10_000)}@example.com`;
const RTL = '\u202Emoc.live@nimda';

describe('hostile record data', () => {
  it('shows an HTML-looking, very long or right-to-left email as text, inside the panel', async () => {
    for (const email of [`${XSS}@evil.example`, LONG, RTL]) {
      const prospect = fx.sandbox.org.prospects.get(1002);
      const record = fx.sandbox.org.records.get(prospect?.salesforceContactId ?? '');
      if (!prospect || !record) throw new Error('seed changed');
      prospect.email = email;
      record.Email = email;
      const page = await fx.browser.context.newPage();
      await page.setViewportSize({ width: 1200, height: 800 });
      await page.goto(`${AE}/prospect/read?id=1002`);
      await overlay(page).locator('.email').waitFor();
      const shown = (await overlay(page).locator('.email').textContent()) ?? '';
      // Shown as typed; values past 2,000 characters (no real email is) are cut to that, never parsed.
      expect(shown === email || (email.length > 2000 && shown.length === 2000 && email.startsWith(shown))).toBe(true);
      expect(await overlay(page).locator('img').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      const box = await overlay(page).locator('section').boundingBox();
      expect(box?.width).toBeLessThanOrEqual(341);
      expect(box?.height).toBeLessThanOrEqual(800);
      await closePage(page);
    }
  });

  it('shows hostile audit entries as text in the options page', async () => {
    await (await liveWorker(fx.browser)).evaluate(
      async ([xss, long]) => {
        await chrome.storage.local.set({
          audit: [
            {
              jobId: 'hostile',
              at: Date.now(),
              admin: xss,
              orgId: null,
              businessUnitId: null,
              prospectId: 1,
              email: long,
              object: 'Contact',
              recordId: '0035g00000AbCdEAAV',
              reason: '=HYPERLINK("https://evil.example","x")',
              attempts: [],
              outcome: 'failed',
              error: 'reverted',
              written: [],
            },
          ],
        });
      },
      [XSS, LONG] as const,
    );
    const page = await fx.browser.context.newPage();
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
    const row = page.locator('tr[data-job-id="hostile"]');
    await row.waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe(XSS);
    expect(await page.locator('table.audit img').count()).toBe(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1000);
    await closePage(page);
  });
});
