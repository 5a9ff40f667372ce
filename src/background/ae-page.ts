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
import type { AePart, LocateResult } from '../core/ae-page-protocol';
import { pairRefusal } from '../core/confirmed-pair';
import { type ErrorCode, errorCodeOf, GuardError } from '../core/errors';
import { aePageHost } from '../core/hosts';
import type { Job } from '../core/job';
import type { ReadableAePageState } from '../core/messages';
import { PAGE_LOAD_SECONDS } from '../core/options';
import { type Agent, ask, formOpenElsewhere, loadsIn, nextLoad } from './ae-agents';
import { read, readSession, updateSession } from './store';
import { openWriterTab } from './writer-window';

/** How long a page has to load and report, and to answer a command: the admin's option (30 s unless set). */
async function loadBoundMs(): Promise<number> {
  return ((await read('options')).pageLoadSeconds ?? PAGE_LOAD_SECONDS) * 1000;
}

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
  const boundMs = await loadBoundMs();
  const owned = (await readSession('openedTabs'))?.[job.id]?.[0];
  const tabId = owned !== undefined && (await tabAlive(owned)) ? owned : undefined;
  const url = prospectPageUrl(job, behindProxy);
  const page = { host: job.aeHost, prospectId: job.prospectId };
  if (tabId !== undefined) {
    // Listening starts before the page is asked for, so its load is not missed.
    const loaded = nextLoad({ ...page, tabId, notLoads: loadsIn(tabId) }, boundMs);
    loaded.catch(() => undefined);
    await browser.tabs.update(tabId, { url });
    return loaded;
  }
  // The wait for a place in the writer's window is not the page's to count.
  const created = await openWriterTab(url);
  if (created === undefined) throw new GuardError('ae-page-unavailable');
  // Whatever loads first in the new tab is the job's, even before this listens.
  const loaded = nextLoad({ ...page, tabId: created, notLoads: new Set() }, boundMs);
  loaded.catch(() => undefined);
  await updateSession('openedTabs', (all) => ({ ...all, [job.id]: [created] }));
  return loaded;
}

/** How long a loaded page has to read its activity list. */
const ACTIVITIES_MS = 5_000;

/**
 * A fresh read of the prospect from its page, with its activity list unless `activities` is false
 * (read on command: the page loads that reader only then; a page that does not answer it, or a read
 * without it, leaves them unread, undefined); a page that does not show the prospect names what is
 * missing.
 */
export async function readViaPage(
  job: PageJob,
  { activities: withActivities = true } = {},
): Promise<ReadableAePageState> {
  const agent = await freshPage(job);
  const { state } = agent;
  if (!state.readable) throw new GuardError(state.error, state.missing.join(','));
  if (!withActivities) return state;
  const activities = await ask(agent, 'activities', ACTIVITIES_MS).catch(() => ({}));
  return { ...state, ...activities };
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
  const prepared = await ask(agent, 'prepare', await loadBoundMs());
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
  const { tabId, host, prospectId } = agent;
  const boundMs = await loadBoundMs();
  const after = nextLoad({ tabId, host, prospectId, notLoads: loadsIn(tabId) }, boundMs);
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
  return ask(agent, 'locate', await loadBoundMs());
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
