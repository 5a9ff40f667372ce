/**
 * `npm run screenshots`: the overlay in each state, and the options page's
 * "Check this org" checklist, against the sandbox org, written to docs/ for
 * the README; and the stores' images (docs/store/: 1280×800 screenshots and
 * the 440×280 small promotional tile, JPEG so no alpha channel, as the Chrome
 * Web Store asks; Edge Add-ons takes the same sizes), in English and Japanese.
 * Run it after changing what the overlay or the checklist shows.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  AE,
  type Browser,
  configureExtension,
  confirmIn,
  connectOAuth,
  LIGHTNING,
  launchBrowser,
  openConfirmation,
  optIn,
  overlay,
  pairState,
  readSettingsPage,
  resetExtension,
  signIn,
} from '../test/e2e/harness';
import { call } from '../test/sandbox/client';
import { type RunningSandbox, startSandbox } from '../test/sandbox/server';
// @ts-expect-error: a plain ES module script, shared with the e2e setup.
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
mkdirSync('docs/store', { recursive: true });

async function shoot(page: Page, name: string) {
  // The panel's fonts are drawn once they are ready.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await overlay(page)
    .locator('section')
    .screenshot({ path: `docs/overlay-${name}.png`, animations: 'disabled' });
  console.log(`docs/overlay-${name}.png`);
}

/** The decision, in the extension's own window: a reason typed, the window as the admin sees it, Confirm. */
async function decide(page: Page, reason: string, name: string) {
  const window = await openConfirmation(page);
  await window.locator('[data-field="reason"]').fill(reason);
  await window.evaluate(() => document.fonts.ready.then(() => undefined));
  // The window's own page, whole: the popup is taller than the screenshot's viewport.
  await window.locator('main').screenshot({ path: `docs/${name}.png`, animations: 'disabled' });
  console.log(`docs/${name}.png`);
  await window.locator('[data-action="confirm"]').click();
}

/** The admin opens a settings page; the extension has taken it in once it is stored. */
const readSettings = (browser: Browser, path: string, learned: (s: Record<string, unknown>) => boolean) =>
  readSettingsPage(browser, `${AE}${path}`, (all) => Object.values(all).some(learned));

/** A store screenshot: the whole 1280×800 window, as an admin sees the page with the panel on it. */
async function storeShot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: `docs/store/${name}.jpg`, type: 'jpeg', quality: 90, animations: 'disabled' });
  console.log(`docs/store/${name}.jpg`);
  await page.setViewportSize({ width: 900, height: 900 });
}

/** The small promotional tile (440×280): the icon, the name and what it does, in the extension's look. */
async function tile(browser: Browser, locale: 'en' | 'ja') {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 440, height: 280 });
  const icon = readFileSync('public/icons/icon128.png').toString('base64');
  const [name, line] =
    locale === 'ja'
      ? ['オプトアウト同期ガード', 'Account Engagement と Salesforce の両方で、プロスペクトをオプトインに戻します']
      : ['Opt-Out Sync Guard', 'Opt a prospect back in on both sides of the Account Engagement ↔ Salesforce sync'];
  await page.setContent(`<!doctype html><html lang="${locale}"><body style="margin:0;width:440px;height:280px;
    display:flex;flex-direction:column;align-items:center;justify-content:center;gap:14px;background:#0176d3;color:#fff;
    font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,'Hiragino Sans','Yu Gothic UI',Meiryo,'Noto Sans CJK JP',sans-serif;
    word-break:auto-phrase;text-align:center">
    <img src="data:image/png;base64,${icon}" width="96" height="96" alt="" style="background:#fff;border-radius:20px;padding:8px">
    <div style="font-size:28px;font-weight:700">${name}</div>
    <div style="font-size:15px;max-width:380px;line-height:1.4">${line}</div></body></html>`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const path = `docs/store/tile-440x280${locale === 'ja' ? '-ja' : ''}.jpg`;
  await page.screenshot({ path, type: 'jpeg', quality: 92 });
  console.log(path);
  await page.close();
}

/** "Check this org" in the options page, on an org whose Opted Out field settings nobody has opened yet. */
async function checklist(browser: Browser, url: string, suffix = '') {
  const options = await browser.context.newPage();
  await options.setViewportSize({ width: 900, height: 1200 });
  await options.goto(`chrome-extension://${browser.extensionId}/src/options/index.html`);
  await options.locator('[data-field="check-url"]').fill(url);
  await options.locator('[data-action="check-org"]').click();
  const list = options.locator('[data-field="checklist"]');
  await list.waitFor({ timeout: 60_000 });
  await list.screenshot({ path: `docs/check-org${suffix}.png`, animations: 'disabled' });
  console.log(`docs/check-org${suffix}.png`);
  await options.setViewportSize({ width: 1280, height: 800 });
  await options.screenshot({ path: `docs/store/check-org${suffix}.jpg`, type: 'jpeg', quality: 90 });
  console.log(`docs/store/check-org${suffix}.jpg`);
  await options.close();
}

const JA_CONNECTED = '接続済み';
/** connectOAuth, in a Japanese browser: the options page says 接続済み rather than Connected. */
async function connectOAuthJa(browser: Browser) {
  await configureExtension(browser, { oauthClientId: 'sandbox-client', oauthLoginHost: 'sandbox.my.salesforce.com' });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/src/options/index.html`);
  await options.locator('[data-action="oauth-connect"]').click();
  await options.locator('[data-field="oauth-status"]', { hasText: JA_CONNECTED }).waitFor({ timeout: 15_000 });
  await options.close();
}

// Restore a list: the preview of a pasted list, and the finished batch (its own org, with a few extra opted-out pairs).
async function restoreScenes(locale: 'en' | 'ja') {
  const org = await startSandbox({ syncIntervalMs: 2000, locale, extraLinkedPairs: 3 });
  const browser = await launchBrowser(org, { locale });
  await signIn(browser.context);
  await resetExtension(browser);
  await configureExtension(browser, { syncIntervalSeconds: 2, marginSeconds: 3, pollSeconds: 1 });
  // With the API connection the preview reads the AE side too; load2 unsubscribes again after its row's date.
  if (locale === 'en') await connectOAuth(browser);
  else await connectOAuthJa(browser);
  const again = [...org.sandbox.org.prospects.values()].find((p) => p.email === 'load2@sandbox.example');
  if (again) org.sandbox.unsubscribe(again.id);
  const suffix = locale === 'ja' ? '-ja' : '';
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.goto(`chrome-extension://${browser.extensionId}/src/restore/index.html`);
  await page.locator('[data-field="org"] option').first().waitFor({ state: 'attached' });
  const asked = locale === 'ja' ? '配信継続を希望と返信' : 'replied asking to stay subscribed';
  const day = new Date(Date.now() - 3_600_000).toISOString().slice(0, 16);
  await page
    .locator('[data-field="list"]')
    .fill(
      [
        'email,evidence,evidence_date',
        ...[1, 2, 3].map((i) => `load${i}@sandbox.example,${asked},${day}`),
        `shared@sandbox.example,${asked},${day}`,
        `nobody@example.com,${asked},${day}`,
        'ben.carter@sandbox.example,,',
      ].join('\n'),
    );
  await page.locator('[data-field="preview"]').click();
  await page.locator('[data-field="confirm-batch"]').waitFor();
  const shot = async (name: string) => {
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.locator('main').screenshot({ path: `docs/${name}${suffix}.png`, animations: 'disabled' });
    console.log(`docs/${name}${suffix}.png`);
  };
  await shot('restore-preview');
  await page.locator('[data-field="confirm-batch"]').click();
  await page.locator('[data-field="batch"][data-state="finished"]').waitFor({ timeout: 120_000 });
  await shot('restore-finished');
  await browser.close();
  await org.close();
}

for (const locale of ['en', 'ja'] as const) await restoreScenes(locale);

/**
 * Why and who on the overlay: how each side got opted out and the earlier opt-in recorded as a Task
 * (unfolded), then, after a done opt-in, another email tool's integration user checking Email Opt
 * Out again, explained.
 */
async function whyAndWho(browser: Browser, org: RunningSandbox, page: Page, suffix: string) {
  await configureExtension(browser, { syncIntervalSeconds: 4, marginSeconds: 4, pollSeconds: 1, recordTask: true });
  await page.goto(`${AE}/prospect/read?id=1003`);
  await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
  await confirmIn(await openConfirmation(page), suffix ? '展示会で依頼あり' : 'Asked at the trade fair');
  await overlay(page).locator('[data-phase="waiting-for-sync"]').first().waitFor({ timeout: 30_000 });
  org.sandbox.syncAll();
  await overlay(page).and(page.locator('[data-job="done"]')).waitFor({ timeout: 30_000 });
  // The person unsubscribes again; the next sync carries it to Salesforce.
  org.sandbox.unsubscribe(1003);
  org.sandbox.syncAll();
  await page.reload();
  await overlay(page).locator('[data-field="overlay-history"] > summary').click();
  await overlay(page).locator('[data-field="overlay-history"] [data-field="restorations"]').waitFor();
  await shoot(page, `history${suffix}`);
  // Opted in again; another email tool's integration user checks Email Opt Out within the next sync.
  await confirmIn(await openConfirmation(page), suffix ? '本人から再度依頼あり' : 'Asked again by email');
  await overlay(page).locator('[data-phase="waiting-for-sync"]').first().waitFor({ timeout: 30_000 });
  org.sandbox.syncAll();
  await overlay(page).and(page.locator('[data-job="done"]')).waitFor({ timeout: 30_000 });
  const recordId = pairState(org, 1003).record?.Id;
  const body = { recordId, set: { HasOptedOutOfEmail: true }, by: 'other-integration' };
  await call(org, { method: 'POST', path: '/__sandbox/records', body });
  await overlay(page).locator('[data-field="undone"]').waitFor({ timeout: 60_000 });
  await overlay(page).locator('[data-field="overlay-history"] > summary').click();
  await shoot(page, `undone${suffix}`);
}

for (const locale of ['en', 'ja'] as const) {
  const org = await startSandbox({ syncIntervalMs: 0, locale });
  const browser = await launchBrowser(org, { locale });
  await signIn(browser.context);
  await resetExtension(browser);
  await configureExtension(browser, { syncIntervalSeconds: 4, marginSeconds: 4, pollSeconds: 1 });
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 900, height: 900 });
  const suffix = locale === 'ja' ? '-ja' : '';

  await page.goto(`${AE}/prospect/read?id=1001`);
  await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
  await shoot(page, `option-unknown${suffix}`);
  if (locale === 'en') {
    await readSettings(browser, '/connector/edit/id/1', (s) => s.overwriteOptedOut === 'off');
    await page.goto(`${AE}/prospect/read?id=1001`);
    await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
    await shoot(page, 'option-off');
    await overlay(page).locator('details.why > summary').first().click();
    await shoot(page, 'option-off-why');
    await storeShot(page, 'prospect-page');
    await decide(page, 'Asked by phone on 28 Nov', 'confirm-window');
    await overlay(page).locator('[data-field="countdown"], [data-phase="waiting-for-sync"]').first().waitFor();
    await shoot(page, 'waiting');
    org.sandbox.syncAll();
    await overlay(page).and(page.locator('[data-job="done"]')).waitFor({ timeout: 30_000 });
    await shoot(page, 'done');
    await storeShot(page, 'opted-in');
    await page.goto(`${AE}/prospect/read?id=1005`);
    await overlay(page).and(page.locator('[data-state="not-linked"]')).waitFor();
    await shoot(page, 'not-linked');
    await page.goto(`${AE}/prospect/read?id=1004`);
    await overlay(page).locator('[data-field="unmailable"]').first().waitFor();
    await shoot(page, 'unmailable');
    // The admin's role lacks "Update Opted Out Field": the job stops before writing and says what to change.
    org.sandbox.config.aeUserCanEditOptedOut = false;
    await page.goto(`${AE}/prospect/read?id=1008`);
    await optIn(page, 'Asked by email');
    await overlay(page).and(page.locator('[data-job="failed"]')).waitFor({ timeout: 30_000 });
    await shoot(page, 'role-cannot-edit');
    org.sandbox.config.aeUserCanEditOptedOut = true;
    // A page drawn differently from every layout the extension knows: it names what it could not find.
    await page.context().addInitScript(() => {
      if (location.hostname !== 'pi.pardot.com' || !sessionStorage.getItem('screenshot:redesign')) return;
      new MutationObserver(() => {
        for (const label of document.querySelectorAll('td.label, th, label'))
          if (label.textContent?.trim() === 'Opted Out') label.textContent = 'Unsubscribed';
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${AE}/prospect/read?id=1002`);
    await page.evaluate(() => sessionStorage.setItem('screenshot:redesign', '1'));
    await page.reload();
    await overlay(page).locator('[data-field="missing"]').waitFor();
    await shoot(page, 'cannot-read');
    await page.evaluate(() => sessionStorage.removeItem('screenshot:redesign'));
    for (const bu of org.sandbox.org.businessUnits) bu.overwriteOptedOut = true;
    await readSettings(browser, '/connector/read/id/1', (s) => s.overwriteOptedOut === 'on');
    await readSettings(browser, '/prospectFieldDefault/read/id/12', (s) => s.optedOutSyncBehavior !== null);
    const contact = [...org.sandbox.org.records.values()].find((r) => r.object === 'Contact' && r.HasOptedOutOfEmail);
    await page.goto(`${LIGHTNING}/lightning/r/Contact/${contact?.Id}/view`);
    await overlay(page).and(page.locator('[data-state="option-on"]')).waitFor();
    await shoot(page, 'option-on');
    await storeShot(page, 'record-page');
    org.sandbox.expireTokens();
    await page.goto(`${AE}/prospect/read?id=1002`);
    await overlay(page)
      .and(page.locator('[data-state="error"]'))
      .or(overlay(page).locator('[data-field="problem"]'))
      .first()
      .waitFor();
    await shoot(page, 'error');
    await signIn(browser.context);
    await checklist(browser, `${AE}/prospect/read?id=1002`);
  } else {
    await readSettings(browser, '/connector/edit/id/1', (s) => s.overwriteOptedOut === 'off');
    await page.goto(`${AE}/prospect/read?id=1001`);
    await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
    await overlay(page).locator('details.why > summary').first().click();
    await shoot(page, 'option-off-why-ja');
    await storeShot(page, 'prospect-page-ja');
    await decide(page, '電話で依頼あり', 'confirm-window-ja');
    await overlay(page).locator('[data-field="countdown"], [data-phase="waiting-for-sync"]').first().waitFor();
    await shoot(page, 'waiting-ja');
    org.sandbox.syncAll();
    await overlay(page).and(page.locator('[data-job="done"]')).waitFor({ timeout: 30_000 });
    await shoot(page, 'done-ja');
    await storeShot(page, 'opted-in-ja');
    await checklist(browser, `${AE}/prospect/read?id=1002`, '-ja');
  }
  await signIn(browser.context);
  await whyAndWho(browser, org, page, suffix);
  await tile(browser, locale);
  await browser.close();
  await org.close();
}
