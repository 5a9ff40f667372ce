/**
 * The page agent on an AE prospect page: one port to the worker per load of
 * the page. It says what the page shows when it loads (ready), and on the
 * worker's command reads, reloads, prepares the uncheck, commits (clicks
 * Save at once: the worker sends the command at the agreed moment, so no
 * timer in this possibly hidden, throttled tab decides it), cancels, or
 * outlines the page. Every reply names its command's id.
 */
import {
  AGENT_PORT,
  type AgentCommand,
  type AgentCommandType,
  type AgentMessage,
  type AgentReplies,
  parseAgentCommand,
} from '../core/ae-page';
import type { DetectedPage } from '../core/page-detect';
import { readProspectPage } from './ae-read';

/** After a Save that did not navigate away (a page that saves in place), say what the page shows then. */
const IN_PLACE_SAVE_MS = 8_000;

export function startAgent(page: Extract<DetectedPage, { kind: 'ae-prospect' }>, signal: AbortSignal): void {
  let port: chrome.runtime.Port;
  try {
    port = chrome.runtime.connect({ name: AGENT_PORT });
  } catch {
    return; // The extension was reloaded under this page.
  }
  const post = (message: AgentMessage) => {
    try {
      port.postMessage(message);
    } catch {
      // The worker went away; a later load of the page reports again.
    }
  };
  signal.addEventListener('abort', () => port.disconnect(), { once: true });
  post({
    type: 'ready',
    host: page.host,
    prospectId: page.prospectId,
    loadId: crypto.randomUUID(),
    state: readProspectPage(),
  });
  port.onMessage.addListener((message: unknown) => {
    const command = parseAgentCommand(message);
    if (command) void run(command).then((result) => post({ type: 'reply', id: command.id, result }));
  });
  async function run(command: AgentCommand): Promise<AgentReplies[AgentCommandType]> {
    switch (command.type) {
      case 'read':
        return { state: readProspectPage() };
      case 'reload':
        setTimeout(() => location.reload(), 0);
        return { ok: true };
      case 'prepare':
        return (await import('./ae-write')).prepare();
      case 'commit': {
        const ok = (await import('./ae-write')).commit();
        if (ok) setTimeout(() => post({ type: 'saved-in-place', state: readProspectPage() }), IN_PLACE_SAVE_MS);
        return { ok };
      }
      case 'cancel':
        return { ok: (await import('./ae-write')).cancel() };
      case 'outline':
        return { outline: (await import('./outline')).pageOutline(document) };
    }
  }
}
