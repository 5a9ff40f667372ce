/**
 * The page agent on an AE prospect page: one port to the worker per load of
 * the page. It says what the page shows when it loads (ready), and on the
 * worker's command reads, reloads, prepares the uncheck, commits (clicks
 * Save at once: the worker sends the command at the agreed moment, so no
 * timer in this possibly hidden, throttled tab decides it), locates the
 * controls without touching them, or reads the activity list. Every reply
 * names its command's id.
 *
 * Chrome stops an idle service worker, and its ports close with it. A page
 * whose edit form is open could still post Opted Out checked later, so such a
 * page connects again at once and announces itself (`resumed`): a job
 * refuses while one is open. A page with its form closed stays quiet (it
 * posts nothing, and reconnecting would wake the worker every 30 s), and
 * connects again when its form opens.
 */
import {
  AGENT_PORT,
  type AgentCommand,
  type AgentMessage,
  type AgentReplies,
  parseAgentCommand,
} from '../core/ae-page-protocol';
import type { AgentCommandType } from '../core/ae-parts';
import type { DetectedPage } from '../core/page-detect';
import { readProspectPage } from './ae-read';
import { pageLoadedAt } from './lifetime';

/** How soon a form opened while disconnected is noticed. */
const FORM_WATCH_MS = 300;
/** A port that lived this long was accepted; one closed sooner counts towards giving up. */
const STABLE_MS = 5_000;
const MAX_QUICK_DROPS = 4;

export function startAgent(page: Extract<DetectedPage, { kind: 'ae-prospect' }>, signal: AbortSignal): void {
  const loadId = crypto.randomUUID();
  let port: chrome.runtime.Port | null = null;
  let watcher: MutationObserver | null = null;
  let quickDrops = 0;

  const post = (message: AgentMessage) => {
    try {
      port?.postMessage(message);
    } catch {
      // The worker went away; onDisconnect decides what follows.
    }
  };

  const connect = (resumed: boolean) => {
    if (signal.aborted) return;
    let opened: chrome.runtime.Port;
    try {
      opened = chrome.runtime.connect({ name: AGENT_PORT });
    } catch {
      return; // The extension was reloaded under this page.
    }
    port = opened;
    opened.onMessage.addListener((message: unknown) => {
      const command = parseAgentCommand(message);
      if (command) void run(command).then((result) => post({ type: 'reply', id: command.id, result }));
    });
    const connectedAt = Date.now();
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = null;
      if (signal.aborted || !chrome.runtime?.id) return; // This load ended, or the extension is gone.
      // A port the worker closes at once (it refused this page) is not retried in a loop.
      quickDrops = Date.now() - connectedAt < STABLE_MS ? quickDrops + 1 : 0;
      if (quickDrops > MAX_QUICK_DROPS) return;
      const form = readProspectPage();
      // With the form closed, nothing needs the worker until it opens: connect again then.
      if (form.readable && form.form === 'closed')
        watcher = whenFormOpens(() => {
          watcher = null;
          connect(true);
        });
      else setTimeout(() => connect(true), quickDrops === 0 ? 0 : 500 * 2 ** quickDrops);
    });
    post({
      type: 'ready',
      host: page.host,
      prospectId: page.prospectId,
      loadId,
      state: readProspectPage(),
      loadedAt: pageLoadedAt(),
      ...(resumed ? { resumed: true as const } : {}),
    });
  };

  signal.addEventListener(
    'abort',
    () => {
      watcher?.disconnect();
      const open = port;
      port = null;
      open?.disconnect();
    },
    { once: true },
  );
  connect(false);
}

/** Calls `opened` once the edit form is open (the observer disconnected then), looking at most every 300 ms. */
function whenFormOpens(opened: () => void): MutationObserver {
  let pending: ReturnType<typeof setTimeout> | undefined;
  const watcher = new MutationObserver(() => {
    if (pending !== undefined) return;
    pending = setTimeout(() => {
      pending = undefined;
      const state = readProspectPage();
      if (state.readable && state.form === 'closed') return;
      watcher.disconnect();
      opened();
    }, FORM_WATCH_MS);
  });
  watcher.observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['hidden', 'style', 'class'],
  });
  return watcher;
}

/** One command of the worker's, answered; the writer and the activity reader load only when asked. */
async function run(command: AgentCommand): Promise<AgentReplies[AgentCommandType]> {
  switch (command.type) {
    case 'read':
      return { state: readProspectPage() };
    case 'reload':
      setTimeout(() => location.reload(), 0);
      return { ok: true };
    case 'prepare':
      return (await import('./ae-write')).prepare();
    case 'commit':
      // Only the next load of the page, fresh from the server, says whether the Save took.
      return { ok: (await import('./ae-write')).commit() };
    case 'locate':
      return (await import('./ae-write')).locate();
    case 'activities':
      return (await import('./ae-activity')).readActivities();
  }
}
