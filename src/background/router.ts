/**
 * The worker's front door. A content script's message is answered only when
 * it comes from this extension, from a frame whose URL is the page the
 * message names, and matches a schema; the options page's only from the
 * extension's own pages. Anything else is refused and counted. Each request
 * type has one handler, typed by the request→response map in core/messages.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { type ErrorCode, errorCodeOf, GuardError } from '../core/errors';
import {
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
import { detectPage, samePage } from '../core/page-detect';
import { registerFrame } from './ae-agent';
import { auditCsv, recordEntry } from './audit';
import { startJob } from './coordinator';
import { connect, disconnect, OAUTH_SCOPES, redirectUrl } from './oauth';
import { orgForAePage, orgForHost, pairStatus } from './pair';
import { allSettings, currentBusinessUnit, learn, setByHand } from './settings';
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
  if (
    request.type === 'settings-read' &&
    request.page.kind !== 'ae-connector-settings' &&
    request.page.kind !== 'ae-field-settings'
  )
    return refuse('wrong-sender');
  const frame = { tabId: sender.tab.id, frameId: sender.frameId ?? 0, url: frameUrl };
  const handler = pageHandlers[request.type] as (r: typeof request, f: Frame) => Promise<unknown>;
  return answer(() => handler(request, frame));
}

const pageHandlers: PageHandlers = {
  'page-status': async (request, frame) => {
    const page = request.page;
    // An AE prospect page sends what it shows: that is also how the page writer learns where it is.
    if (request.aeState && page.kind === 'ae-prospect') {
      await registerFrame(page.prospectId, frame, request.aeState, request.loadId ?? '');
    }
    return pairStatus(page, request.aeState);
  },
  'settings-read': (request, frame) => learn(request.reading, frame.url),
  'start-opt-in': async (request) => {
    try {
      return await startOptIn(request);
    } catch (error) {
      await recordRefusal(request, errorCodeOf(error));
      throw error;
    }
  },
};

async function startOptIn(request: PageRequestOf<'start-opt-in'>) {
  const status = await pairStatus(request.page, undefined);
  const { prospect, record } = status;
  if (status.job && status.job.phase !== 'done' && status.job.phase !== 'failed') return status.job;
  if (status.linkProblem) throw new GuardError(status.linkProblem);
  if (!prospect || !record) throw new GuardError(status.problem ?? 'not-linked');
  const emails = [prospect.email, record.email].filter((e): e is string => Boolean(e)).map((e) => e.toLowerCase());
  // The admin confirmed one email address: nothing is written if the pair is no longer that person.
  if (!emails.includes(request.confirmedEmail.toLowerCase())) throw new GuardError('link-mismatch');
  const salesforceHost = request.page.kind === 'salesforce-record' ? request.page.host : null;
  const org = salesforceHost ? await orgForHost(salesforceHost) : await orgForAePage();
  const admin = await org.salesforce.username().catch(() => 'unknown');
  const bu = await currentBusinessUnit();
  const job = await startJob(
    {
      prospectId: prospect.id,
      aeHost: prospect.aeHost,
      salesforceHost: org.session.host,
      object: record.object,
      recordId: record.id,
      email: request.confirmedEmail,
      businessUnitId: bu?.id ?? null,
    },
    admin,
    request.reason,
  );
  return toJobView(job);
}

/** A refused opt-in is in the audit log too: who asked, for whom, and why nothing was written. */
async function recordRefusal(request: PageRequestOf<'start-opt-in'>, error: ErrorCode) {
  const page = request.page;
  await recordEntry({
    jobId: crypto.randomUUID(),
    at: Date.now(),
    admin: 'unknown',
    orgId: null,
    businessUnitId: (await currentBusinessUnit())?.id ?? null,
    prospectId: page.kind === 'ae-prospect' ? page.prospectId : 0,
    email: request.confirmedEmail,
    object: page.kind === 'salesforce-record' ? page.object : null,
    recordId: page.kind === 'salesforce-record' ? page.recordId : null,
    reason: request.reason,
    attempts: [],
    outcome: 'refused',
    error,
    written: [],
  });
}

const extensionPageHandlers: ExtensionPageHandlers = {
  'get-dashboard': async () => ({
    options: await read('options'),
    settings: await allSettings(),
    businessUnits: await read('businessUnits'),
    audit: await read('audit'),
    auditDropped: await read('auditDropped'),
    oauth: { connected: Boolean(await read('refreshToken')), redirectUrl: redirectUrl(), scopes: OAUTH_SCOPES },
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
};
