/**
 * A job's AE page behind Defender for Cloud Apps' session proxy: opened where the admin's session is
 * (behind the proxy the job was started through, else at AE's own host), and said plainly where
 * neither shows the prospect.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GuardError } from '../../../src/core/errors';
import type { AePageState } from '../../../src/core/messages';
import { PROSPECT_PAGE } from '../job-fixture';

/** The URLs the worker opened, in order; what each host's page shows ('silent': it never reports). */
const opened: string[] = [];
let shows: Record<string, AePageState | 'silent'> = {};
/** The last page opened, as the worker's wait for its load ends: with the page, or unavailable. */
let lastLoad: Promise<unknown> = Promise.resolve();

function loaded(url: string) {
  opened.push(url);
  const host = new URL(url).hostname;
  const state = shows[host] ?? 'silent';
  lastLoad =
    state === 'silent'
      ? Promise.reject(new GuardError('ae-page-unavailable'))
      : Promise.resolve({ tabId: 1, host: 'pi.pardot.com', prospectId: 1001, loadId: url, state });
  lastLoad.catch(() => undefined);
}

const tabs = {
  create: async ({ url }: { url: string }) => {
    loaded(url);
    return { id: 1 };
  },
  update: async (id: number, { url }: { url: string }) => {
    loaded(url);
    return { id };
  },
  get: async (id: number) => ({ id }),
  remove: async () => undefined,
};
/** The page writer's own window (background/writer-window.ts): its first page opens with it. */
const windows = {
  create: async ({ url }: { url: string }) => {
    loaded(url);
    return { id: 9, tabs: [{ id: 1 }] };
  },
  get: async (id: number) => ({ id }),
};
vi.mock('webextension-polyfill', () => ({
  default: { ...fakeBrowser, tabs: { ...tabs, query: async () => [] }, windows },
}));
// A wait for a load gets the page last opened, whether it loaded before or after the wait began
// (the real nextLoad takes a load already live in a tab just opened).
vi.mock('../../../src/background/ae-agents', () => ({
  ask: async () => null,
  formOpenElsewhere: async () => false,
  loadsIn: () => new Set(),
  nextLoad: () => Promise.resolve().then(() => lastLoad),
}));

const { readViaPage } = await import('../../../src/background/ae-page');

const readable = PROSPECT_PAGE;
const signedOut: AePageState = { readable: false, error: 'signed-out-of-ae', missing: ['opted-out'] };
/** What a host the proxy does not serve shows: no prospect at all. */
const noProspect: AePageState = { readable: false, error: 'control-not-found', missing: ['opted-out', 'email'] };

let jobs = 0;
const job = (aeProxySuffix?: string) => ({
  id: `job-${++jobs}`,
  aeHost: 'pi.pardot.com',
  prospectId: 1001,
  aeFrameHost: null,
  ...(aeProxySuffix ? { aeProxySuffix } : {}),
});
const PROXIED = 'https://pi.pardot.com.mcas.ms/prospect/read?id=1001';
const DIRECT = 'https://pi.pardot.com/prospect/read?id=1001';

beforeEach(() => {
  fakeBrowser.reset();
  opened.length = 0;
  shows = {};
});

describe('a job’s AE page behind Defender for Cloud Apps’ proxy', () => {
  it('opens behind the proxy the job was started through, where the admin is signed in', async () => {
    shows = { 'pi.pardot.com.mcas.ms': readable, 'pi.pardot.com': signedOut };
    expect(await readViaPage(job('.mcas.ms'))).toMatchObject({ optedOut: true });
    expect(opened).toEqual([PROXIED]);
  });

  it('goes to AE’s own host where the proxy lets AE pass, and stays there for the rest of the job', async () => {
    shows = { 'pi.pardot.com.mcas.ms': noProspect, 'pi.pardot.com': readable };
    const passing = job('.mcas.ms');
    expect(await readViaPage(passing)).toMatchObject({ optedOut: true });
    expect(opened).toEqual([PROXIED, DIRECT]);
    await readViaPage(passing);
    expect(opened).toEqual([PROXIED, DIRECT, DIRECT]);
  });

  it('says plainly that neither way in shows the prospect, rather than “signed out”', async () => {
    shows = { 'pi.pardot.com.mcas.ms': signedOut, 'pi.pardot.com': signedOut };
    await expect(readViaPage(job('.mcas-gov.us'))).rejects.toMatchObject({ code: 'proxied-ae-page' });
    expect(opened).toEqual([PROXIED.replace('.mcas.ms', '.mcas-gov.us'), DIRECT]);
    shows = { 'pi.pardot.com.mcas.ms': 'silent' };
    await expect(readViaPage(job('.mcas.ms'))).rejects.toMatchObject({ code: 'proxied-ae-page' });
  });

  it('opens AE’s own host only, for a job started without the proxy', async () => {
    shows = { 'pi.pardot.com': signedOut };
    await expect(readViaPage(job())).rejects.toMatchObject({ code: 'signed-out-of-ae' });
    expect(opened).toEqual([DIRECT]);
  });
});
