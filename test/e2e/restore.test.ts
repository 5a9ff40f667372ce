/**
 * Restore a list, end to end: the admin pastes rows into the extension's own
 * page, reads the preview, confirms once, and the rows run as normal opt-in
 * jobs against the sandbox org.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FAST_SYNC, useOrg } from './fixture';
import { AE, auditLog, closePage, connectOAuth, liveWorker, productWrites, signIn, stopServiceWorker } from './harness';

const LOAD = 4;
/** Rows of the list that watches where the page writer's tabs open: more than its bound of open pages. */
const WIDE = 8;
/** The page writer's bound on open pages (src/background/writer-window.ts). */
const WRITER_TABS = 3;
const fx = useOrg({ sandbox: { syncIntervalMs: 2000, extraLinkedPairs: WIDE }, extension: FAST_SYNC });

async function openRestore(hash = ''): Promise<Page> {
  const page = await fx.browser.context.newPage();
  await page.goto(`chrome-extension://${fx.browser.extensionId}/src/restore/index.html${hash}`);
  await page.locator('[data-field="org"] option').first().waitFor({ state: 'attached' });
  return page;
}

async function preview(page: Page, list: string, concurrency = 2): Promise<void> {
  await page.locator('[data-field="concurrency"]').fill(String(concurrency));
  await page.locator('[data-field="list"]').fill(list);
  await page.locator('[data-field="preview"]').click();
}

const row = (page: Page, line: number) => page.locator(`[data-field="rows"] tr[data-line="${line}"]`);
/** The rows not done, each with its state and what its result cell says: none, when every row is done. */
const rowsNotDone = (page: Page) =>
  page
    .locator('[data-field="rows"] tr[data-state]:not([data-state="done"])')
    .evaluateAll((rows) =>
      rows.map((r) => `line ${r.getAttribute('data-line')} ${r.getAttribute('data-state')}: ${r.textContent}`),
    );
const record = (email: string) => [...fx.sandbox.org.records.values()].find((r) => r.Email === email);
const prospect = (email: string) => [...fx.sandbox.org.prospects.values()].find((p) => p.email === email);
const loadList = (from: number, to: number) =>
  [
    'email,evidence',
    ...Array.from(
      { length: to - from + 1 },
      (_, i) => `load${from + i}@sandbox.example,replied on 3 Feb asking to stay`,
    ),
  ].join('\n');

describe('Restore a list', () => {
  it('previews each row with what will happen, refuses bad rows with their reason, and writes nothing', async () => {
    const page = await openRestore();
    const sfCallsBefore = fx.sandbox.sfCallsToday;
    await preview(
      page,
      [
        '\uFEFFメールアドレス;根拠',
        'Aiko.Tanaka@sandbox.example;"replied to the 3 Feb email; asked to stay"',
        'shared@sandbox.example;asked by phone',
        'ian.wu@sandbox.example;asked by phone',
        'nobody@example.com;asked by phone',
        'emi.ito@sandbox.example;',
        'ben.carter@sandbox.example;=HYPERLINK("http://x","y")',
        'aiko.tanaka@sandbox.example;again',
      ].join('\r\n'),
    );
    await row(page, 2).waitFor();
    expect(await row(page, 2).getAttribute('data-verdict')).toBe('will-opt-in');
    expect(await row(page, 3).getAttribute('data-verdict')).toBe('several-matches');
    // Both records the shared email matches are listed, neither picked.
    expect(await row(page, 3).locator('[data-field="candidate"]').count()).toBe(2);
    expect(await row(page, 4).getAttribute('data-verdict')).toBe('check-ae');
    expect(await row(page, 5).getAttribute('data-verdict')).toBe('no-match');
    const refused = page.locator('[data-field="refused"] tr[data-line]');
    expect(await refused.evaluateAll((rows) => rows.map((r) => [r.dataset.line, r.dataset.problem]))).toEqual([
      ['6', 'evidence-missing'],
      ['7', 'formula'],
      ['8', 'same-person-other-case'],
    ]);
    // The Salesforce side of ian.wu is opted in already: the row runs, and its job reads the AE side.
    expect(await page.locator('[data-field="count"]').innerText()).toMatch(/^2 /);
    expect(await page.locator('[data-field="cost"]').innerText()).toMatch(/left today/);
    // Bulk reads: one query per object for all the emails, plus the daily allowance, whatever the row count.
    expect(fx.sandbox.sfCallsToday - sfCallsBefore).toBeLessThanOrEqual(4);
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });

  it('with an API connection, reads AE in bulk and never runs a row whose person opted out after its evidence date', async () => {
    await connectOAuth(fx.browser);
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    // load2 unsubscribes again now, after the date on its row; the others' opt-outs are a day old.
    const again = prospect('load2@sandbox.example');
    if (!again) throw new Error('no load2 prospect');
    fx.sandbox.unsubscribe(again.id);
    const aeCallsBefore = fx.sandbox.aeCallsToday;
    const page = await openRestore();
    await preview(
      page,
      [
        'email,evidence,evidence_date',
        `load1@sandbox.example,replied asking to stay,${hoursAgo(2)}`,
        `load2@sandbox.example,replied asking to stay,${hoursAgo(2)}`,
        'load3@sandbox.example,replied asking to stay,',
      ].join('\n'),
    );
    await row(page, 2).waitFor();
    expect(await page.locator('[data-field="ae-read"]').getAttribute('data-read')).toBe('true');
    expect(await row(page, 2).getAttribute('data-verdict')).toBe('will-opt-in');
    expect(await row(page, 2).locator('[data-field="opt-out-check"]').getAttribute('data-check')).toBe('clear');
    expect(await row(page, 3).getAttribute('data-verdict')).toBe('opted-out-again');
    expect(await row(page, 3).innerText()).toMatch(/opted out again after the evidence date/i);
    expect(await row(page, 3).locator('[data-field="opt-out-check"]').getAttribute('data-check')).toBe(
      'after-evidence',
    );
    // A row without a date says its opt-outs were not checked, rather than guessing.
    expect(await row(page, 4).locator('[data-field="opt-out-check"]').getAttribute('data-check')).toBe('no-date');
    // The AE side of each row is shown: Opted Out as AE holds it.
    expect(await row(page, 2).locator('[data-field="candidate"]').innerText()).toMatch(
      /Account Engagement: Opted Out: Yes/,
    );
    // Three rows' prospects and activities in a few calls: one query of each kind for ids this close.
    expect(fx.sandbox.aeCallsToday - aeCallsBefore).toBeLessThanOrEqual(3);
    expect(await page.locator('[data-field="count"]').innerText()).toMatch(/^2 /);
    await page.locator('[data-field="confirm-batch"]').click();
    await page.locator('[data-field="batch"][data-state="finished"]').waitFor({ timeout: 60_000 });
    expect(await row(page, 3).getAttribute('data-state')).toBe('skipped');
    // The person who opted out again is left as they chose, on both sides.
    expect(prospect('load2@sandbox.example')?.optedOut).toBe(true);
    expect(record('load2@sandbox.example')?.HasOptedOutOfEmail).toBe(true);
    expect(prospect('load1@sandbox.example')?.optedOut).toBe(false);
    await closePage(page);
  });

  it('without an API connection, says in each row that opt-outs after its evidence date were not read', async () => {
    const aeCallsBefore = fx.sandbox.aeCallsToday;
    const page = await openRestore();
    await preview(page, `email,evidence,evidence_date\nload1@sandbox.example,replied,2026-02-03`);
    await row(page, 2).waitFor();
    expect(await page.locator('[data-field="ae-read"]').getAttribute('data-read')).toBe('false');
    expect(await row(page, 2).getAttribute('data-verdict')).toBe('will-opt-in');
    expect(await row(page, 2).locator('[data-field="opt-out-check"]').getAttribute('data-check')).toBe('no-api');
    expect(fx.sandbox.aeCallsToday).toBe(aeCallsBefore);
    await closePage(page);
  });

  it("refuses to confirm a batch that would exhaust the org's daily API allowance", async () => {
    fx.sandbox.config.sfDailyLimit = 15;
    const page = await openRestore();
    await preview(page, loadList(1, LOAD));
    await page.locator('[data-field="over-budget"]').waitFor();
    expect(await page.locator('[data-field="confirm-batch"]').isDisabled()).toBe(true);
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });

  it('refuses a list with an unknown column, or too large, before reading any row', async () => {
    const page = await openRestore();
    await preview(page, 'email,evidence,owner\naiko.tanaka@sandbox.example,asked,me');
    await expect
      .poll(() => page.locator('[data-field="list-problem"]').getAttribute('data-problem'))
      .toBe('unknown-columns');
    expect(await page.locator('[data-field="list-problem"]').innerText()).toContain('owner');
    await page.locator('[data-field="file"]').setInputFiles({
      name: 'huge.csv',
      mimeType: 'text/csv',
      buffer: Buffer.alloc(1_100_000, 'a'),
    });
    await expect.poll(() => page.locator('[data-field="list-problem"]').getAttribute('data-problem')).toBe('too-large');
    expect(productWrites(fx.org)).toEqual([]);
    await closePage(page);
  });

  it('runs the batch as opt-in jobs, paused across a worker stop, then resumed, with a result CSV and audit entries', async () => {
    let page = await openRestore();
    await preview(page, loadList(1, LOAD), 1);
    await page.locator('[data-field="confirm-batch"]').click();
    await page.locator('[data-field="pause"]').click();
    await page.locator('[data-field="resume"]').waitFor();
    const batchId = new URL(page.url()).hash.slice(1);
    await closePage(page);
    await stopServiceWorker(fx.browser);
    // Back after the worker stopped: the batch is still paused, and no row beyond the first started.
    page = await openRestore(`#${batchId}`);
    await page.locator('[data-field="resume"]').waitFor();
    expect(await page.locator('[data-field="rows"] tr[data-state="waiting"]').count()).toBeGreaterThanOrEqual(LOAD - 1);
    await page.locator('[data-field="resume"]').click();
    await page.locator('[data-field="batch"][data-state="finished"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-field="rows"] tbody').innerText()).not.toMatch(/Not done/);
    expect(await page.locator('[data-field="rows"] tr[data-state="done"]').count()).toBe(LOAD);
    for (let i = 1; i <= LOAD; i++) {
      expect(record(`load${i}@sandbox.example`)?.HasOptedOutOfEmail).toBe(false);
      expect(prospect(`load${i}@sandbox.example`)?.optedOut).toBe(false);
    }
    const entries = (await auditLog(fx.browser)) as unknown as { batchId?: string; reason: string; outcome: string }[];
    const ofBatch = entries.filter((e) => e.batchId === batchId);
    expect(ofBatch).toHaveLength(LOAD);
    expect(ofBatch.every((e) => e.reason === 'replied on 3 Feb asking to stay' && e.outcome === 'done')).toBe(true);

    const download = page.waitForEvent('download');
    await page.locator('[data-field="export"]').click();
    const path = await (await download).path();
    const csv = (await import('node:fs')).readFileSync(path, 'utf8');
    expect(csv.startsWith('\uFEFF"line","email"')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(LOAD + 1);
    // Every cell quoted; each row with its person, records, evidence, outcome, job and batch.
    expect(lines[1]).toMatch(
      new RegExp(
        `^"2","load1@sandbox.example","\\d+","003\\w{15}","replied on 3 Feb asking to stay","will-opt-in","done","","ae salesforce","[0-9a-f-]{36}","${batchId}"$`,
      ),
    );
    await closePage(page);
  });

  it('pauses before the next row when the Salesforce session expired, writes nothing, and finishes once the admin signs in and resumes', async () => {
    const page = await openRestore();
    await preview(page, loadList(1, LOAD), 1);
    await page.locator('[data-field="confirm-batch"]').waitFor();
    const writesBefore = productWrites(fx.org).length;
    fx.sandbox.expireTokens();
    await page.locator('[data-field="confirm-batch"]').click();
    // Every row needs the session: the row that met the expiry, having written nothing, waits for it
    // with the others rather than fail, and so do they.
    await page.locator('[data-field="paused-for"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-field="paused-for"]').innerText()).toMatch(/session has expired/);
    await expect.poll(() => page.locator('[data-field="rows"] tr[data-state="waiting"]').count()).toBe(LOAD);
    expect(await page.locator('[data-field="rows"] tr[data-state="failed"]').count()).toBe(0);
    expect(productWrites(fx.org).length).toBe(writesBefore);
    await signIn(fx.browser.context);
    await page.locator('[data-field="resume"]').click();
    await page.locator('[data-field="batch"][data-state="finished"]').waitFor({ timeout: 60_000 });
    expect(await rowsNotDone(page)).toEqual([]);
    expect(await page.locator('[data-field="rows"] tr[data-state="done"]').count()).toBe(LOAD);
    await closePage(page);
  });

  it("opens the page writer's tabs in one window of its own, a bounded number at a time, never among the admin's tabs", async () => {
    const page = await openRestore();
    const worker = await liveWorker(fx.browser);
    const tabs = () =>
      worker.evaluate(async () =>
        (await chrome.tabs.query({})).map((tab) => ({
          windowId: tab.windowId,
          // The Restore page's own address gains the batch's id after Confirm: compared without it.
          url: (tab.pendingUrl || tab.url || '').split('#')[0] as string,
          restore: (tab.url ?? '').includes('/src/restore/'),
        })),
      );
    const adminWindow = (await tabs()).find((tab) => tab.restore)?.windowId;
    const adminTabs = async () => (await tabs()).filter((tab) => tab.windowId === adminWindow).map((tab) => tab.url);
    const before = await adminTabs();
    await preview(page, loadList(1, WIDE), 5);
    await page.locator('[data-field="confirm-batch"]').click();
    const seen = { most: 0, windows: new Set<number>(), windowsAtOnce: 0, inAdminWindow: 0, adminTabsChanged: false };
    const finished = page.locator('[data-field="batch"][data-state="finished"]');
    while (!(await finished.count())) {
      const now = await tabs();
      const writer = now.filter((tab) => tab.url.startsWith(AE));
      seen.most = Math.max(seen.most, writer.length);
      for (const tab of writer) seen.windows.add(tab.windowId);
      seen.windowsAtOnce = Math.max(seen.windowsAtOnce, new Set(writer.map((tab) => tab.windowId)).size);
      seen.inAdminWindow += writer.filter((tab) => tab.windowId === adminWindow).length;
      const admin = now.filter((tab) => tab.windowId === adminWindow).map((tab) => tab.url);
      if (JSON.stringify(admin) !== JSON.stringify(before)) seen.adminTabsChanged = true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await rowsNotDone(page)).toEqual([]);
    expect(await page.locator('[data-field="rows"] tr[data-state="done"]').count()).toBe(WIDE);
    expect(seen.inAdminWindow).toBe(0);
    expect(seen.adminTabsChanged).toBe(false);
    expect(await adminTabs()).toEqual(before);
    // The writer's pages were in one window at any moment, never more than its bound at once. Chrome
    // closes that window with its last tab when every running row waits for the sync (writer-window.ts),
    // and the next page opens a new one, as for a single opt-in (opt-in.test.ts).
    expect(seen.windowsAtOnce).toBe(1);
    expect(seen.windows.has(adminWindow as number)).toBe(false);
    expect(seen.most).toBeGreaterThan(0);
    expect(seen.most).toBeLessThanOrEqual(WRITER_TABS);
    // With no job needing a page, the window is gone.
    await expect
      .poll(() =>
        worker.evaluate(
          async (ids) => (await chrome.windows.getAll()).some((w) => w.id !== undefined && ids.includes(w.id)),
          [...seen.windows],
        ),
      )
      .toBe(false);
    await closePage(page);
  });

  it('cancels the rows not started: they stay opted out, untouched', async () => {
    const page = await openRestore();
    await preview(page, loadList(1, LOAD), 1);
    await page.locator('[data-field="confirm-batch"]').click();
    await page.locator('[data-field="cancel"]').click();
    await page.locator('[data-field="batch"][data-state="cancelled"]').waitFor();
    await expect
      .poll(() => page.locator('[data-field="rows"] tr[data-state="running"]').count(), { timeout: 40_000 })
      .toBe(0);
    const cancelled = await page
      .locator('[data-field="rows"] tr[data-state="cancelled"]')
      .evaluateAll((rows) => rows.map((r) => Number(r.dataset.line)));
    expect(cancelled.length).toBeGreaterThanOrEqual(LOAD - 1);
    for (const line of cancelled) {
      const email = `load${line - 1}@sandbox.example`;
      expect(record(email)?.HasOptedOutOfEmail).toBe(true);
      expect(prospect(email)?.optedOut).toBe(true);
    }
    await closePage(page);
  });
});
