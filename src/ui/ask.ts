/**
 * How an extension page (options, popup, the confirmation window, Restore a
 * list) asks the worker: one typed request, its typed answer, or why not.
 * Content scripts have their own sender, without the polyfill.
 */
import browser from 'webextension-polyfill';
import type { ExtensionPageRequestOf, ExtensionPageResponses, Response } from '../core/messages';

export type Ask = <K extends keyof ExtensionPageResponses>(
  request: ExtensionPageRequestOf<K>,
) => Promise<Response<ExtensionPageResponses[K]>>;

export const ask: Ask = async (request) => {
  try {
    return (await browser.runtime.sendMessage(request)) as never;
  } catch {
    // The worker could not be reached (the extension was reloaded under the page).
    return { ok: false, error: 'internal' };
  }
};
