/**
 * `npm start`: build the extension, start the sandbox org, and open Chromium
 * with the extension loaded, signed in as the demo admin, on a seeded
 * prospect. Without a display it walks through the pages headless and
 * writes screenshots to demo-output/.
 */
import { mkdirSync } from 'node:fs';
import { AE, LIGHTNING, launchBrowser, overlay, signIn } from '../test/e2e/harness';
import { startSandbox } from '../test/sandbox/server';
// @ts-expect-error: a plain ES module script, shared with the e2e setup.
import { buildIfStale } from './build-if-stale.mjs';

buildIfStale();
const syncIntervalMs = Number(process.env.SYNC_INTERVAL_MS ?? 20_000);
const locale = process.env.SANDBOX_LOCALE === 'ja' ? 'ja' : 'en';
const running = await startSandbox({ port: Number(process.env.PORT ?? 8443), syncIntervalMs, locale });
const headless = !process.env.DISPLAY || process.env.CI === 'true' || process.env.HEADLESS === '1';
const browser = await launchBrowser(running, { locale, headless });
await signIn(browser.context);
const contact = [...running.sandbox.org.records.values()].find((r) => r.object === 'Contact');
console.log(`Sandbox org on https://127.0.0.1:${running.port}; connector sync every ${syncIntervalMs / 1000} s.`);

if (headless) {
  mkdirSync('demo-output', { recursive: true });
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1200, height: 760 });
  const stops = [
    ['1-prospect', `${AE}/prospect/read?id=1001`],
    ['2-lightning-contact', `${LIGHTNING}/lightning/r/Contact/${contact?.Id}/view`],
    [
      '3-ae-lightning-app',
      `${LIGHTNING}/lightning/page/pardot/prospect?pardot__path=${encodeURIComponent('/prospect/read?id=1001')}`,
    ],
    ['4-connector-settings', `${AE}/connector/edit/id/1`],
  ] as const;
  for (const [name, url] of stops) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    if (!name.includes('connector'))
      await overlay(page)
        .first()
        .waitFor({ timeout: 5000 })
        .catch(() => {});
    await page.screenshot({ path: `demo-output/${name}.png` });
    console.log(`demo-output/${name}.png  ${url}`);
  }
  await browser.close();
  await running.close();
} else {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await page.goto(`${AE}/prospect/read?id=1001`);
  console.log('Chromium is open with the extension. Close the window (or press Ctrl-C) to stop.');
  const stop = async () => {
    await browser.close().catch(() => {});
    await running.close();
    process.exit(0);
  };
  browser.context.on('close', () => void stop());
  process.on('SIGINT', () => void stop());
}
