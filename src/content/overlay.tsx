/**
 * The overlay's shell: one Shadow DOM host per frame, kept across
 * Lightning's in-place navigations, isolated from the page's CSS and
 * keyboard shortcuts, and removed with everything it listens to when its
 * AbortSignal fires (the extension was reloaded, or the page is no longer
 * one it shows). The host's look is enforced, so a page cannot hide what
 * the overlay says. Nothing in the overlay can start a write: its button
 * opens the confirmation window, an extension page no page script reaches.
 */
import { render } from 'preact';
import type { AePageState, PageRequestOf, PageResponses, PairStatus, Response } from '../core/messages';
import { parsePageCommand } from '../core/page-commands';
import type { DetectedPage } from '../core/page-detect';
import { messagesLanguage } from '../ui/i18n';
import { Overlay } from '../ui/Overlay';
import css from '../ui/overlay.css?inline';
import { checkExtension, type Lifetime, pageLoadedAt } from './lifetime';

/** What the host must look like whatever the page's own styles say (inline !important wins over them). */
const HOST_STYLE = [
  'all: initial',
  'position: fixed',
  'right: 16px',
  'bottom: 16px',
  'z-index: 2147483000',
  'display: block',
  'visibility: visible',
  'opacity: 1',
  'transform: none',
  'filter: none',
  'clip-path: none',
  'pointer-events: auto',
]
  .map((rule) => `${rule} !important`)
  .join('; ');

async function send<K extends keyof PageResponses>(request: PageRequestOf<K>): Promise<Response<PageResponses[K]>> {
  for (let attempt = 0; ; attempt++) {
    let reply: Response<PageResponses[K]>;
    try {
      const answer = (await chrome.runtime.sendMessage(request)) as Response<PageResponses[K]> | undefined;
      reply = answer && typeof answer === 'object' && 'ok' in answer ? answer : { ok: false, error: 'internal' };
    } catch {
      return { ok: false, error: checkExtension() ? 'internal' : 'extension-reloaded' };
    }
    // Right after Lightning's pushState the browser may still know this frame by its previous
    // URL, and the worker refuses a message naming another record: ask again once it caught up.
    if (reply.ok || reply.error !== 'wrong-sender' || attempt >= 4 || request.page.kind !== 'salesforce-record')
      return reply;
    await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
  }
}

/**
 * What an AE page shows now, read by the page itself; sent along so the worker need not ask. With
 * `activities` (the admin unfolded the history), its activity list too: that reader loads only then.
 */
async function aeReading(page: DetectedPage, readPage: (() => AePageState) | undefined, activities = false) {
  if (page.kind !== 'ae-prospect' || !readPage) return {};
  let state = readPage();
  if (activities && state.readable) state = { ...state, ...(await import('./ae-activity')).readActivities() };
  return { aeState: state, aeLoadedAt: pageLoadedAt() };
}

/** The frame's one overlay host, the lifetime it was made for, and who wants to hear the worker's "status-changed". */
let mounted: { host: HTMLElement; root: ShadowRoot; lifetime: Lifetime; listeners: Set<() => void> } | null = null;

function mountHost(lifetime: Lifetime) {
  if (mounted?.lifetime === lifetime && mounted.host.isConnected) return mounted;
  const host = document.createElement('div');
  host.setAttribute('data-optout-sync-guard', 'overlay');
  host.setAttribute('data-state', 'loading');
  host.setAttribute('data-job', 'idle');
  host.setAttribute('style', HOST_STYLE);
  // The panel's language is its messages', whatever the page says of its own: Japanese fonts and
  // line breaks follow it.
  host.setAttribute('lang', messagesLanguage());
  // The shadow root stays open: a published hook for the admin's own tools and for the tests.
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  // Keys typed in the overlay must not trigger the page's shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress']) lifetime.on(host, type, (event) => event.stopPropagation());
  // A page that restyles the host gets its style put back.
  const guard = new MutationObserver(() => {
    if (host.getAttribute('style') !== HOST_STYLE) host.setAttribute('style', HOST_STYLE);
  });
  guard.observe(host, { attributes: true, attributeFilter: ['style', 'class', 'hidden'] });
  document.documentElement.append(host);
  performance.mark('optout-sync-guard:shell');
  const listeners = new Set<() => void>();
  // Only the extension can reach this listener: the worker says a job's pair changed.
  const onCommand = (message: unknown) => {
    if (parsePageCommand(message)) for (const listener of listeners) listener();
  };
  chrome.runtime.onMessage.addListener(onCommand);
  lifetime.signal.addEventListener(
    'abort',
    () => {
      chrome.runtime.onMessage.removeListener(onCommand);
      guard.disconnect();
      render(null, root);
      host.remove();
      if (mounted?.host === host) mounted = null;
    },
    { once: true },
  );
  mounted = { host, root, lifetime, listeners };
  return mounted;
}

/** Whether this document has asked for a status yet. */
let statusRead = false;

/** Shows (or updates) the overlay for this page until `signal` fires; `readPage`: an AE page's reader. */
export function mountOverlay(
  page: DetectedPage,
  lifetime: Lifetime,
  close: () => void,
  readPage?: () => AePageState,
): void {
  if (lifetime.ended) return;
  const { host, root, listeners } = mountHost(lifetime);
  render(
    <Overlay
      page={page}
      worker={{
        status: async (fresh) => {
          // A document's first status is read now (a reload shows what is true now); in-place
          // navigations after it (a page script's pushState loop) may get what the worker read lately.
          const now = fresh || !statusRead;
          statusRead = true;
          return send({
            type: 'page-status',
            page,
            ...(now ? { fresh: true } : {}),
            ...(await aeReading(page, readPage)),
          });
        },
        why: async (history) => send({ type: 'pair-why', page, ...(await aeReading(page, readPage, history)) }),
        offer: async () => send({ type: 'offer-opt-in', page, ...(await aeReading(page, readPage)) }),
        subscribe: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        openSettings: () => void send({ type: 'open-options', page }),
      }}
      host={{
        lifetime,
        onState: (state, job) => {
          host.setAttribute('data-state', state);
          host.setAttribute('data-job', job);
        },
        onClose: close,
        outline: page.kind === 'ae-prospect' ? async () => (await import('./outline')).pageOutline(document) : null,
      }}
    />,
    root,
  );
}

export type { PairStatus };
