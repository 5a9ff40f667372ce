/** The worker's front door refuses anything that is not this extension's own page talking about itself. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { route, refusedMessages } = await import('../../../src/background/router');

const PROSPECT_URL = 'https://pi.pardot.com/prospect/read?id=1001';
const prospectPage = (prospectId: number) => ({ kind: 'ae-prospect', host: 'pi.pardot.com', prospectId });
const contentScript = (url: string, frameId = 0) => ({
  id: fakeBrowser.runtime.id,
  url,
  frameId,
  tab: { id: 7, url, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
});

beforeEach(() => {
  fakeBrowser.reset();
  refusedMessages.count = 0;
});

describe('messages into the service worker', () => {
  it('refuses a content script asking about another prospect than the page it is on', async () => {
    const reply = await route({ type: 'offer-opt-in', page: prospectPage(1002) }, contentScript(PROSPECT_URL));
    expect(reply).toEqual({ ok: false, error: 'wrong-sender' });
    expect(refusedMessages.count).toBe(1);
  });

  it('refuses messages from other extensions', async () => {
    const reply = await route(
      { type: 'page-status', page: prospectPage(1001) },
      { ...contentScript(PROSPECT_URL), id: 'another-extension' },
    );
    expect(reply).toEqual({ ok: false, error: 'wrong-sender' });
  });

  it('refuses malformed messages and unknown fields', async () => {
    for (const message of [
      null,
      'page-status',
      { type: 'page-status' },
      { type: 'page-status', page: prospectPage(1001), extra: 1 },
      { type: 'drop-tables' },
    ]) {
      expect(await route(message, contentScript(PROSPECT_URL))).toEqual({ ok: false, error: 'bad-request' });
    }
    expect(refusedMessages.count).toBe(5);
  });

  it('takes no decision from a page: a reason or a confirmation sent by a content script is refused', async () => {
    const id = '0b7c8a52-3f1e-4c55-9a63-2d3f1b8e9a10';
    for (const message of [
      // The old in-page confirmation's shape: a page's request carries no reason any more.
      { type: 'offer-opt-in', page: prospectPage(1001), reason: 'forged' },
      { type: 'start-opt-in', page: prospectPage(1001), reason: 'forged', confirmedEmail: 'x@example.com' },
      // Only the extension's own confirmation window may confirm.
      { type: 'confirmation-confirm', id, reason: 'forged', email: 'x@example.com' },
      { type: 'confirmation-read', id },
    ]) {
      expect(await route(message, contentScript(PROSPECT_URL))).toEqual({ ok: false, error: 'bad-request' });
    }
    expect(refusedMessages.count).toBe(4);
  });

  it('refuses a confirmation the worker does not hold, from the extension’s own window too', async () => {
    const window = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('src/confirm/index.html') };
    const reply = await route(
      { type: 'confirmation-confirm', id: '0b7c8a52-3f1e-4c55-9a63-2d3f1b8e9a10', reason: 'asked', email: 'x@e.com' },
      window,
    );
    expect(reply).toEqual({ ok: false, error: 'confirmation-expired' });
  });

  it('keeps options-page requests away from content scripts', async () => {
    const reply = await route({ type: 'export-audit' }, contentScript(PROSPECT_URL));
    expect(reply).toEqual({ ok: false, error: 'bad-request' });
  });

  it('refuses a settings reading sent from a prospect page', async () => {
    const reply = await route(
      { type: 'settings-read', page: prospectPage(1001), reading: { overwriteOptedOut: 'on' } },
      contentScript(PROSPECT_URL),
    );
    expect(reply).toEqual({ ok: false, error: 'wrong-sender' });
  });

  it('judges a frame inside the AE Lightning app by its own URL, not the tab’s', async () => {
    const framed = (frameUrl: string) => ({
      ...contentScript(frameUrl, 3),
      tab: { ...contentScript('https://acme.lightning.force.com/lightning/page/pardot/prospect').tab },
    });
    // The frame shows prospect 1001 and asks about it: let through (whatever the worker then answers).
    const own = await route({ type: 'page-status', page: prospectPage(1001) }, framed(PROSPECT_URL));
    expect(own).not.toEqual({ ok: false, error: 'wrong-sender' });
    expect(refusedMessages.count).toBe(0);
    // The frame shows 1002 and asks about 1001: refused, though the tab's URL names no prospect at all.
    const other = await route(
      { type: 'page-status', page: prospectPage(1001) },
      framed('https://pi.pardot.com/prospect/read?id=1002'),
    );
    expect(other).toEqual({ ok: false, error: 'wrong-sender' });
  });

  it('refuses an AE frame whose tab is another site', async () => {
    const sender = {
      ...contentScript(PROSPECT_URL, 3),
      // Without host permission for the tab, Chrome gives no tab URL.
      tab: { ...contentScript('https://pi.pardot.com/').tab, url: undefined },
    };
    expect(await route({ type: 'page-status', page: prospectPage(1001) }, sender)).toEqual({
      ok: false,
      error: 'wrong-sender',
    });
    const elsewhere = { ...sender, tab: { ...sender.tab, url: 'https://prizes.example/' } };
    expect(await route({ type: 'page-status', page: prospectPage(1001) }, elsewhere)).toEqual({
      ok: false,
      error: 'wrong-sender',
    });
    expect(refusedMessages.count).toBe(2);
  });
});
