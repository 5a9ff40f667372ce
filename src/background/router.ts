/**
 * The worker's front door. A content script's message is answered only when
 * it comes from this extension, from a frame whose URL is the page the
 * message names, and matches a schema; the options page's only from the
 * extension's own pages. Anything else is refused and counted. Each request
 * type has one handler, typed by the request→response map in core/messages.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { type ErrorCode, errorCodeOf, GuardError } from '../core/errors';
import { hostOfUrl, isFamilyHost, isSalesforceHost, proxySuffixOf, unproxiedHost } from '../core/hosts';
import {
  type AePageState,
  type ExtensionPageRequestOf,
  ExtensionPageRequestSchema,
  type ExtensionPageResponses,
  type PageRequestOf,
  PageRequestSchema,
  type PageResponses,
  parseWith,
  type Response,
  toJobView,
} from '../core/messages';
import { type DetectedPage, detectPage, samePage } from '../core/page-detect';
import { isWriterTab } from './ae-page';
import { auditCsv } from './audit';
import { batchCsv, batchOrgs, batchView, confirmBatch, controlBatch, previewBatch } from './batches';
import { checkOrg } from './check-org';
import { cancelConfirmation, offerOptIn, readConfirmation } from './confirmations';
import { confirmOptIn } from './coordinator';
import { getJob } from './jobs';
import { myDataHandlers } from './my-data';
import { connect, connectionView, disconnect, OAUTH_SCOPES, redirectUrl } from './oauth';
import { aeHostOf, businessUnitOf, type Org, orgForHost, orgsUsing } from './org';
import { type PageContext, pairStatus } from './pair-status';
import { pairWhy } from './pair-why';
import { signedInOrgs } from './salesforce-rest';
import { allSettings, learn, setByHand } from './settings';
import { read, update } from './store';

export const refusedMessages = { count: 0 };

function refuse(error: ErrorCode): Response<never> {
  refusedMessages.count++;
  return { ok: false, error };
}

interface Frame {
  tabId: number;
  frameId: number;
  /** The frame's current URL: the page the request is about. */
  url: string;
  /** The top-level page's host (the Lightning app's, for an AE page framed in it). */
  topHost: string;
}

type PageHandlers = {
  [K in keyof PageResponses]: (request: PageRequestOf<K>, frame: Frame) => Promise<PageResponses[K]>;
};
type ExtensionPageHandlers = {
  [K in keyof ExtensionPageResponses]: (request: ExtensionPageRequestOf<K>) => Promise<ExtensionPageResponses[K]>;
};

async function answer<T>(run: () => Promise<T>): Promise<Response<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: errorCodeOf(error) };
  }
}

export async function route(message: unknown, sender: Runtime.MessageSender): Promise<Response<unknown>> {
  if (sender.id !== browser.runtime.id || !sender.url) return refuse('wrong-sender');
  const extensionPage = sender.url.startsWith(browser.runtime.getURL(''));
  if (extensionPage) {
    const request = parseWith(ExtensionPageRequestSchema, message);
    if (!request) return refuse('bad-request');
    const handler = extensionPageHandlers[request.type] as (r: typeof request) => Promise<unknown>;
    return answer(() => handler(request));
  }
  const request = parseWith(PageRequestSchema, message);
  if (!request) return refuse('bad-request');
  // A message's sender.url stays the URL the document loaded with; after Lightning's pushState
  // only the tab's URL is current, so a top frame is judged by its tab's URL.
  const frameUrl = sender.frameId === 0 && sender.tab?.url ? sender.tab.url : sender.url;
  const senderPage = detectPage(frameUrl);
  if (!senderPage || !samePage(senderPage, request.page) || sender.tab?.id === undefined) return refuse('wrong-sender');
  // A frame counts only inside an AE or Salesforce page: an AE page framed by another site gets nothing.
  const topHost = hostOfUrl(sender.tab.url);
  if ((sender.frameId ?? 0) !== 0 && !isFamilyHost(topHost)) return refuse('wrong-sender');
  if (
    request.type === 'settings-read' &&
    request.page.kind !== 'ae-connector-settings' &&
    request.page.kind !== 'ae-field-settings'
  )
    return refuse('wrong-sender');
  const frame: Frame = {
    tabId: sender.tab.id,
    frameId: sender.frameId ?? 0,
    url: frameUrl,
    topHost,
  };
  const handler = pageHandlers[request.type] as (r: typeof request, f: Frame) => Promise<unknown>;
  return answer(() => handler(request, frame));
}

/**
 * The page's context. Behind Defender for Cloud Apps' session proxy an AE page is known by its real
 * host (`pi.pardot.com` for `pi.pardot.com.mcas.ms`: a prospect, its readings and its back-link are
 * AE's), and the proxy's suffix is kept apart, so the job opens the AE page where the admin's
 * session is: through the proxy, as the Salesforce side does.
 */
function contextOf(
  request: { page: DetectedPage; aeState?: AePageState; aeLoadedAt?: number; fresh?: true },
  frame: Frame,
): PageContext {
  const proxySuffix = proxySuffixOf(request.page.host);
  const isAe = request.page.kind !== 'salesforce-record';
  const page = isAe ? { ...request.page, host: unproxiedHost(request.page.host) } : request.page;
  // An AE page at the top of its tab is not framed by itself behind the proxy.
  const topHost = isAe && unproxiedHost(frame.topHost) === page.host ? page.host : frame.topHost;
  return {
    page,
    frame: {
      aeHost: page.host,
      topHost,
      ...(proxySuffix ? { aeProxySuffix: proxySuffix } : {}),
    },
    ...(request.aeState ? { aeState: request.aeState } : {}),
    ...(request.aeLoadedAt !== undefined ? { aeLoadedAt: request.aeLoadedAt } : {}),
    ...(request.fresh ? { fresh: true } : {}),
  };
}

const pageHandlers: PageHandlers = {
  'page-status': async (request, frame) =>
    pairStatus({ ...contextOf(request, frame), writerTab: await isWriterTab(frame.tabId) }),
  'settings-read': async (request, frame) => {
    const unit = await unitOfSettingsPage(unproxiedHost(request.page.host), frame);
    const url = new URL(frame.url);
    // Origin and path only: a frame's full URL may carry a session id in its query.
    return learn(request.reading, unit, url.origin + url.pathname);
  },
  'open-options': async () => {
    await browser.runtime.openOptionsPage();
    return null;
  },
  'offer-opt-in': (request, frame) => offerOptIn(contextOf(request, frame), frame.tabId),
  'pair-why': (request, frame) => pairWhy(contextOf(request, frame)),
};

/**
 * The business unit a settings page is for: the one the Account Engagement
 * app frames (its org is the Lightning tab's); at the AE host itself, the one
 * of the org known to use that host, or of the only signed-in org whose AE host
 * it is. Where two orgs could be meant, nothing is learned.
 */
async function unitOfSettingsPage(aeHost: string, frame: Frame) {
  let org: Org | null = null;
  if (isSalesforceHost(frame.topHost)) {
    org = await orgForHost(frame.topHost);
  } else {
    const known = await orgsUsing(aeHost);
    if (known.length === 1 && known[0]) org = await orgForHost(known[0].host);
    else if (known.length === 0) {
      const sessions = await signedInOrgs();
      const [only] = sessions;
      if (sessions.length === 1 && only) {
        const candidate = await orgForHost(only.host);
        if ((await aeHostOf(candidate)) === aeHost) org = candidate;
      }
    }
  }
  if (!org) throw new GuardError('org-unknown');
  const { current } = await businessUnitOf(org);
  if (!current) throw new GuardError('business-unit-unknown');
  return current;
}

const extensionPageHandlers: ExtensionPageHandlers = {
  'get-dashboard': async () => ({
    options: await read('options'),
    settings: await allSettings(),
    audit: await read('audit'),
    auditDropped: await read('auditDropped'),
    auditUnreadable: (await read('auditUnreadable')).length,
    oauth: { ...(await connectionView()), redirectUrl: redirectUrl(), scopes: OAUTH_SCOPES },
    aeWriteMethod: await read('aeOptedOutApiWrite'),
    aeAcceptsSession: await read('aeAcceptsSession'),
    refusedMessages: refusedMessages.count,
    notices: await read('notices'),
  }),
  'set-settings': async (request) => {
    await setByHand(request.settings);
    return null;
  },
  'set-options': async (request) => {
    await update('options', () => request.options);
    return null;
  },
  'oauth-connect': async () => {
    await connect();
    return null;
  },
  'oauth-disconnect': async () => {
    await disconnect();
    return null;
  },
  'export-audit': () => auditCsv(),
  ...myDataHandlers,
  'check-org': (request) => checkOrg(request.url),
  'confirmation-read': (request) => readConfirmation(request.id),
  'confirmation-confirm': (request) =>
    confirmOptIn(request.id, request.reason, request.email, Date.now(), request.recordTask),
  'confirmation-cancel': async (request) => {
    await cancelConfirmation(request.id);
    return null;
  },
  'job-view': async (request) => {
    const job = await getJob(request.jobId);
    return job ? toJobView(job) : null;
  },
  'batch-orgs': () => batchOrgs(),
  'batch-preview': (request) => previewBatch(request.orgHost, request, request.concurrency),
  'batch-confirm': (request) => confirmBatch(request.batchId, request.count),
  'batch-control': (request) => controlBatch(request.batchId, request.action),
  'batch-view': (request) => batchView(request.batchId),
  'batch-csv': (request) => batchCsv(request.batchId),
};
