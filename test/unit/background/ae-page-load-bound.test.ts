/**
 * How long the page writer waits for an AE page: the options page's "An AE page the extension opens has
 * this long to load" (30 s unless the admin sets it), for the page's load and for the new load a Save
 * brings, which is all that confirms the Save.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import type { Agent } from '../../../src/background/ae-agents';
import type { AePageState } from '../../../src/core/messages';
import { DEFAULT_OPTIONS } from '../../../src/core/options';
import { PROSPECT_PAGE } from '../job-fixture';

/** The bound of each wait for a page load the worker started, in order. */
const bounds: number[] = [];
/** What the fresh load shows: the prospect's page as the unit tests' pair has it. */
const readable: AePageState = PROSPECT_PAGE;
/** The page's content script (its port is never used: the agents module is replaced below). */
const agent: Agent = {
  port: {} as Runtime.Port,
  tabId: 1,
  frameId: 0,
  host: 'pi.pardot.com',
  prospectId: 1001,
  loadId: 'load-1',
  state: readable,
  at: 0,
  topHost: 'pi.pardot.com',
  resumed: false,
};

vi.mock('webextension-polyfill', () => ({
  default: {
    ...fakeBrowser,
    tabs: { query: async () => [], get: async (id: number) => ({ id }), remove: async () => undefined },
    windows: { create: async () => ({ id: 9, tabs: [{ id: 1 }] }), get: async (id: number) => ({ id }) },
  },
}));
vi.mock('../../../src/background/ae-agents', () => ({
  loadsIn: () => new Set(),
  ask: async () => ({ ok: true }),
  formOpenElsewhere: async () => false,
  nextLoad: (_match: unknown, ms: number) => {
    bounds.push(ms);
    return Promise.resolve(agent);
  },
}));

const { clickSave, readViaPage } = await import('../../../src/background/ae-page');

let jobs = 0;
const job = () => ({ id: `job-${++jobs}`, aeHost: 'pi.pardot.com', prospectId: 1001, aeFrameHost: null });

beforeEach(() => {
  fakeBrowser.reset();
  bounds.length = 0;
});

describe('the time an AE page has to load', () => {
  it('is 30 s on a fresh install, for the page and for the load after its Save', async () => {
    await readViaPage(job());
    await clickSave({ agent, way: 'form' });
    expect(bounds).toEqual([30_000, 30_000]);
  });

  it('is what the admin set in the options page', async () => {
    await fakeBrowser.storage.local.set({ options: { ...DEFAULT_OPTIONS, pageLoadSeconds: 75 } });
    await readViaPage(job());
    await clickSave({ agent, way: 'form' });
    expect(bounds).toEqual([75_000, 75_000]);
  });
});
