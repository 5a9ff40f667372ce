/**
 * A job's or a confirmation's read of the AE page: what the fresh load shows, and its activity list,
 * which the page reads only on the worker's `activities` command (a page the admin opens does not
 * load that reader). A page that does not answer it leaves the list unread, never "none shown".
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AePageState } from '../../../src/core/messages';
import { PROSPECT_PAGE } from '../job-fixture';

/** What the fresh load shows: the prospect's page as the unit tests' pair has it. */
const state: AePageState = PROSPECT_PAGE;
const agent = { tabId: 1, host: 'pi.pardot.com', prospectId: 1001, loadId: 'load-1', state };
/** The commands the fresh page was asked, and how it answers `activities` (null: it does not). */
const asked: string[] = [];
let answer: object | null = null;

const tabs = {
  create: async () => ({ id: 1 }),
  update: async (id: number) => ({ id }),
  get: async (id: number) => ({ id }),
  remove: async () => undefined,
};
const windows = { create: async () => ({ id: 9, tabs: [{ id: 1 }] }), get: async (id: number) => ({ id }) };
vi.mock('webextension-polyfill', () => ({
  default: { ...fakeBrowser, tabs: { ...tabs, query: async () => [] }, windows },
}));
vi.mock('../../../src/background/ae-agents', () => ({
  loadsIn: () => new Set(),
  ask: async (_agent: unknown, type: string) => {
    asked.push(type);
    if (answer === null) throw new Error('the page did not answer');
    return answer;
  },
  formOpenElsewhere: async () => false,
  nextLoad: async () => agent,
}));

const { readViaPage } = await import('../../../src/background/ae-page');
const job = { id: 'job-1', aeHost: 'pi.pardot.com', prospectId: 1001, aeFrameHost: null };

beforeEach(() => {
  fakeBrowser.reset();
  asked.length = 0;
  answer = null;
});

describe('a fresh read of the AE page', () => {
  it('asks the page for its activity list and reads the opt-outs and email activities with the page', async () => {
    const optOut = { at: '2026-11-29T10:05:00.000Z', what: 'Unsubscribe Page: Spring Newsletter' };
    answer = { optOutActivities: [optOut], emailActivities: null };
    expect(await readViaPage(job)).toMatchObject({ optedOut: true, optOutActivities: [optOut], emailActivities: null });
    expect(asked).toEqual(['activities']);
  });

  it('still reads the page when it does not answer for its activity list, which stays "not read"', async () => {
    const read = await readViaPage(job);
    expect(read).toMatchObject({ optedOut: true, email: 'aiko@example.com' });
    expect(read).not.toHaveProperty('optOutActivities');
    expect(asked).toEqual(['activities']);
  });
});
