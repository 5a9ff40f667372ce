/**
 * The AE prospect page as a job uses it: always a fresh load, in a tab the
 * job opens in the page writer's own window (writer-window.ts) and closes when
 * it ends or waits for the sync, so no form the
 * admin may be typing in is ever saved. The page is opened at the AE host,
 * or inside the Account Engagement Lightning app's frame for admins who cannot
 * sign in to AE directly. The worker itself never touches a page's DOM: the
 * page agent does, on command (src/content/ae-agent.ts).
 */
import browser from 'webextension-polyfill';
import { aeAppUrl } from '../core/ae-app';
import type { LocateResult, PrepareResult } from '../core/ae-page';
import { GuardError } from '../core/errors';
import type { Job } from '../core/job';
import type { ReadableAePageState } from '../core/messages';
import { type Agent, agentsInTab, ask, formOpenElsewhere, nextLoad } from './ae-agents';
import { readSession, updateSession } from './store';
import { openWriterTab } from './writer-window';

/** A page has this long to load and report; AE pages are slow, and a hidden tab slower. */
const LOAD_TIMEOUT_MS = 30_000;

function prospectPageUrl(job: Pick<Job, 'aeHost' | 'prospectId' | 'aeFrameHost'>): string {
  const path = `/prospect/read?id=${job.prospectId}`;
  return job.aeFrameHost ? aeAppUrl(job.aeFrameHost, path) : `https://${job.aeHost}${path}`;
}

async function tabAlive(tabId: number): Promise<boolean> {
  return browser.tabs.get(tabId).then(
    () => true,
    () => false,
  );
}

/** What a page load needs of a job: whose page, where, and the job whose tab it is. */
export type PageJob = Pick<Job, 'id' | 'aeHost' | 'prospectId' | 'aeFrameHost'>;

/** A freshly loaded page of the job's prospect in the job's own tab (opened in the writer's window if needed). */
async function freshPage(job: PageJob): Promise<Agent> {
  const owned = (await readSession('openedTabs'))?.[job.id]?.[0];
  const tabId = owned !== undefined && (await tabAlive(owned)) ? owned : undefined;
  let expectedTab = tabId;
  const previous = new Set(tabId === undefined ? [] : agentsInTab(tabId).map((agent) => agent.loadId));
  // Listening starts just before the page is asked for, so its load is not missed (nor a wait for a place counted).
  const waitForLoad = () => {
    const loaded = nextLoad(
      (agent) =>
        agent.tabId === expectedTab &&
        agent.host === job.aeHost &&
        agent.prospectId === job.prospectId &&
        !previous.has(agent.loadId),
      LOAD_TIMEOUT_MS,
    );
    loaded.catch(() => undefined);
    return loaded;
  };
  const url = prospectPageUrl(job);
  if (tabId !== undefined) {
    const loaded = waitForLoad();
    await browser.tabs.update(tabId, { url });
    return loaded;
  }
  let loaded: Promise<Agent> | null = null;
  expectedTab = await openWriterTab(url, () => {
    loaded = waitForLoad();
  });
  if (expectedTab !== undefined) {
    const created = expectedTab;
    await updateSession('openedTabs', (all) => ({ ...all, [job.id]: [created] }));
  }
  if (!loaded) throw new GuardError('ae-page-unavailable');
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
 * open or does not answer (saving that form later would undo this), and
 * sets Opted Out to false without saving.
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
  if (await formOpenElsewhere(job.aeHost, job.prospectId, [agent.tabId])) return new GuardError('ae-form-open');
  const prepared = await ask(agent, 'prepare', LOAD_TIMEOUT_MS);
  return prepared.ok ? { agent, way: prepared.way } : prepared;
}

/**
 * Saves what `preparePage` set — the page clicks Save the moment the command
 * arrives, and `clicked` runs as soon as it says so — and confirms from the
 * page that loads after it that Opted Out is unchecked. Only that new load,
 * drawn by AE after the post, confirms: the page that clicked still shows
 * the form it was told to set, saved or not. Every known layout saves by a
 * form post and so loads a new page (the public 2023 script notes the form
 * posts every field; the 2016 knowledge base's "Opt In" is a link); a layout
 * that saved in place would time out here as not confirmed, and the job's
 * verification reads both sides afresh.
 */
export async function commitPage(prepared: PreparedPage, clicked: () => void = () => undefined): Promise<void> {
  const { agent } = prepared;
  const after = nextLoad(
    (next) =>
      next.tabId === agent.tabId &&
      next.host === agent.host &&
      next.prospectId === agent.prospectId &&
      next.loadId !== agent.loadId,
    LOAD_TIMEOUT_MS,
  );
  after.catch(() => undefined);
  const reply = await ask(agent, 'commit', 5_000).catch(() => ({ ok: false }));
  if (!reply.ok) throw new GuardError('save-not-confirmed');
  clicked();
  const next = await after.catch(() => {
    throw new GuardError('save-not-confirmed');
  });
  if (!next.state.readable || next.state.optedOut) throw new GuardError('save-not-confirmed');
}

/** The self-test: a fresh load of the page, and the controls an opt-in would use, found without touching them. */
export async function locateOnPage(job: PageJob): Promise<LocateResult> {
  const agent = await freshPage(job);
  return ask(agent, 'locate', LOAD_TIMEOUT_MS);
}

/** Whether a page of the job's prospect, in a tab other than the job's own, may still post its edit form. */
export async function formOpenOutsideJob(job: PageJob): Promise<boolean> {
  const own = (await readSession('openedTabs'))?.[job.id] ?? [];
  return formOpenElsewhere(job.aeHost, job.prospectId, own);
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
