/**
 * "Check this org": every step of an opt-in without saving anything, as a
 * checklist — all passed on the default sandbox, and the right line failed,
 * with the right fix, under each condition that breaks one step.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AE_LAYOUTS, STEADY_SYNC, useOrg } from './fixture';
import { AE, closePage, connectOAuth, LIGHTNING, pairState, productWrites, readSettingsPage } from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC });

/** The admin has opened the connector and Opted Out field settings once, so the unit's settings are known. */
async function readSettingsPages() {
  const known =
    (pick: (s: { overwriteOptedOut: string; optedOutMapped: boolean | null }) => boolean) =>
    (all: Record<string, { overwriteOptedOut: string; optedOutMapped: boolean | null }>) =>
      Object.values(all).some(pick);
  await readSettingsPage(
    fx.browser,
    `${AE}/connector/read/id/1`,
    known((s) => s.overwriteOptedOut !== 'unknown'),
  );
  await readSettingsPage(
    fx.browser,
    `${AE}/prospectFieldDefault/read/id/12`,
    known((s) => s.optedOutMapped !== null),
  );
}

async function check(
  url: string,
): Promise<{ page: Page; result: (id: string) => Promise<string | null>; fix: (id: string) => Promise<string> }> {
  const page = await fx.browser.context.newPage();
  await page.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
  await page.locator('[data-field="check-url"]').fill(url);
  await page.locator('[data-action="check-org"]').click();
  await page.locator('[data-field="checklist"]').waitFor({ timeout: 60_000 });
  return {
    page,
    result: (id) => page.locator(`[data-check="${id}"]`).getAttribute('data-result'),
    fix: (id) => page.locator(`[data-check="${id}"] .fix`).innerText(),
  };
}

const recordUrl = () => {
  const record = pairState(fx.org, 1001).record;
  return `${LIGHTNING}/lightning/r/${record?.object}/${record?.Id}/view`;
};

/**
 * Whatever happens in any AE prospect page of the browser from now on (the check's own background tab
 * included) is reported: any click, input, change or submit event, any element added or removed (other
 * than the overlay's own host), and a control whose value differs when the page goes away.
 */
const touches: string[] = [];
let watching = false;
async function watchProspectPages(): Promise<string[]> {
  touches.length = 0;
  if (watching) return touches;
  watching = true;
  await fx.browser.context.exposeBinding('reportTouch', (_source, what: string) => touches.push(what));
  await fx.browser.context.addInitScript(() => {
    const report = (what: string) => (window as unknown as { reportTouch: (w: string) => void }).reportTouch(what);
    if (!location.pathname.startsWith('/prospect/read')) return;
    for (const type of ['click', 'input', 'change', 'submit'])
      window.addEventListener(type, (event) => report(`${type} on ${(event.target as Element).tagName}`), true);
    addEventListener('DOMContentLoaded', () => {
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of [...record.addedNodes, ...record.removedNodes])
            if (node instanceof Element && !node.hasAttribute('data-optout-sync-guard'))
              report(`${node.tagName} added or removed`);
      }).observe(document.body, { childList: true, subtree: true });
      const controls = () =>
        [...document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')]
          .map((c) => (c instanceof HTMLInputElement && c.type === 'checkbox' ? String(c.checked) : c.value))
          .join(',');
      const before = controls();
      addEventListener('pagehide', () => {
        if (controls() !== before) report('a control changed');
      });
    });
  });
  return touches;
}

describe('checking an org before the first opt-in', () => {
  it('passes every step on a well set-up org, and saves nothing on either side', async () => {
    await connectOAuth(fx.browser);
    await readSettingsPages();
    const tabsBefore = fx.browser.context.pages().length;
    for (const url of [recordUrl(), `${AE}/prospect/read?id=1001`]) {
      const { page, result } = await check(url);
      for (const id of [
        'salesforce-rest',
        'record',
        'back-link',
        'ae-api',
        'ae-page',
        'ae-form',
        'connector-option',
        'sync-behavior',
        'business-units',
      ]) {
        expect(`${id}: ${await result(id)}`).toBe(`${id}: passed`);
      }
      expect(await result('ae-app')).toBe('not-applicable');
      await closePage(page);
    }
    expect(productWrites(fx.org)).toEqual([]);
    expect(fx.sandbox.log.filter((e) => e.method === 'POST' && e.route?.startsWith('ae-page'))).toEqual([]);
    expect(fx.sandbox.log.filter((e) => e.route === 'ae-page:POST')).toEqual([]);
    // The background tab it opened is gone again.
    await expect.poll(() => fx.browser.context.pages().length).toBe(tabsBefore);
  });

  it('copies a report that names no person, email, record or org', async () => {
    await fx.browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const { page } = await check(recordUrl());
    await page.locator('[data-action="copy-check"]').click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const text = await page.evaluate(() => navigator.clipboard.readText());
    const { record } = pairState(fx.org, 1001);
    expect(text).toContain('Opt-Out Sync Guard: check of an org');
    for (const secret of [
      'aiko',
      'Tanaka',
      record?.Id ?? '?',
      record?.Id.slice(0, 15) ?? '?',
      '1001',
      fx.sandbox.org.id.slice(0, 15),
      'sandbox.my.salesforce.com',
    ]) {
      expect(text, secret).not.toContain(secret);
    }
    await closePage(page);
  });

  it('fails Salesforce REST under API Access Control, saying to connect OAuth', async () => {
    fx.sandbox.config.salesforceApiAccessControl = true;
    const { page, result, fix } = await check(recordUrl());
    expect(await result('salesforce-rest')).toBe('failed');
    expect(await fix('salesforce-rest')).toContain('API Access Control');
    await closePage(page);
  });

  it('fails the edit form step for a role without “Update Opted Out Field”, saying what to change', async () => {
    // The classic layout has its form in the page; the Mailability one fetches it only when Edit is
    // clicked, which a check that changes nothing does not do (see the test below).
    Object.assign(fx.sandbox.config, { aePageLayout: 'classic', aeOptInLink: false, aeUserCanEditOptedOut: false });
    const { page, result, fix } = await check(recordUrl());
    expect(await result('ae-page')).toBe('passed');
    expect(await result('ae-form')).toBe('failed');
    expect(await fix('ae-form')).toContain('“Update Opted Out Field”');
    expect(fx.sandbox.log.filter((e) => e.route === 'ae-page:POST')).toEqual([]);
    await closePage(page);
  });

  it('shows the prospect page at AE’s own host as not used for an admin in several units, who gets in through the app', async () => {
    fx.sandbox.config.aeTopLevelSignIn = false;
    const { page, result } = await check(recordUrl());
    expect(await result('ae-page')).toBe('not-used');
    expect(await page.locator('[data-check="ae-page"] .adds').innerText()).toContain('several business units');
    expect(await page.locator('[data-check="ae-page"] .fix').count()).toBe(0);
    expect(await result('ae-app')).toBe('passed');
    expect(await result('ae-form')).toBe('passed');
    await closePage(page);
  });

  it.each(AE_LAYOUTS)('locates the AE page’s controls without touching the page (%s)', async (_name, layout) => {
    Object.assign(fx.sandbox.config, layout);
    const touched = await watchProspectPages();
    const { page, result } = await check(`${AE}/prospect/read?id=1001`);
    expect(await result('ae-page')).toBe('passed');
    expect(await result('ae-form')).toBe('passed');
    expect(touched).toEqual([]);
    expect(fx.sandbox.log.filter((e) => e.method === 'POST' && e.route?.startsWith('ae-page'))).toEqual([]);
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });

  it('fails the connector option while nobody has read it, saying where to find it', async () => {
    const { page, result, fix } = await check(recordUrl());
    expect(await result('connector-option')).toBe('failed');
    expect(await fix('connector-option')).toContain('Admin > Connectors');
    // A failed required step leads with its fix: the fix comes before the step's name.
    const first = await page.locator('[data-check="connector-option"] > *').first().getAttribute('class');
    expect(first).toBe('fix');
    await closePage(page);
  });

  it('shows the AE API without OAuth as not used, with what it would add, never as failed', async () => {
    const { page, result } = await check(recordUrl());
    expect(await result('ae-api')).toBe('not-used');
    expect(await page.locator('[data-check="ae-api"] .adds').innerText()).toContain('connect OAuth');
    expect(await page.locator('[data-check="ae-api"]').innerText()).not.toContain('failed');
    await closePage(page);
  });
});
