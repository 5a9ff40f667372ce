/**
 * Waiting on an AE page agent (background/ae-agents.ts): a job waits for its page's next load, a
 * command for its reply. Each wait is answered once: by what it waits for, or at once when its page
 * goes (the tab or the port closed), never left to its time running out.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROSPECT_PAGE } from '../job-fixture';
import { type AgentPort, agentPort } from './agent-port';

let connect: (port: AgentPort) => void = () => undefined;
const runtime = {
  ...fakeBrowser.runtime,
  id: 'guard',
  onConnect: { addListener: (listener: typeof connect) => (connect = listener) },
};
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, runtime } }));
const { ask, listenForAgents, nextLoad } = await import('../../../src/background/ae-agents');

const shows = PROSPECT_PAGE;

/** A load of prospect 1001's page in `tabId`, announced to the worker. */
function load(tabId: number, loadId: string, extra: { resumed?: true } = {}) {
  const port = agentPort(tabId);
  connect(port);
  port.says({
    type: 'ready',
    host: 'pi.pardot.com',
    prospectId: 1001,
    loadId,
    state: shows,
    loadedAt: Date.now(),
    ...extra,
  });
  return port;
}

const wanted = (tabId: number, notLoads: string[] = []) => ({
  tabId,
  host: 'pi.pardot.com',
  prospectId: 1001,
  notLoads: new Set(notLoads),
});

/** The page load bound the job uses: a wait answered before it is answered by the page, not the clock. */
const LOAD_BOUND_MS = 30_000;

beforeEach(() => {
  fakeBrowser.reset();
  vi.useFakeTimers();
  listenForAgents();
});
afterEach(() => vi.useRealTimers());

describe('waiting on an AE page', () => {
  it('hears at once that the admin closed the tab a job waits on, instead of waiting out the load bound', async () => {
    const waiting = nextLoad(wanted(7), LOAD_BOUND_MS);
    await fakeBrowser.tabs.onRemoved.trigger(7, { windowId: 1, isWindowClosing: false });
    await expect(waiting).rejects.toMatchObject({ code: 'ae-page-unavailable' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes a new load of the page in its tab, never a load it set aside or a page announcing itself again', async () => {
    load(8, 'before');
    const waiting = nextLoad(wanted(8, ['before']), LOAD_BOUND_MS);
    load(8, 'resumed', { resumed: true });
    load(9, 'other-tab');
    load(8, 'after');
    expect((await waiting).loadId).toBe('after');
  });

  it('takes the first load of a tab just opened, even when it came before the job listened', async () => {
    load(10, 'first');
    expect((await nextLoad(wanted(10), LOAD_BOUND_MS)).loadId).toBe('first');
  });

  it('answers a command with its own reply on its own port, checked against the command', async () => {
    const page = load(11, 'form');
    const other = load(12, 'other');
    const reading = ask({ port: page } as never, 'read', 5_000);
    const [command] = page.sent;
    other.says({ type: 'reply', id: command?.id, result: { state: { ...shows, form: 'edited' } } });
    page.says({ type: 'reply', id: command?.id, result: { state: shows } });
    expect((await reading).state).toMatchObject({ form: 'closed' });

    const prepared = ask({ port: page } as never, 'prepare', 5_000);
    page.says({ type: 'reply', id: page.sent[1]?.id, result: { state: shows } });
    await expect(prepared).rejects.toMatchObject({ code: 'ae-page-unavailable' });
  });

  it('answers a command whose page goes at once, as unavailable', async () => {
    const page = load(13, 'leaving');
    const committing = ask({ port: page } as never, 'commit', 5_000);
    page.closes();
    await expect(committing).rejects.toMatchObject({ code: 'ae-page-unavailable' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('answers a wait nothing answers when its time runs out', async () => {
    const waiting = nextLoad(wanted(14), LOAD_BOUND_MS);
    waiting.catch(() => undefined);
    await vi.advanceTimersByTimeAsync(LOAD_BOUND_MS);
    await expect(waiting).rejects.toMatchObject({ code: 'ae-page-unavailable' });
  });
});
