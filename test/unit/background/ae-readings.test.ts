/**
 * What the worker remembers of AE prospect pages for the Salesforce side's overlay: one reading
 * per host and prospect (the same id on pi.pardot.com and pi.demo.pardot.com is two prospects),
 * dated by when the page read itself, forgotten when its tab closes.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PROSPECT_PAGE } from '../job-fixture';
import { type AgentPort, agentPort } from './agent-port';

// The fake browser has no ports: the page agents' connections are handed over here.
let connect: (port: AgentPort) => void = () => undefined;
const runtime = {
  ...fakeBrowser.runtime,
  id: 'guard',
  onConnect: { addListener: (listener: typeof connect) => (connect = listener) },
};
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

  /** A load of prospect 1001's page in `tabId` that began at `loadedAt`, heard by the worker now. */
  function heard(tabId: number, loadId: string, loadedAt: number, email = 'aiko.tanaka@sandbox.example') {
    const port = agentPort(tabId);
    connect(port);
    const state = { ...PROSPECT_PAGE, email };
    port.says({ type: 'ready', host: 'pi.pardot.com', prospectId: 1001, loadId, state, loadedAt });
  }

  it('dates a reading by when its load began, so a load the worker hears after the reload that replaced it is not taken for the newer page', async () => {
    listenForAgents();
    // The load began 4 s ago; a worker waking slowly hears it only now.
    const loadedAt = Date.now() - 4_000;
    heard(3, 'a', loadedAt);
    await expect.poll(async () => (await lastReading('pi.pardot.com', 1001))?.at).toBe(loadedAt);
  });

  it('keeps what the later load showed when an earlier load is heard after it', async () => {
    listenForAgents();
    const now = Date.now();
    heard(3, 'later', now - 1_000, 'later@example.com');
    await expect.poll(async () => (await lastReading('pi.pardot.com', 1001))?.state.email).toBe('later@example.com');
    heard(4, 'earlier', now - 5_000, 'earlier@example.com');
    heard(5, 'latest', now, 'latest@example.com');
    await expect.poll(async () => (await lastReading('pi.pardot.com', 1001))?.state.email).toBe('latest@example.com');
    heard(4, 'earlier-again', now - 5_000, 'earlier@example.com');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await lastReading('pi.pardot.com', 1001))?.state.email).toBe('latest@example.com');
  });

  it('never dates a reading after the moment the worker hears it', async () => {
    listenForAgents();
    const before = Date.now();
    heard(3, 'a', before + 3_600_000);
    await expect.poll(() => lastReading('pi.pardot.com', 1001)).not.toBeNull();
    expect((await lastReading('pi.pardot.com', 1001))?.at).toBeLessThanOrEqual(Date.now());
    expect((await lastReading('pi.pardot.com', 1001))?.at).toBeGreaterThanOrEqual(before);
  });
});
