/**
 * How the person got opted out, for every kind of opt-out the sandbox plays: the confirmation window
 * shows each one's history, and "looks like a link scanner, not a person" exactly for the scanner's
 * traces (an unsubscribe seconds after the send, a burst of clicks on every link), never for a person,
 * a one-click unsubscribe, the preference page, an import, a rule or a user, and never where the
 * activities could not be read. With an OAuth connection the activities come from API v5.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { NEWSLETTER, OPT_OUT_KINDS, type OptOutKind, optOutBy } from '../sandbox/opt-out-kinds';
import { STEADY_SYNC, useOrg } from './fixture';
import { AE, closePage, connectOAuth, openConfirmation, pairState } from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC });
const PROSPECT = 1001;

/** Opted in on both sides, then opted out the way `kind` does; the sync carries it to Salesforce. */
function optOut(kind: OptOutKind) {
  const { record } = pairState(fx.org, PROSPECT);
  Object.assign(fx.sandbox.org.prospects.get(PROSPECT) ?? {}, { optedOut: false, activities: [] });
  if (record) record.HasOptedOutOfEmail = false;
  optOutBy(fx.sandbox, PROSPECT, kind);
  fx.sandbox.syncAll();
  expect(pairState(fx.org, PROSPECT)).toMatchObject({ aeOptedOut: true, sfOptedOut: true });
}

async function confirmationFor(kind: OptOutKind): Promise<{ page: Page; window: Page }> {
  optOut(kind);
  const page = await fx.browser.context.newPage();
  await page.goto(`${AE}/prospect/read?id=${PROSPECT}`);
  return { page, window: await openConfirmation(page) };
}

const field = (window: Page, name: string) => window.locator(`[data-field="${name}"]`);
const SCANNER_KINDS: OptOutKind[] = ['link-scanner', 'link-scanner-unsubscribe'];
const AE_HISTORY: Record<OptOutKind, string> = {
  person: 'Unsubscribe Page',
  'link-scanner': 'Unsubscribe Page',
  'link-scanner-unsubscribe': 'Unsubscribe Page',
  'one-click': 'Unsubscribe Page',
  'preference-page': 'Email Preference Page',
  import: 'No opt-out activity in the list',
  'automation-rule': 'No opt-out activity in the list',
  user: 'No opt-out activity in the list',
};

describe('every kind of opt-out in the confirmation window', () => {
  it.each(OPT_OUT_KINDS)('%s: its history, and the scanner verdict only for a scanner', async (kind) => {
    const { page, window } = await confirmationFor(kind);
    const ae = await field(window, 'history-ae').innerText();
    expect(ae).toContain(AE_HISTORY[kind]);
    if (AE_HISTORY[kind] !== AE_HISTORY.import) expect(ae).toContain(NEWSLETTER.name);
    expect(await field(window, 'history-salesforce').innerText()).toContain('checked by B2BMA Integration');
    const verdict = field(window, 'history-scanner');
    if (SCANNER_KINDS.includes(kind)) {
      const text = await verdict.innerText();
      expect(text).toContain('Looks like a link scanner, not a person');
      expect(text).toMatch(
        new RegExp(`unsubscribe from “${NEWSLETTER.name}” came \\d seconds after the email was sent`),
      );
      if (kind === 'link-scanner')
        expect(text).toMatch(
          new RegExp(`${NEWSLETTER.links.length} links of “${NEWSLETTER.name}” were clicked within \\d+ seconds`),
        );
      else expect(await verdict.locator('[data-reason="burst"]').count()).toBe(0);
    } else {
      expect(await verdict.count()).toBe(0);
    }
    await window.locator('[data-action="cancel"]').click();
    await closePage(page);
  });

  it('gives the same verdict where the list names sends as the glossary does ("Email Sent Via List Emails")', async () => {
    fx.sandbox.config.aeActivityWording = 'glossary';
    const { page, window } = await confirmationFor('link-scanner');
    expect(await field(window, 'history-scanner').innerText()).toMatch(/came \d seconds after the email was sent/);
    await window.locator('[data-action="cancel"]').click();
    await closePage(page);
  });

  it('says nothing of scanners where the page shows no activity list, and says the list is missing', async () => {
    fx.sandbox.config.aeActivitiesShown = false;
    const { page, window } = await confirmationFor('link-scanner');
    expect(await field(window, 'history-ae').innerText()).toContain('shows no activity list');
    expect(await field(window, 'history-scanner').count()).toBe(0);
    await window.locator('[data-action="cancel"]').click();
    await closePage(page);
  });
});

describe('with an OAuth connection', () => {
  it('reads the activities from API v5 visitor activities, and gives the same verdict', async () => {
    await connectOAuth(fx.browser);
    const { page, window } = await confirmationFor('link-scanner');
    expect(fx.sandbox.log.some((entry) => entry.path?.startsWith('/api/v5/objects/visitor-activities?'))).toBe(true);
    expect(await field(window, 'history-ae').innerText()).toContain(`Unsubscribe Page: ${NEWSLETTER.name}`);
    expect(await field(window, 'history-scanner').innerText()).toContain('Looks like a link scanner, not a person');
    await window.locator('[data-action="cancel"]').click();
    await closePage(page);
  });

  it('gives no verdict for a person, by API too', async () => {
    await connectOAuth(fx.browser);
    const { page, window } = await confirmationFor('person');
    expect(await field(window, 'history-ae').innerText()).toContain('Unsubscribe Page');
    expect(await field(window, 'history-scanner').count()).toBe(0);
    await window.locator('[data-action="cancel"]').click();
    await closePage(page);
  });
});
