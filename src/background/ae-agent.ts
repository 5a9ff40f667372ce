/**
 * The AE page writer and reader: it does on the prospect's AE page what the
 * seed's admin does, through the content script in that page (a tab already
 * open on the prospect, the frame inside the AE Lightning app, or a tab it
 * opens in the background). The worker itself never touches a page's DOM.
 */
import browser from 'webextension-polyfill';
import { GuardError } from '../core/errors';
import type { AePageState, PageCommand } from '../core/messages';
import { readSession, updateSession } from './store';

type Frame = { tabId: number; frameId: number };
/** `loadedAt`: when this load of the page first reported; what it shows is as old as that. */
type Registered = Frame & { at: number; loadedAt: number; state: AePageState; loadId: string };
type Waiter = { notLoadId: string | null; resolve: (state: AePageState) => void };

const waiters = new Map<number, Waiter[]>();
const PAGE_TIMEOUT_MS = 20_000;

async function frames(): Promise<Record<string, Registered>> {
  return ((await readSession('aeFrames')) ?? {}) as Record<string, Registered>;
}

/** A prospect page (re)loaded and read itself: remember where it is and wake whoever waits for it. */
export async function registerFrame(
  prospectId: number,
  frame: Frame,
  state: AePageState,
  loadId: string,
): Promise<void> {
  await updateSession('aeFrames', (all) => {
    const previous = all?.[prospectId];
    const loadedAt = previous && previous.loadId === loadId ? previous.loadedAt : Date.now();
    return { ...all, [prospectId]: { ...frame, at: Date.now(), loadedAt, state, loadId } };
  });
  // A report from the same page load (the overlay refreshing) does not answer someone waiting for the next load.
  const list = waiters.get(prospectId) ?? [];
  const keep = list.filter((waiter) => waiter.notLoadId !== null && waiter.notLoadId === loadId);
  for (const waiter of list) if (!keep.includes(waiter)) waiter.resolve(state);
  if (keep.length) waiters.set(prospectId, keep);
  else waiters.delete(prospectId);
}

export async function cachedState(prospectId: number, maxAgeMs: number): Promise<AePageState | null> {
  const frame = (await frames())[prospectId];
  return frame && Date.now() - frame.loadedAt <= maxAgeMs ? frame.state : null;
}

/** The next report from this prospect's page; with `notLoadId`, only from a new load of it. */
function nextState(prospectId: number, notLoadId: string | null = null): Promise<AePageState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new GuardError('ae-page-unavailable')), PAGE_TIMEOUT_MS);
    const list = waiters.get(prospectId) ?? [];
    list.push({
      notLoadId,
      resolve: (state) => {
        clearTimeout(timer);
        resolve(state);
      },
    });
    waiters.set(prospectId, list);
  });
}

async function alive(frame: Frame): Promise<boolean> {
  try {
    await browser.tabs.get(frame.tabId);
    return true;
  } catch {
    return false;
  }
}

/** A frame showing this prospect, opening an inactive tab when none is open. */
async function ensureFrame(aeHost: string, prospectId: number, jobId: string): Promise<Registered> {
  const known = (await frames())[prospectId];
  if (known && (await alive(known))) return known;
  const waiting = nextState(prospectId);
  const tab = await browser.tabs.create({ url: `https://${aeHost}/prospect/read?id=${prospectId}`, active: false });
  if (tab.id !== undefined) {
    const tabId = tab.id;
    await updateSession('openedTabs', (all) => ({ ...all, [jobId]: [...(all?.[jobId] ?? []), tabId] }));
  }
  await waiting;
  const registered = (await frames())[prospectId];
  if (!registered) throw new GuardError('ae-page-unavailable');
  return registered;
}

async function command(frame: Frame, message: PageCommand): Promise<{ ok: boolean; error?: string }> {
  try {
    const reply = (await browser.tabs.sendMessage(frame.tabId, message, { frameId: frame.frameId })) as
      | { ok: boolean; error?: string }
      | undefined;
    return reply ?? { ok: false, error: 'ae-page-unavailable' };
  } catch {
    return { ok: false, error: 'ae-page-unavailable' };
  }
}

function readable(state: AePageState) {
  if (!state.readable) throw new GuardError(state.error);
  return state;
}

/**
 * A fresh read of the prospect from its AE page. The page is rendered by the
 * server, so what it shows is as old as its load: reload unless it just loaded.
 */
export async function readViaPage(aeHost: string, prospectId: number, jobId: string) {
  const frame = await ensureFrame(aeHost, prospectId, jobId);
  if (Date.now() - frame.loadedAt < 1_000) return readable(frame.state);
  const waiting = nextState(prospectId, frame.loadId);
  const reply = await command(frame, { type: 'ae-reload', prospectId });
  if (!reply.ok) {
    waiting.catch(() => undefined);
    throw new GuardError('ae-page-unavailable');
  }
  return readable(await waiting);
}

/** Edit → Additional fields → uncheck Opted Out, without saving yet. */
export async function prepareUncheck(aeHost: string, prospectId: number, jobId: string): Promise<Registered> {
  const frame = await ensureFrame(aeHost, prospectId, jobId);
  const reply = await command(frame, { type: 'ae-prepare', prospectId });
  if (!reply.ok)
    throw new GuardError(
      reply.error === 'signed-out-of-ae'
        ? 'signed-out-of-ae'
        : reply.error === 'ae-page-unavailable'
          ? 'ae-page-unavailable'
          : 'control-not-found',
    );
  return frame;
}

/**
 * Save prospect at `at`, then confirm from the reloaded page that Opted Out is
 * unchecked. The page clicks Save at that moment by its own clock (the same
 * machine's), so a busy worker or a slow message does not skew the two writes.
 */
export async function commitUncheck(frame: Registered, prospectId: number, at: number): Promise<void> {
  const waiting = nextState(prospectId, frame.loadId);
  const reply = await command(frame, { type: 'ae-commit', prospectId, at });
  if (!reply.ok) {
    waiting.catch(() => undefined);
    throw new GuardError('save-not-confirmed');
  }
  const state = readable(await waiting);
  if (state.optedOut) throw new GuardError('save-not-confirmed');
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
