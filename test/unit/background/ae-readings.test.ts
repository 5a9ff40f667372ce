/**
 * What the worker remembers of AE prospect pages for the Salesforce side's overlay: one reading
 * per host and prospect (the same id on pi.pardot.com and pi.demo.pardot.com is two prospects),
 * forgotten when its tab closes.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The fake browser has no ports; this test needs none.
const runtime = { ...fakeBrowser.runtime, onConnect: { addListener: () => undefined } };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, runtime } }));
const { lastReading, listenForAgents } = await import('../../../src/background/ae-agents');

const reading = (email: string, tabId: number) => ({
  state: { readable: true, email, optedOut: true, isDoNotEmail: false, crm: null, form: 'closed' },
  at: Date.now(),
  tabId,
  topHost: 'pi.pardot.com',
});

beforeEach(() => fakeBrowser.reset());

describe('readings of AE prospect pages', () => {
  it('tells the same prospect id on two AE hosts apart, and forgets a reading when its tab closes', async () => {
    listenForAgents();
    await fakeBrowser.storage.session.set({
      aeReadings: {
        'pi.pardot.com/1001': reading('production@example.com', 3),
        'pi.demo.pardot.com/1001': reading('sandbox@example.com', 4),
      },
    });
    expect((await lastReading('pi.pardot.com', 1001, 60_000))?.state).toMatchObject({
      email: 'production@example.com',
    });
    expect((await lastReading('pi.demo.pardot.com', 1001, 60_000))?.state).toMatchObject({
      email: 'sandbox@example.com',
    });
    await fakeBrowser.tabs.onRemoved.trigger(3, { windowId: 1, isWindowClosing: false });
    await expect.poll(() => lastReading('pi.pardot.com', 1001, 60_000)).toBeNull();
    expect(await lastReading('pi.demo.pardot.com', 1001, 60_000)).not.toBeNull();
  });
});
