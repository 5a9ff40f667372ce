/** The same admin, in Japanese: Chromium in Japanese, Account Engagement's screens in Japanese. */
import { describe, expect, it } from 'vitest';
import { AE_LAYOUTS, STEADY_SYNC, useOrg } from './fixture';
import { AE, closePage, openConfirmation, optIn, overlay, pairState, readSettingsPage } from './harness';

const fx = useOrg({
  sandbox: { syncIntervalMs: 2000, locale: 'ja' },
  locale: 'ja',
  extension: STEADY_SYNC,
  reset: 'once',
});

describe('in Japanese', () => {
  it('reads 「[プロスペクトオプトアウト済み] 項目を上書き」 from the connector page and warns in Japanese', async () => {
    const page = await fx.browser.context.newPage();
    await readSettingsPage(fx.browser, `${AE}/connector/edit/id/1`, (all) =>
      Object.values(all).some((s) => s.overwriteOptedOut === 'off'),
    );
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).getAttribute('data-state')).toBe('option-off');
    // The advice is folded behind 「理由」 next to the button: the admin unfolds it.
    await overlay(page).locator('details.why > summary').first().click();
    await expect.poll(() => overlay(page).locator('[data-field="advice"]').innerText()).toContain('オフです');
    expect(await overlay(page).locator('[data-action="opt-in-both"]').innerText()).toBe('両方でオプトインに戻す');
    // One name per field, and a checkbox read as オン / オフ.
    expect(await overlay(page).locator('[data-side="ae"]').innerText()).toContain('[Opted Out]: オン');
    expect(await overlay(page).locator('[data-side="salesforce"]').innerText()).toContain(
      'Salesforce の [メール送信除外]: オン',
    );
    // The panel is marked as Japanese, so Chromium picks Japanese fonts and line breaks inside it,
    // even on a page that calls itself English.
    expect(await overlay(page).getAttribute('lang')).toBe('ja');
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'en'));
    expect(
      await overlay(page)
        .locator('section')
        .evaluate((panel) => panel.matches(':lang(ja)')),
    ).toBe(true);
    await closePage(page);
  });

  it('marks the settings page as Japanese and names the product one way', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await page.locator('h1').first().innerText()).toBe('オプトアウト同期ガードの設定');
    await closePage(page);
  });

  it('decides in a Japanese confirmation window with the keyboard alone', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1002`);
    const window = await openConfirmation(page);
    expect(await window.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await window.locator('h1').innerText()).toContain('オプトインに戻しますか');
    expect(await window.locator('[data-side="salesforce"]').innerText()).toContain('Salesforce の [メール送信除外]: ');
    expect(await window.locator('[data-side="ae"]').innerText()).toContain('[Opted Out]: オン');
    await expect.poll(() => window.evaluate(() => document.activeElement?.id)).toBe('reason');
    await window.keyboard.type('電話で依頼あり');
    await window.keyboard.press('Tab');
    await window.keyboard.press('Enter');
    expect(await window.locator('[data-field="started"]').innerText()).toContain('開始しました');
    await expect.poll(() => overlay(page).getAttribute('data-job'), { timeout: 30_000 }).toBe('done');
    await closePage(page);
  });

  // Each layout on its own prospect: the file resets the org only once.
  const prospects = [1008, 1001, 1006];
  it.each(AE_LAYOUTS.map(([name, layout], i) => [name, layout, prospects[i] as number] as const))(
    'completes the opt-in with the page writer on Japanese AE screens (%s)',
    async (_name, layout, prospectId) => {
      Object.assign(fx.sandbox.config, layout);
      const page = await fx.browser.context.newPage();
      await page.goto(`${AE}/prospect/read?id=${prospectId}`);
      await optIn(page, '電話で依頼あり');
      await expect.poll(() => overlay(page).getAttribute('data-job'), { timeout: 30_000 }).toBe('done');
      expect(await overlay(page).locator('[data-field="job"]').innerText()).toContain('両方でオプトインに戻しました');
      const { aeOptedOut, sfOptedOut } = pairState(fx.org, prospectId);
      expect({ aeOptedOut, sfOptedOut }).toEqual({ aeOptedOut: false, sfOptedOut: false });
      expect(fx.sandbox.log.some((e) => e.route === 'ae-page:POST' && e.changed?.optedOut === false)).toBe(true);
      await closePage(page);
    },
  );
});
