/**
 * The AE prospect page as a job uses it: always a fresh load, in a tab the
 * job opens in the background (and closes when it ends), so no form the
 * admin may be typing in is ever saved. The page is opened at the AE host,
 * or inside the Account Engagement Lightning app's frame for admins who cannot
 * sign in to AE directly. The worker itself never touches a page's DOM: the
 * page agent does, on command (src/content/ae-agent.ts).
 */
import browser from 'webextension-polyfill';
import { aeAppUrl } from '../core/ae-app';
import type { PrepareResult } from '../core/ae-page';
import { GuardError } from '../core/errors';
import type { Job } from '../core/job';
import type { ReadableAePageState } from '../core/messages';
import { type Agent, agentsFor, agentsInTab, ask, nextLoad } from './ae-agents';
import { readSession, updateSession } from './store';

/** A page has this long to load and report; AE pages are slow, and a hidden tab slower. */
const LOAD_TIMEOUT_MS = 30_000;

export function prospectPageUrl(job: Pick<Job, 'aeHost' | 'prospectId' | 'aeFrameHost'>): string {
  const path = `/prospect/read?id=${job.prospectId}`;
  return job.aeFrameHost ? aeAppUrl(job.aeFrameHost, path) : `https://${job.aeHost}${path}`;
}

async function tabAlive(tabId: number): Promise<boolean> {
  return browser.tabs.get(tabId).then(
    () => true,
    () => false,
  );
}

/** A freshly loaded page of the job's prospect in the job's own tab (opened in the background if needed). */
/** What a page load needs of a job: whose page, where, and the job whose tab it is. */
export type PageJob = Pick<Job, 'id' | 'aeHost' | 'prospectId' | 'aeFrameHost'>;

export async function freshPage(job: PageJob): Promise<Agent> {
  const owned = (await readSession('openedTabs'))?.[job.id]?.[0];
  const tabId = owned !== undefined && (await tabAlive(owned)) ? owned : undefined;
  let expectedTab = tabId;
  const previous = new Set(tabId === undefined ? [] : agentsInTab(tabId).map((agent) => agent.loadId));
  const loaded = nextLoad(
    (agent) =>
      agent.tabId === expectedTab &&
      agent.host === job.aeHost &&
      agent.prospectId === job.prospectId &&
      !previous.has(agent.loadId) &&
      !agent.savedInPlace,
    LOAD_TIMEOUT_MS,
  );
  loaded.catch(() => undefined);
  const url = prospectPageUrl(job);
  if (tabId !== undefined) {
    await browser.tabs.update(tabId, { url });
  } else {
    const tab = await browser.tabs.create({ url, active: false });
    expectedTab = tab.id;
    if (tab.id !== undefined) {
      const created = tab.id;
      await updateSession('openedTabs', (all) => ({ ...all, [job.id]: [created] }));
    }
  }
  return loaded;
}

/** A fresh read of the prospect from its page; a page that does not show it names what is missing. */
export async function readViaPage(job: PageJob): Promise<ReadableAePageState> {
  const { state } = await freshPage(job);
  if (!state.readable) throw new GuardError(state.error, state.missing.join(','));
  return state;
}

export type PreparedPage = { agent: Agent; way: 'form' | 'opt-in' };
export type PageFailure = Extract<PrepareResult, { ok: false }>;

/**
 * Opens the prospect's page afresh, checks it is still the pair the admin
 * confirmed, refuses when another tab holds an edit form of this prospect
 * with changes nobody saved (saving it later would undo this), and sets
 * Opted Out to false without saving.
 */
export async function preparePage(job: Job): Promise<PreparedPage | PageFailure | GuardError> {
  const agent = await freshPage(job);
  const state = agent.state;
  if (!state.readable)
    return {
      ok: false,
      error: state.error === 'signed-out-of-ae' ? state.error : 'control-not-found',
      part: state.missing[0],
    };
  if (
    (state.email && state.email.toLowerCase() !== job.email.toLowerCase()) ||
    (state.crm && state.crm.recordId !== job.recordId)
  ) {
    return new GuardError('link-mismatch');
  }
  for (const other of agentsFor(job.aeHost, job.prospectId)) {
    if (other === agent) continue;
    const reply = await ask(other, 'read', 3_000).catch(() => null);
    if (reply?.state.readable && reply.state.form === 'edited') return new GuardError('ae-form-open');
  }
  const prepared = await ask(agent, 'prepare', LOAD_TIMEOUT_MS);
  return prepared.ok ? { agent, way: prepared.way } : prepared;
}

/**
 * Saves what `preparePage` set — the page clicks Save the moment the command
 * arrives, and `clicked` runs as soon as it says so — and confirms from the
 * page that loads after it (or from the same page, where the Save did not
 * reload it) that Opted Out is unchecked.
 */
export async function commitPage(prepared: PreparedPage, clicked: () => void = () => undefined): Promise<void> {
  const { agent } = prepared;
  const after = nextLoad(
    (next) =>
      next.tabId === agent.tabId &&
      next.host === agent.host &&
      next.prospectId === agent.prospectId &&
      (next.loadId !== agent.loadId || next.savedInPlace !== undefined),
    LOAD_TIMEOUT_MS,
  );
  after.catch(() => undefined);
  const reply = await ask(agent, 'commit', 5_000).catch(() => ({ ok: false }));
  if (!reply.ok) throw new GuardError('save-not-confirmed');
  clicked();
  const next = await after.catch(() => {
    throw new GuardError('save-not-confirmed');
  });
  const state = next.savedInPlace ?? next.state;
  if (!state.readable || state.optedOut) throw new GuardError('save-not-confirmed');
}

/** The self-test: find the controls, then close the form without saving. */
export async function prepareAndCancel(job: PageJob): Promise<PrepareResult> {
  const agent = await freshPage(job);
  const prepared = await ask(agent, 'prepare', LOAD_TIMEOUT_MS);
  if (prepared.ok) await ask(agent, 'cancel', 5_000).catch(() => null);
  return prepared;
}

/** Closes the background tab a job opened, once the job is over. */
export async function closeTabsOpenedBy(jobId: string): Promise<void> {
  let tabIds: number[] = [];
  await updateSession('openedTabs', (all) => {
    tabIds = all?.[jobId] ?? [];
    const { [jobId]: _closed, ...rest } = all ?? {};
    return rest;
  });
  for (const tabId of tabIds) await browser.tabs.remove(tabId).catch(() => undefined);
}
