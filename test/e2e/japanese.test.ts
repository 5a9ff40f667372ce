/** The same admin, in Japanese: Chromium in Japanese, Account Engagement's screens in Japanese. */
import { describe, expect, it } from 'vitest';
import { AE_LAYOUTS, FAST_SYNC, useOrg } from './fixture';
import { AE, closePage, optIn, overlay, pairState, readSettingsPage } from './harness';

const fx = useOrg({
  sandbox: { syncIntervalMs: 2000, locale: 'ja' },
  locale: 'ja',
  extension: FAST_SYNC,
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
    expect(await overlay(page).locator('[data-action="opt-in-both"]').innerText()).toBe('両側でオプトインに戻す');
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
      expect(await overlay(page).locator('[data-field="job"]').innerText()).toContain('両側でオプトインに戻しました');
      const { aeOptedOut, sfOptedOut } = pairState(fx.org, prospectId);
      expect({ aeOptedOut, sfOptedOut }).toEqual({ aeOptedOut: false, sfOptedOut: false });
      expect(fx.sandbox.log.some((e) => e.route === 'ae-page:POST' && e.changed?.optedOut === false)).toBe(true);
      await closePage(page);
    },
  );
});
