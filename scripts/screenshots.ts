/**
 * `npm run screenshots`: the overlay in each state, against the sandbox org,
 * written to docs/ for the README. Run it after changing what the overlay shows.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  AE,
  configureExtension,
  LIGHTNING,
  launchBrowser,
  optIn,
  overlay,
  resetExtension,
  signIn,
} from '../test/e2e/harness';
import { startSandbox } from '../test/sandbox/server';
// @ts-expect-error: a plain ES module script, shared with the e2e setup.
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
mkdirSync('docs', { recursive: true });

async function shoot(page: Page, name: string) {
  await page.waitForTimeout(400);
  await overlay(page)
    .locator('section')
    .screenshot({ path: `docs/overlay-${name}.png` });
  console.log(`docs/overlay-${name}.png`);
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
    await page.goto(`${AE}/connector/edit/id/1`);
    await page.waitForTimeout(300);
    await page.goto(`${AE}/prospect/read?id=1001`);
    await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
    await shoot(page, 'option-off');
    await overlay(page).locator('[data-action="opt-in-both"]').click();
    await overlay(page).locator('[data-field="reason"]').fill('Asked by phone on 28 Nov');
    await shoot(page, 'confirm');
    await overlay(page).locator('[data-action="confirm"]').click();
    await page.waitForTimeout(2500);
    await shoot(page, 'waiting');
    org.sandbox.syncAll();
    await overlay(page).and(page.locator('[data-job="done"]')).waitFor({ timeout: 30_000 });
    await shoot(page, 'done');
    await page.goto(`${AE}/prospect/read?id=1005`);
    await overlay(page).and(page.locator('[data-state="not-linked"]')).waitFor();
    await shoot(page, 'not-linked');
    await page.goto(`${AE}/prospect/read?id=1004`);
    await overlay(page).locator('[data-field="unmailable"]').first().waitFor();
    await shoot(page, 'unmailable');
    for (const bu of org.sandbox.org.businessUnits) bu.overwriteOptedOut = true;
    await page.goto(`${AE}/connector/read/id/1`);
    await page.waitForTimeout(300);
    await page.goto(`${AE}/prospectFieldDefault/read/id/12`);
    await page.waitForTimeout(300);
    const contact = [...org.sandbox.org.records.values()].find((r) => r.object === 'Contact' && r.HasOptedOutOfEmail);
    await page.goto(`${LIGHTNING}/lightning/r/Contact/${contact?.Id}/view`);
    await overlay(page).and(page.locator('[data-state="option-on"]')).waitFor();
    await shoot(page, 'option-on');
    org.sandbox.expireTokens();
    await page.goto(`${AE}/prospect/read?id=1002`);
    await overlay(page)
      .and(page.locator('[data-state="error"]'))
      .or(overlay(page).locator('[data-field="problem"]'))
      .first()
      .waitFor();
    await shoot(page, 'error');
  } else {
    await optIn(page, '電話で依頼あり');
    await page.waitForTimeout(2500);
    await shoot(page, 'waiting-ja');
  }
  await browser.close();
  await org.close();
}
