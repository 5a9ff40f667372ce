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
import type { AePart, LocateResult } from '../core/ae-page';
import { pairRefusal } from '../core/confirmed-pair';
import { type ErrorCode, errorCodeOf, GuardError } from '../core/errors';
import { aePageHost } from '../core/hosts';
import type { Job } from '../core/job';
import type { ReadableAePageState } from '../core/messages';
import { type Agent, agentsInTab, ask, formOpenElsewhere, nextLoad } from './ae-agents';
import { readSession, updateSession } from './store';
import { openWriterTab } from './writer-window';

/** A page has this long to load and report; AE pages are slow, and a hidden tab slower. */
const LOAD_TIMEOUT_MS = 30_000;

function prospectPageUrl(job: PageJob, behindProxy: boolean): string {
  const path = `/prospect/read?id=${job.prospectId}`;
  if (job.aeFrameHost) return aeAppUrl(job.aeFrameHost, path);
  return `https://${behindProxy ? aePageHost(job.aeHost, job.aeProxySuffix) : job.aeHost}${path}`;
}

async function tabAlive(tabId: number): Promise<boolean> {
  return browser.tabs.get(tabId).then(
    () => true,
    () => false,
  );
}

/** What a page load needs of a job: whose page, where, and the job whose tab it is. */
export type PageJob = Pick<Job, 'id' | 'aeHost' | 'prospectId' | 'aeFrameHost' | 'aeProxySuffix'>;

/**
 * Jobs whose AE page answered at AE's own host after it could not be opened behind Defender for Cloud
 * Apps' proxy (a proxy that lets AE pass): their next loads go there directly. Kept while the worker
 * lives; after a restart the proxy is tried once more.
 */
const pastTheProxy = new Set<string>();

/** A page behind the proxy that is no way in: signed out there, not served there (no prospect on it), or silent. */
const refusedBehindProxy = (agent: Agent | GuardError) => agent instanceof GuardError || !agent.state.readable;

/**
 * A fresh load of the job's prospect page, where the admin's session is: behind the proxy the job was
 * started through, else at AE's own host; where neither shows the page, it says so plainly.
 */
async function freshPage(job: PageJob): Promise<Agent> {
  if (!job.aeProxySuffix || job.aeFrameHost || pastTheProxy.has(job.id)) return loadPage(job, false);
  const proxied = await loadPage(job, true).catch((error: unknown) => new GuardError(errorCodeOf(error)));
  if (!refusedBehindProxy(proxied)) return proxied as Agent;
  const direct = await loadPage(job, false).catch((error: unknown) => new GuardError(errorCodeOf(error)));
  if (direct instanceof GuardError || (!direct.state.readable && direct.state.error === 'signed-out-of-ae')) {
    throw new GuardError('proxied-ae-page');
  }
  pastTheProxy.add(job.id);
  return direct;
}

async function loadPage(job: PageJob, behindProxy: boolean): Promise<Agent> {
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
  const url = prospectPageUrl(job, behindProxy);
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

/** The page writer could not start: what it could not find on the page, for the admin's bug report. */
export class PartNotFound extends GuardError {
  constructor(
    code: ErrorCode,
    readonly part: AePart,
  ) {
    super(code, part);
  }
}

const pageProblem = (code: ErrorCode, part: AePart | undefined) =>
  part ? new PartNotFound(code, part) : new GuardError(code);

/**
 * Opens the prospect's page afresh, checks it is still the pair the admin
 * confirmed, refuses when another tab holds an edit form of this prospect
 * open or does not answer (saving that form later would undo this), and
 * sets Opted Out to false without saving. Throws where nothing may be saved.
 */
export async function preparePage(job: Job): Promise<PreparedPage> {
  const agent = await freshPage(job);
  const state = agent.state;
  if (!state.readable)
    throw pageProblem(state.error === 'signed-out-of-ae' ? state.error : 'control-not-found', state.missing[0]);
  // What the page could not show (its email field, its Lead/Contact link) proves nothing here.
  const shown = { prospectEmail: state.email ?? undefined, prospectCrmId: state.crm?.recordId };
  const refusal = pairRefusal(job, shown);
  if (refusal) throw new GuardError(refusal);
  if (await formOpenElsewhere(job.aeHost, job.prospectId, [agent.tabId])) throw new GuardError('ae-form-open');
  const prepared = await ask(agent, 'prepare', LOAD_TIMEOUT_MS);
  if (prepared.ok) return { agent, way: prepared.way };
  // Unchecked meanwhile (by the admin, or a sync): nothing to save here; the job reads both sides again.
  throw pageProblem(prepared.error === 'not-opted-out' ? 'pair-changed' : prepared.error, prepared.part);
}

/**
 * Tells the prepared page to save, now: it clicks Save the moment the
 * command arrives and says so at once, and this resolves then. `confirmed`
 * settles with the page that loads after it: only that new load, drawn by AE
 * after the post, confirms Opted Out unchecked; the page that clicked still
 * shows the form it was told to set, saved or not. Every known layout saves
 * by a form post and so loads a new page (the public 2023 script notes the
 * form posts every field; the 2016 knowledge base's "Opt In" is a link); a
 * layout that saved in place would time out here as not confirmed, and the
 * job's verification reads both sides afresh.
 */
export async function clickSave(prepared: PreparedPage): Promise<{ confirmed: Promise<void> }> {
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
  const confirmed = after.then(
    (next) => {
      if (!next.state.readable || next.state.optedOut) throw new GuardError('save-not-confirmed');
    },
    () => {
      throw new GuardError('save-not-confirmed');
    },
  );
  confirmed.catch(() => undefined);
  return { confirmed };
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

/** Whether a tab is one a job (or a confirmation's read) opened in the writer's window. */
export async function isWriterTab(tabId: number): Promise<boolean> {
  return Object.values((await readSession('openedTabs')) ?? {}).some((tabIds) => tabIds.includes(tabId));
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
