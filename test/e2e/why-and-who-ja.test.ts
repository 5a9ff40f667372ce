/** Why and who, for a Japanese admin: the evidence Task in Japanese, and the window's history and earlier opt-ins. */
import { describe, expect, it } from 'vitest';
import { tasksOf } from '../sandbox/tasks';
import { STEADY_SYNC, useOrg } from './fixture';
import { AE, closePage, confirmIn, jobEnds, openConfirmation } from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000, locale: 'ja' }, locale: 'ja', extension: STEADY_SYNC });

describe('in Japanese', () => {
  it('writes the Task in Japanese, and shows it to the next admin with how each side got opted out', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const first = await openConfirmation(page);
    expect(await first.locator('label.check').innerText()).toContain('完了済みの ToDo として記録する');
    await first.locator('[data-field="record-task"]').check();
    await confirmIn(first, '電話で依頼あり');
    await jobEnds(fx.browser, page, 'done');
    await expect.poll(() => tasksOf(fx.sandbox.org).length).toBe(1);
    const [task] = tasksOf(fx.sandbox.org);
    expect(task?.Subject.startsWith('オプトアウト同期ガード：')).toBe(true);
    expect(task?.Description).toContain('理由: 電話で依頼あり');
    expect(task?.Description).toContain('Salesforce の [メール送信除外]: 変更前 オン、変更後 オフ');

    fx.sandbox.unsubscribe(1001);
    fx.sandbox.syncAll();
    await page.reload();
    const next = await openConfirmation(page);
    expect(await next.locator('[data-field="history"] h2').innerText()).toBe('それぞれがオプトアウトされた経緯');
    const history = await next.locator('[data-field="history-salesforce"]').innerText();
    expect(history).toMatch(/B2BMA Integration（コネクターの同期） ?がオンにしました/);
    expect(history).toContain('Sandbox Admin がオフにしました');
    expect(await next.locator('[data-field="restorations"]').innerText()).toContain('理由: 電話で依頼あり');
    await next.locator('[data-action="cancel"]').click();
    await closePage(page);
  });
});
