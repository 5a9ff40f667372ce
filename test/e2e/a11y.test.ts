/**
 * Every admin can use it: the options page, the popup and every state of the overlay pass axe-core
 * (WCAG 2.1 A/AA and best practices) with no violation, in English and in Japanese, and the text
 * holds at 200 % zoom (a 1280 px window at 200 % lays out as 640 CSS px: nothing is cut off).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { call } from '../sandbox/client';
import { type Fixture, useOrg } from './fixture';
import {
  AE,
  closePage,
  confirmIn,
  expireConfirmations,
  LIGHTNING,
  liveWorker,
  openConfirmation,
  optIn,
  overlay,
  pairState,
  readSettingsPage,
} from './harness';

const en = useOrg({
  locale: 'en',
  reset: 'once',
  extension: { syncIntervalSeconds: 60, marginSeconds: 5, pollSeconds: 1 },
});
const ja = useOrg({
  sandbox: { locale: 'ja' },
  locale: 'ja',
  reset: 'once',
  extension: { syncIntervalSeconds: 60, marginSeconds: 5, pollSeconds: 1 },
});
const LANGUAGES: [string, Fixture][] = [
  ['English', en],
  ['Japanese', ja],
];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * axe-core's violations inside the given part of the page, as "rule: target" lines. axe runs in the
 * page itself (`axe.run`, the library's legacy mode): its default runs each frame apart and joins the
 * results in a blank page it opens for every check, which took most of this file's time. The two differ
 * only for cross-origin frames, which legacy mode leaves out: none of the pages checked whole has a
 * frame (checked here), and the overlay's Shadow DOM holds none.
 */
async function violations(page: Page, include?: string): Promise<string[]> {
  if (!include) expect(page.frames()).toHaveLength(1);
  const builder = new AxeBuilder({ page }).withTags(TAGS).setLegacyMode();
  if (include) builder.include(include);
  const { violations: found } = await builder.analyze();
  return found.flatMap((v) => v.nodes.map((node) => `${v.id} (${v.impact}): ${node.target.join(' ')} — ${v.help}`));
}

const OVERLAY = '[data-optout-sync-guard="overlay"]';

/**
 * Text in the overlay below WCAG's contrast (4.5:1, 3:1 for large text). axe-core cannot tell the
 * background of the overlay's Shadow DOM (it reports "unable to determine", not a violation), so
 * the overlay's contrast is measured here from the computed colours.
 */
async function lowContrast(page: Page): Promise<string[]> {
  return overlay(page).evaluate((host) => {
    const rgba = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const channel = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    /** The nearest opaque background behind an element, through the shadow root to the page. */
    const background = (from: Element) => {
      for (let el: Element | null = from; el; ) {
        const color = rgba(getComputedStyle(el).backgroundColor);
        if (color.length === 3 || color[3] === 1) return color;
        el = el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
      }
      return [255, 255, 255];
    };
    const problems: string[] = [];
    for (const el of host.shadowRoot?.querySelectorAll('*') ?? []) {
      const text = [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
      if (!text || el.closest('[disabled]') || el.closest('details:not([open]) > :not(summary)')) continue;
      const style = getComputedStyle(el);
      const [fg, bg] = [luminance(rgba(style.color)), luminance(background(el))];
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      const size = Number.parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5))
        problems.push(`contrast ${ratio.toFixed(2)}: ${el.textContent?.trim().slice(0, 40)}`);
    }
    return problems;
  });
}

/** How a state is reached, on the sandbox org as an admin would reach it. */
type Reach = (fx: Fixture, page: Page) => Promise<void>;

/**
 * Each state the overlay can show, and whether reaching it leaves the org or the extension other than
 * prepared (a job, learned settings, an open confirmation, an expired session): the states that only
 * read come first and share one preparation; a state after one that changed something starts afresh.
 */
const STATES: [string, Reach, boolean][] = [
  [
    'option unknown, with the opt-in button',
    async (_fx, page) => {
      await page.goto(`${AE}/prospect/read?id=1001`);
      await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
    },
    false,
  ],
  [
    'not linked',
    async (_fx, page) => {
      await page.goto(`${AE}/prospect/read?id=1005`);
      await overlay(page).and(page.locator('[data-state="not-linked"]')).waitFor();
    },
    false,
  ],
  [
    'still unmailable',
    async (_fx, page) => {
      await page.goto(`${AE}/prospect/read?id=1004`);
      await overlay(page).locator('[data-field="unmailable"]').first().waitFor();
    },
    false,
  ],
  [
    'on a Lightning record page',
    async (fx, page) => {
      const { record } = pairState(fx.org, 1003);
      await page.goto(`${LIGHTNING}/lightning/r/${record?.object}/${record?.Id}/view`);
      await overlay(page).locator('[data-side="salesforce"]').waitFor();
    },
    false,
  ],
  [
    'option off, "Why?" unfolded',
    async (fx, page) => {
      await readSettingsPage(fx.browser, `${AE}/connector/edit/id/1`, (all) =>
        Object.values(all).some((s) => s.overwriteOptedOut === 'off'),
      );
      await page.goto(`${AE}/prospect/read?id=1001`);
      await overlay(page).and(page.locator('[data-state="option-off"]')).waitFor();
      await overlay(page).locator('details.why > summary').first().click();
    },
    true,
  ],
  [
    'the confirmation window offered',
    async (_fx, page) => {
      await page.goto(`${AE}/prospect/read?id=1001`);
      await closePage(await openConfirmation(page));
      await overlay(page).locator('[data-field="offered"]').waitFor();
    },
    true,
  ],
  [
    'waiting for the sync, then done',
    async (fx, page) => {
      await page.goto(`${AE}/prospect/read?id=1001`);
      await optIn(page, 'Asked by phone');
      await overlay(page).locator('[data-phase="waiting-for-sync"]').waitFor({ timeout: 30_000 });
      expect(await violations(page, OVERLAY)).toEqual([]);
      fx.sandbox.syncAll();
      await overlay(page).and(page.locator('[data-job="done"]')).waitFor({ timeout: 30_000 });
    },
    true,
  ],
  [
    'how each side got opted out, the earlier opt-in and who undid it, unfolded',
    async (fx, page) => {
      await page.goto(`${AE}/prospect/read?id=1001`);
      const window = await openConfirmation(page);
      await window.locator('[data-field="record-task"]').check();
      await confirmIn(window, 'Asked by phone');
      await overlay(page).locator('[data-phase="waiting-for-sync"]').waitFor({ timeout: 30_000 });
      fx.sandbox.syncAll();
      await overlay(page).and(page.locator('[data-job="done"]')).waitFor({ timeout: 30_000 });
      // Another email tool checks Email Opt Out again; the watch's look (a sync later) is put in the audit here.
      const recordId = pairState(fx.org, 1001).record?.Id;
      const body = { recordId, set: { HasOptedOutOfEmail: true }, by: 'other-integration' };
      expect((await call(fx.org, { method: 'POST', path: '/__sandbox/records', body })).status).toBe(200);
      const worker = await liveWorker(fx.browser);
      await worker.evaluate(async () => {
        const audit = ((await chrome.storage.local.get('audit')).audit ?? []) as Record<string, unknown>[];
        const undone = { at: Date.now(), sides: ['salesforce'], by: 'user', who: 'Act-On Integration' };
        for (const entry of audit) if (entry.outcome === 'done') entry.undone = undone;
        await chrome.storage.local.set({ audit });
      });
      await page.reload();
      await overlay(page).locator('[data-field="undone"]').waitFor();
      await overlay(page).locator('[data-field="overlay-history"] > summary').click();
      await overlay(page).locator('[data-field="overlay-history"] [data-field="restorations"]').waitFor();
    },
    true,
  ],
  [
    'failed: the role cannot change Opted Out',
    async (fx, page) => {
      fx.sandbox.config.aeUserCanEditOptedOut = false;
      await page.goto(`${AE}/prospect/read?id=1008`);
      await optIn(page, 'Asked by email');
      await overlay(page).and(page.locator('[data-job="failed"]')).waitFor({ timeout: 30_000 });
    },
    true,
  ],
  [
    'error: the session expired',
    async (fx, page) => {
      fx.sandbox.expireTokens();
      await page.goto(`${AE}/prospect/read?id=1002`);
      await overlay(page)
        .and(page.locator('[data-state="error"]'))
        .or(overlay(page).locator('[data-field="problem"]'))
        .first()
        .waitFor();
    },
    true,
  ],
];

describe('the accessibility check', () => {
  it('sees into the overlay’s Shadow DOM: an unnamed button or faint text there is a violation', async () => {
    await en.prepare();
    const page = await en.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
    await overlay(page).evaluate((host) => {
      const panel = host.shadowRoot?.querySelector('.panel');
      panel?.insertAdjacentHTML('beforeend', '<button type="button"></button><p style="color:#ddd">faint</p>');
    });
    const found = await violations(page, OVERLAY);
    expect(found.some((line) => line.startsWith('button-name'))).toBe(true);
    expect((await lowContrast(page)).some((line) => line.endsWith('faint'))).toBe(true);
    await closePage(page);
  });
});

describe.each(LANGUAGES)('accessibility in %s', (_language, fx) => {
  /** Whether the org or the extension may differ from prepared (the first state prepares, to be sure). */
  let changed = true;
  it.each(STATES)('the overlay has no axe-core violation: %s', async (_state, reach, changes) => {
    if (changed) await fx.prepare();
    changed = changes;
    const page = await fx.browser.context.newPage();
    await reach(fx, page);
    expect(await violations(page, OVERLAY)).toEqual([]);
    expect(await lowContrast(page)).toEqual([]);
    await closePage(page);
  });

  it('the options page has no axe-core violation, with a checklist, the delete question and the policy open', async () => {
    await fx.prepare();
    const page = await fx.browser.context.newPage();
    await page.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
    await page.locator('[data-field="check-url"]').fill(`${AE}/prospect/read?id=1001`);
    await page.locator('[data-action="check-org"]').click();
    await page.locator('[data-field="checklist"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-action="delete-my-data"]').click();
    await page.locator('#privacy > summary').click();
    expect(await violations(page)).toEqual([]);
    await closePage(page);
  });

  it('the confirmation window has no axe-core violation, as it opens, filled in, and expired', async () => {
    await fx.prepare();
    const page = await fx.browser.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1001`);
    const window = await openConfirmation(page);
    expect(await violations(window)).toEqual([]);
    await window.locator('[data-field="reason"]').fill('Asked by phone');
    expect(await violations(window)).toEqual([]);
    // The worker's deadline passes: the window says so and offers to read again.
    await expireConfirmations(fx.browser);
    await window.locator('[data-action="confirm"]').click();
    await window.locator('[data-field="expired"]').waitFor();
    expect(await violations(window)).toEqual([]);
    await closePage(window);
    await closePage(page);
  });

  it('Restore a list has no axe-core violation, empty and with a preview', async () => {
    await fx.prepare();
    const page = await fx.browser.context.newPage();
    await page.goto(`chrome-extension://${fx.browser.extensionId}/src/restore/index.html`);
    await page.locator('[data-field="org"] option').first().waitFor({ state: 'attached' });
    expect(await violations(page)).toEqual([]);
    await page
      .locator('[data-field="list"]')
      .fill(
        'email,evidence\naiko.tanaka@sandbox.example,asked by phone\nnobody@example.com,asked\nben.carter@sandbox.example,',
      );
    await page.locator('[data-field="preview"]').click();
    await page.locator('[data-field="rows"] tr[data-line="2"]').waitFor();
    expect(await violations(page)).toEqual([]);
    await closePage(page);
  });

  it('the popup has no axe-core violation', async () => {
    const page = await fx.browser.context.newPage();
    await page.goto(`chrome-extension://${fx.browser.extensionId}/src/popup/index.html`);
    await page.locator('main.popup button').first().waitFor();
    expect(await violations(page)).toEqual([]);
    await closePage(page);
  });

  it('loses no text at 200 % zoom: the options page and the overlay fit 640 CSS px without cutting text', async () => {
    await fx.prepare();
    const page = await fx.browser.context.newPage();
    await page.setViewportSize({ width: 640, height: 400 });
    await page.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
    await page.locator('[data-section="my-data"]').waitFor();
    // No sideways scrolling of the page: every line wraps within the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(640);
    await page.goto(`${AE}/prospect/read?id=1001`);
    await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
    const clipped = await overlay(page).evaluate((host) => {
      const panel = host.shadowRoot?.querySelector('.panel');
      if (!panel) return ['no panel'];
      const box = panel.getBoundingClientRect();
      // The panel scrolls vertically when taller than the window; sideways, nothing may stick out.
      return [...panel.querySelectorAll('p, dt, dd, button, summary, h2')]
        .filter((el) => el.getBoundingClientRect().right > box.right + 0.5 || el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent ?? '');
    });
    expect(clipped).toEqual([]);
    // In Lightning's font stack, not the browser's default serif (the host's reset would bring it back).
    const font = await overlay(page).evaluate(
      (host) => getComputedStyle(host.shadowRoot?.querySelector('h2') ?? host).fontFamily,
    );
    expect(font).toMatch(/^-apple-system, BlinkMacSystemFont, "Segoe UI"/);
    await closePage(page);
  });
});
