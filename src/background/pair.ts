/**
 * Both sides of a prospect ⇄ Lead/Contact pair: which org and business unit,
 * how each side is read (Salesforce REST with the browser session; AE by API
 * where a token works, else from its page), and the status the overlay shows.
 */
import { errorCodeOf, GuardError } from '../core/errors';
import { backLinkOf } from '../core/links';
import { type AePageState, type PairStatus, type ProspectView, type RecordView, toJobView } from '../core/messages';
import type { DetectedPage } from '../core/page-detect';
import { objectOfId, type SalesforceObject, sameRecordId, toId18 } from '../core/salesforce-id';
import { adviseOptIn, stillUnmailable } from '../core/sync-model';
import { cachedState, readViaPage } from './ae-agent';
import { AeApiClient, type AeProspect } from './ae-api';
import { activeJobFor } from './jobs';
import { accessToken } from './oauth';
import { SalesforceClient, type SalesforceSession, sessionFor, signedInOrgs } from './salesforce';
import { currentBusinessUnit, settingsFor } from './settings';
import { read, update } from './store';

export interface Org {
  session: SalesforceSession;
  salesforce: SalesforceClient;
}

export async function orgForHost(pageHost: string): Promise<Org> {
  const session = await sessionFor(pageHost);
  if (!session) throw new GuardError('session-expired');
  return { session, salesforce: new SalesforceClient(session.host, session.sid) };
}

/** AE pages do not say which org they sync with: the one org the browser is signed in to. */
export async function orgForAePage(): Promise<Org> {
  const orgs = await signedInOrgs();
  const [only] = orgs;
  if (orgs.length !== 1 || !only) throw new GuardError(orgs.length === 0 ? 'session-expired' : 'org-unknown');
  return { session: only, salesforce: new SalesforceClient(only.host, only.sid) };
}

let discovery: Promise<void> | null = null;
async function discoverBusinessUnits(org: Org): Promise<void> {
  if ((await read('businessUnits')).length > 0) return;
  discovery ??= org.salesforce
    .businessUnits()
    .then((units) => update('businessUnits', () => units))
    .then(() => undefined)
    .catch(() => undefined)
    .finally(() => {
      discovery = null;
    });
  await discovery;
}

/** An AE API client with a token AE may accept, or null (then the page is the way). */
export async function aeApi(aeHost: string, org: Org): Promise<AeApiClient | null> {
  await discoverBusinessUnits(org);
  const bu = await currentBusinessUnit();
  if (!bu) return null;
  const oauth = await accessToken().catch(() => null);
  if (oauth) return new AeApiClient(aeHost, oauth, bu.id);
  const accepts = (await read('aeAcceptsSession'))[org.session.orgId ?? ''];
  // A browser sid lacks the pardot_api scope and real AE is expected to refuse it (184): try once, remember.
  return accepts === false ? null : new AeApiClient(aeHost, org.session.sid, bu.id);
}

async function rememberSessionRefused(org: Org) {
  if (await accessToken().catch(() => null)) return;
  await update('aeAcceptsSession', (all) => ({ ...all, [org.session.orgId ?? '']: false }));
}

export interface ProspectRead extends AeProspect {
  source: 'api' | 'page';
}

function fromPage(prospectId: number, state: AePageState): ProspectRead {
  if (!state.readable) throw new GuardError(state.error);
  return {
    id: prospectId,
    email: state.email,
    optedOut: state.optedOut,
    isDoNotEmail: state.isDoNotEmail ?? false,
    isEmailHardBounced: state.isEmailHardBounced ?? false,
    salesforceContactId: state.salesforceContactId ? toId18(state.salesforceContactId) : null,
    salesforceLeadId: state.salesforceLeadId ? toId18(state.salesforceLeadId) : null,
    salesforceLastSync: state.salesforceLastSync,
    source: 'page',
  };
}

/**
 * The prospect as AE holds it now. By API when a token works; otherwise from
 * its page: read fresh for a job, or the last read of an open page for the overlay.
 */
export async function readProspect(
  aeHost: string,
  prospectId: number,
  org: Org,
  jobId: string | null,
): Promise<ProspectRead | null> {
  const api = await aeApi(aeHost, org);
  if (api) {
    try {
      return { ...(await api.prospect(prospectId)), source: 'api' };
    } catch (error) {
      if (errorCodeOf(error) !== 'session-expired') throw error;
      await rememberSessionRefused(org);
    }
  }
  if (jobId) return fromPage(prospectId, await readViaPage(aeHost, prospectId, jobId));
  const cached = await cachedState(prospectId, 5 * 60_000);
  return cached ? fromPage(prospectId, cached) : null;
}

function prospectView(aeHost: string, prospectId: number, read: ProspectRead | null): ProspectView {
  return {
    id: prospectId,
    aeHost,
    email: read?.email ?? null,
    optedOut: read?.optedOut ?? null,
    isDoNotEmail: read?.isDoNotEmail ?? null,
    isEmailHardBounced: read?.isEmailHardBounced ?? null,
    salesforceLastSync: read?.salesforceLastSync ?? null,
    source: read?.source ?? 'none',
  };
}

export const crmIdOf = (prospect: Pick<AeProspect, 'salesforceContactId' | 'salesforceLeadId'>) =>
  prospect.salesforceContactId ?? prospect.salesforceLeadId;

export async function pairStatus(page: DetectedPage, aeState: AePageState | undefined): Promise<PairStatus> {
  const bu = await currentBusinessUnit();
  const settings = await settingsFor(bu?.id ?? null);
  const status: PairStatus = {
    page,
    state: 'error',
    prospect: null,
    record: null,
    linkProblem: null,
    settings,
    advice: adviseOptIn(settings),
    stillUnmailable: [],
    job: null,
    problem: null,
  };
  try {
    if (page.kind === 'ae-prospect') {
      const state = aeState ?? (await cachedState(page.prospectId, 5 * 60_000));
      const prospect = state ? fromPage(page.prospectId, state) : null;
      status.prospect = prospectView(page.host, page.prospectId, prospect);
      const crmId = prospect ? crmIdOf(prospect) : null;
      if (prospect && !crmId) status.linkProblem = 'not-linked';
      if (crmId) {
        const object = objectOfId(crmId);
        const org = await orgForAePage();
        const record = object ? await org.salesforce.getRecord(object, crmId) : null;
        if (record && object) status.record = recordView(object, record);
      }
    } else if (page.kind === 'salesforce-record') {
      const org = await orgForHost(page.host);
      const record = await org.salesforce.getRecord(page.object, page.recordId);
      status.record = recordView(page.object, record);
      const back = backLinkOf(record.pi__url__c);
      const link = back.kind === 'prospect' ? back : null;
      if (link) {
        const prospect = await readProspect(link.aeHost, link.prospectId, org, null).catch(() => null);
        status.prospect = prospectView(link.aeHost, link.prospectId, prospect);
        if (prospect && crmIdOf(prospect) && !sameRecordId(crmIdOf(prospect) ?? '', page.recordId))
          status.linkProblem = 'link-mismatch';
      } else {
        status.linkProblem = await findByEmail(org, record.Email, page.recordId, status);
      }
    }
  } catch (error) {
    status.problem = errorCodeOf(error);
  }
  const job = await activeJobFor(status.prospect?.id ?? null, status.record?.id ?? null);
  status.job = job ? toJobView(job) : null;
  if (
    status.prospect?.isDoNotEmail !== null ||
    status.prospect?.isEmailHardBounced !== null ||
    status.record?.hardBounced
  ) {
    status.stillUnmailable = stillUnmailable({
      isDoNotEmail: status.prospect?.isDoNotEmail ?? false,
      isEmailHardBounced: Boolean(status.prospect?.isEmailHardBounced ?? status.record?.hardBounced),
    });
  }
  status.state = status.linkProblem
    ? 'not-linked'
    : status.problem && !status.record && !status.prospect
      ? 'error'
      : settings.overwriteOptedOut === 'on'
        ? 'option-on'
        : settings.overwriteOptedOut === 'off'
          ? 'option-off'
          : 'option-unknown';
  return status;
}

/** Without pi__url__c, the AE API's query by email finds the prospect whose CRM id is this record. */
async function findByEmail(org: Org, email: string | null, recordId: string, status: PairStatus) {
  if (!email) return 'not-linked';
  const api = await aeApi('pi.pardot.com', org);
  if (!api) return 'not-linked';
  const matches = (await api.prospectsByEmail(email)).filter((p) => sameRecordId(crmIdOf(p) ?? '', recordId));
  const [only] = matches;
  if (matches.length > 1) return 'several-prospects';
  if (!only) return 'not-linked';
  status.prospect = prospectView(api.host, only.id, { ...only, source: 'api' });
  return null;
}

function recordView(
  object: SalesforceObject,
  record: {
    Id: string;
    Email: string | null;
    HasOptedOutOfEmail: boolean;
    pi__pardot_hard_bounced__c?: boolean | null;
  },
): RecordView {
  return {
    object,
    id: toId18(record.Id) ?? record.Id,
    email: record.Email,
    hasOptedOutOfEmail: record.HasOptedOutOfEmail,
    hardBounced: record.pi__pardot_hard_bounced__c ?? null,
  };
}
