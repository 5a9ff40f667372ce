/** The same admin, in Japanese: Chromium in Japanese, Account Engagement's screens in Japanese. */
import { describe, expect, it } from 'vitest';
import { FAST_SYNC, useOrg } from './fixture';
import { AE, optIn, overlay } from './harness';

const fx = useOrg({
  sandbox: { syncIntervalMs: 2000, locale: 'ja' },
  locale: 'ja',
  extension: FAST_SYNC,
  reset: 'once',
});

describe('in Japanese', () => {
  it('reads 「[プロスペクトオプトアウト済み] 項目を上書き」 from the connector page and warns in Japanese', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/connector/edit/id/1`);
    await expect.poll(() => page.getByLabel('[プロスペクトオプトアウト済み] 項目を上書き').isChecked()).toBe(false);
    await page.waitForTimeout(300);
    await page.goto(`${AE}/prospect/read?id=1001`);
    await expect.poll(() => overlay(page).getAttribute('data-state')).toBe('option-off');
    await expect.poll(() => overlay(page).locator('[data-field="advice"]').innerText()).toContain('オフです');
    expect(await overlay(page).locator('[data-action="opt-in-both"]').innerText()).toBe('両側でオプトインに戻す');
    await page.close();
  });

  it('completes the opt-in with the page writer on Japanese AE screens (編集 → 追加の項目 → プロスペクトを保存)', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1008`);
    await optIn(page, '電話で依頼あり');
    await expect.poll(() => overlay(page).getAttribute('data-job'), { timeout: 30_000 }).toBe('done');
    expect(await overlay(page).locator('[data-field="job"]').innerText()).toContain('両側でオプトインに戻しました');
    const prospect = fx.sandbox.org.prospects.get(1008);
    expect(prospect?.optedOut).toBe(false);
    expect(fx.sandbox.org.records.get(prospect?.salesforceLeadId ?? '')?.HasOptedOutOfEmail).toBe(false);
    expect(fx.sandbox.log.some((e) => e.route === 'ae-page:POST' && e.wrote?.fields.optedOut === false)).toBe(true);
    await page.close();
  });
});
