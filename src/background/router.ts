/**
 * The worker's front door. A message is answered only when it comes from
 * this extension's own content script, in a frame whose URL is the page the
 * message names, and when it matches a schema. Anything else is refused and
 * counted.
 */
import type { Runtime } from 'webextension-polyfill';
import { type ErrorCode, type PageStatus, parseRequest, type Response } from '../core/messages';
import { detectPage, samePage } from '../core/page-detect';

export const refusedMessages = { count: 0 };

function refuse(error: ErrorCode): Response<never> {
  refusedMessages.count++;
  return { ok: false, error };
}

export async function route(message: unknown, sender: Runtime.MessageSender, extensionId: string) {
  const request = parseRequest(message);
  if (!request) return refuse('bad-request');
  if (sender.id !== extensionId || !sender.url) return refuse('wrong-sender');
  const senderPage = detectPage(sender.url);
  if (!senderPage || !samePage(senderPage, request.page)) return refuse('wrong-sender');

  switch (request.type) {
    case 'page-status': {
      const status: PageStatus = { page: senderPage, checkedAt: new Date().toISOString() };
      return { ok: true, value: status } satisfies Response<PageStatus>;
    }
  }
}
