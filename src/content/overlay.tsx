/**
 * The overlay's shell: one Shadow DOM host per frame, reused across
 * Lightning's in-place navigations, isolated from the page's CSS and
 * keyboard shortcuts, and removed if the extension is reloaded under it.
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { PageRequestOf, PageResponses, PairStatus, Response } from '../core/messages';
import { parsePageCommand } from '../core/page-commands';
import type { DetectedPage } from '../core/page-detect';
import { Overlay } from '../ui/Overlay';
import css from '../ui/overlay.css?inline';

let host: HTMLElement | null = null;
let root: ShadowRoot | null = null;
let current: DetectedPage | null = null;
const listeners = new Set<() => void>();

function ensureHost(): ShadowRoot {
  if (host?.isConnected && root) return root;
  host = document.createElement('div');
  host.setAttribute('data-optout-sync-guard', 'overlay');
  host.setAttribute('data-state', 'loading');
  host.setAttribute('data-job', 'idle');
  root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  // Keys typed in the overlay must not trigger the page's shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (event) => event.stopPropagation());
  document.documentElement.append(host);
  performance.mark('optout-sync-guard:shell');
  return root;
}

function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime.id);
  } catch {
    return false;
  }
}

async function send<K extends keyof PageResponses>(request: PageRequestOf<K>): Promise<Response<PageResponses[K]>> {
  for (let attempt = 0; ; attempt++) {
    let reply: Response<PageResponses[K]>;
    try {
      const answer = (await browser.runtime.sendMessage(request)) as Response<PageResponses[K]> | undefined;
      reply = answer && typeof answer === 'object' && 'ok' in answer ? answer : { ok: false, error: 'internal' };
    } catch {
      return { ok: false, error: extensionAlive() ? 'internal' : 'extension-reloaded' };
    }
    // Right after Lightning's pushState the browser may still know this frame by its previous
    // URL, and the worker refuses a message naming another record: ask again once it caught up.
    if (reply.ok || reply.error !== 'wrong-sender' || attempt >= 4 || request.page.kind !== 'salesforce-record')
      return reply;
    await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
  }
}

async function loadStatus(page: DetectedPage): Promise<Response<PairStatus>> {
  if (page.kind === 'ae-prospect') {
    const { readProspectPage } = await import('./ae-page');
    return send({ type: 'page-status', page, aeState: readProspectPage(), loadId: LOAD_ID });
  }
  return send({ type: 'page-status', page });
}

/** This load of the page; the next load (after a Save or a reload) gets another. */
const LOAD_ID = crypto.randomUUID();

let commandsInstalled = false;
function installCommands(): void {
  if (commandsInstalled) return;
  commandsInstalled = true;
  // Only the extension can reach this listener; pages cannot post to it.
  browser.runtime.onMessage.addListener((message: unknown) => {
    const command = parsePageCommand(message);
    if (!command || !current) return undefined;
    if (command.type === 'status-changed') {
      for (const listener of listeners) listener();
      return undefined;
    }
    if (current.kind !== 'ae-prospect') return undefined;
    const prospectId = current.prospectId;
    return import('./ae-page').then((module) => module.runCommand(command, prospectId));
  });
}

export function showOverlay(page: DetectedPage): void {
  if (!extensionAlive()) return hideOverlay();
  current = page;
  installCommands();
  const shadow = ensureHost();
  const setHostState = (state: string, job: string) => {
    host?.setAttribute('data-state', state);
    host?.setAttribute('data-job', job);
  };
  render(
    <Overlay
      page={page}
      loadStatus={() => loadStatus(page)}
      start={(reason, confirmedEmail) => send({ type: 'start-opt-in', page, reason, confirmedEmail })}
      subscribe={(listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      }}
      onState={setHostState}
      onGone={hideOverlay}
    />,
    shadow,
  );
}

export function hideOverlay(): void {
  if (root) render(null, root);
  host?.remove();
  host = null;
  root = null;
  current = null;
}
