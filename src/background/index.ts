import browser, { type Runtime } from 'webextension-polyfill';
import { route } from './router';

// The polyfill types onMessage listeners as a union; we take the message as
// unknown and let the router validate it.
browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  route(message, sender, browser.runtime.id).catch((error: unknown) => {
    console.error('Opt-Out Sync Guard: request failed', error instanceof Error ? error.name : 'unknown');
    return { ok: false, error: 'internal' } as const;
  }),
);
