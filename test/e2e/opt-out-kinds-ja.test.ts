/** The scanner verdict for a Japanese admin: said for a scanner's trace with its reason, and not for a person. */
import { describe, expect, it } from 'vitest';
import { NEWSLETTER, type OptOutKind, optOutBy } from '../sandbox/opt-out-kinds';
import { STEADY_SYNC, useOrg } from './fixture';
import { AE, closePage, openConfirmation } from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000, locale: 'ja' }, locale: 'ja', extension: STEADY_SYNC });

async function verdictFor(kind: OptOutKind) {
  Object.assign(fx.sandbox.org.prospects.get(1001) ?? {}, { optedOut: false, activities: [] });
  optOutBy(fx.sandbox, 1001, kind);
  fx.sandbox.syncAll();
  const page = await fx.browser.context.newPage();
  await page.goto(`${AE}/prospect/read?id=1001`);
  const window = await openConfirmation(page);
  const verdict = window.locator('[data-field="history-scanner"]');
  const text = (await verdict.count()) ? await verdict.innerText() : null;
  await window.locator('[data-action="cancel"]').click();
  await closePage(page);
  return text;
}

describe('in Japanese', () => {
  it('says a link scanner did it, with the email, the seconds and the burst', async () => {
    const text = await verdictFor('link-scanner');
    expect(text).toContain('リンクスキャナーによるもので、本人の操作ではないようです');
    expect(text).toMatch(new RegExp(`「${NEWSLETTER.name}」からの配信停止は、メールの送信から \\d 秒後でした。`));
    expect(text).toContain(`「${NEWSLETTER.name}」の ${NEWSLETTER.links.length} 個のリンクが`);
    expect(text).toContain('本人から依頼があった場合にのみオプトインしてください');
  });

  it('says nothing of scanners for a person', async () => {
    expect(await verdictFor('person')).toBeNull();
  });
});
