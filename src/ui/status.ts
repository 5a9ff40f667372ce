import browser from 'webextension-polyfill';
import type { ErrorCode, PageStatus, Request, Response } from '../core/messages';
import type { DetectedPage } from '../core/page-detect';
import { type MessageKey, t } from './i18n';

const ERROR_TEXT: Record<ErrorCode, MessageKey> = {
  'bad-request': 'errorBadRequest',
  'wrong-sender': 'errorWrongSender',
  internal: 'errorInternal',
  'extension-reloaded': 'errorExtensionReloaded',
};

export function errorText(error: ErrorCode): string {
  return t(ERROR_TEXT[error]);
}

export function describePage(page: DetectedPage): string {
  switch (page.kind) {
    case 'pardot-prospect':
      return t('overlayProspect', String(page.prospectId));
    case 'salesforce-record':
      return t(page.object === 'Lead' ? 'overlayLead' : 'overlayContact', page.recordId);
    default:
      return '';
  }
}

export async function requestPageStatus(page: DetectedPage): Promise<Response<PageStatus>> {
  const request: Request = { type: 'page-status', page };
  try {
    return (await browser.runtime.sendMessage(request)) as Response<PageStatus>;
  } catch {
    // "Extension context invalidated": the extension was reloaded under this page.
    return { ok: false, error: browser.runtime?.id ? 'internal' : 'extension-reloaded' };
  }
}
