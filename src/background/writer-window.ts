/**
 * Where the page writer's tabs open: one window of the extension's own,
 * created minimized and unfocused the first time a job needs a page, reused
 * by every job after, and closed by Chrome with its last tab when no job
 * needs a page any more. The admin's own windows never gain a tab, whether the
 * job is a single opt-in or one row of a list. A window the admin closes is
 * simply gone: the next page opens a new one.
 *
 * A minimized window's tabs are hidden, and Chrome throttles timers in hidden
 * pages exactly as it does in the background tabs the page writer used before
 * (wake-ups aligned to about a second); a page still loads, and its content
 * script still answers the worker's commands.
 *
 * At most `WRITER_TABS` pages are open at once; a job that needs one more waits
 * its turn (a job gives its tab back while it waits for the sync).
 */
import browser from 'webextension-polyfill';
import { GuardError } from '../core/errors';
import { readSession, writeSession } from './store';

/** Pages the writer keeps open at once, whatever the number of jobs and batches running. */
const WRITER_TABS = 3;
/** How long a job waits for a free place before its page counts as unavailable (the job retries). */
const SLOT_WAIT_MS = 120_000;
const SLOT_POLL_MS = 250;

async function liveWindow(): Promise<number | null> {
  const id = await readSession('writerWindow');
  if (id === null) return null;
  return browser.windows.get(id).then(
    () => id,
    () => null,
  );
}

async function tabsIn(windowId: number): Promise<number> {
  return (await browser.tabs.query({ windowId })).length;
}

/** A tab opened at `url` in the writer's window, in a newly created one if it is not there. */
async function openIn(url: string): Promise<number | undefined> {
  const windowId = await liveWindow();
  if (windowId !== null) {
    // The window may close with its last tab between the look and the create: then a new one.
    const tab = await browser.tabs.create({ windowId, url, active: false }).catch(() => null);
    if (tab) return tab.id;
  }
  const created = await browser.windows.create({ url, focused: false, state: 'minimized', type: 'normal' });
  if (created.id !== undefined) await writeSession('writerWindow', created.id);
  return created.tabs?.[0]?.id;
}

let turn: Promise<unknown> = Promise.resolve();
/**
 * Opens a page for the writer, once fewer than `WRITER_TABS` are open in its
 * window. Serialised, so two jobs never both take the last place or both
 * create a window.
 */
export function openWriterTab(url: string): Promise<number | undefined> {
  const next = turn.then(async () => {
    const until = Date.now() + SLOT_WAIT_MS;
    for (;;) {
      const windowId = await liveWindow();
      if (windowId === null || (await tabsIn(windowId)) < WRITER_TABS) return openIn(url);
      if (Date.now() > until) throw new GuardError('ae-page-unavailable');
      await new Promise((resolve) => setTimeout(resolve, SLOT_POLL_MS));
    }
  });
  turn = next.catch(() => undefined);
  return next;
}
