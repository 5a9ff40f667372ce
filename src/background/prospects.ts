/**
 * Reading a prospect: by the AE API v5 when a token it accepts is at hand
 * (an OAuth connection, or the browser session where AE takes it), else from
 * its page — a fresh load for a job, or what an open page last showed for the
 * overlay.
 */
import { errorCodeOf } from '../core/errors';
import type { Job } from '../core/job';
import type { ReadableAePageState } from '../core/messages';
import { fromVisitorActivities } from '../core/visitor-activities';
import { lastReading } from './ae-agents';
import { AeApiClient, type AeProspect } from './ae-api';
import { readViaPage } from './ae-page';
import { accessToken } from './oauth';
import { type Org, orgKey } from './org';
import { read, update } from './store';

export interface ProspectRead extends AeProspect {
  source: 'api' | 'page';
  /** The org host the page's Lead/Contact link points to (page reads only). */
  crmHost?: string | null;
  /** The opt-outs the page's activity list shows (page reads only; null: the page shows no list; absent: not read). */
  optOutActivities?: OptOutActivity[] | null;
  /** The sends, clicks and unsubscribes of the emails the opt-outs name, for the scanner verdict (same rules). */
  emailActivities?: EmailActivity[] | null;
}

export type EmailActivity = NonNullable<ReadableAePageState['emailActivities']>[number];

export type OptOutActivity = NonNullable<ReadableAePageState['optOutActivities']>[number];

/** An AE API client with a token AE may accept, or null (then the page is the way). */
export async function aeApi(org: Org, aeHost: string, businessUnitId: string | null): Promise<AeApiClient | null> {
  if (!businessUnitId) return null;
  const oauth = await accessToken(org.session.orgId).catch(() => null);
  if (oauth) return new AeApiClient(aeHost, oauth, businessUnitId);
  // A browser sid lacks the pardot_api scope and real AE is expected to refuse it (184): try once, remember.
  const accepts = (await read('aeAcceptsSession'))[orgKey(org)];
  return accepts === false ? null : new AeApiClient(aeHost, org.session.sid, businessUnitId);
}

async function rememberSessionRefused(org: Org) {
  if (await accessToken(org.session.orgId).catch(() => null)) return;
  await update('aeAcceptsSession', (all) => ({ ...all, [orgKey(org)]: false }));
}

/** `call` on the AE API; null when no token AE accepts is at hand (a refused session is remembered). */
async function viaApi<T>(
  org: Org,
  aeHost: string,
  businessUnitId: string | null,
  call: (api: AeApiClient) => Promise<T>,
): Promise<T | null> {
  const api = await aeApi(org, aeHost, businessUnitId);
  if (!api) return null;
  try {
    return await call(api);
  } catch (error) {
    if (errorCodeOf(error) !== 'session-expired') throw error;
    await rememberSessionRefused(org);
    return null;
  }
}

/** The prospect by API, or null when no token AE accepts is at hand. */
export function readByApi(
  org: Org,
  aeHost: string,
  prospectId: number,
  businessUnitId: string | null,
): Promise<ProspectRead | null> {
  return viaApi(org, aeHost, businessUnitId, async (api) => ({ ...(await api.prospect(prospectId)), source: 'api' }));
}

/**
 * The prospect's opt-outs and the email activities behind them from API v5 visitor activities, for a
 * prospect read by API (its page is then not loaded for them); null when no token AE accepts is at
 * hand or the activities could not be read (a user without the Visitors ability, say): "not read".
 */
export function activitiesByApi(
  org: Org,
  aeHost: string,
  prospectId: number,
  businessUnitId: string | null,
): Promise<Pick<ProspectRead, 'optOutActivities' | 'emailActivities'> | null> {
  return viaApi(org, aeHost, businessUnitId, async (api) =>
    fromVisitorActivities(await api.visitorActivities(prospectId)),
  ).catch(() => null);
}

/** The prospects with this email, by API; null when no token AE accepts is at hand. */
export function findByEmailApi(
  org: Org,
  aeHost: string,
  email: string,
  businessUnitId: string | null,
): Promise<{ host: string; prospects: AeProspect[] } | null> {
  return viaApi(org, aeHost, businessUnitId, async (api) => ({
    host: api.host,
    prospects: await api.prospectsByEmail(email),
  }));
}

export function fromPage(prospectId: number, state: ReadableAePageState): ProspectRead {
  return {
    id: prospectId,
    email: state.email,
    optedOut: state.optedOut,
    isDoNotEmail: state.isDoNotEmail ?? false,
    isEmailHardBounced: state.isEmailHardBounced ?? false,
    salesforceContactId: state.crm?.object === 'Contact' ? state.crm.recordId : null,
    salesforceLeadId: state.crm?.object === 'Lead' ? state.crm.recordId : null,
    salesforceLastSync: state.salesforceLastSync,
    source: 'page',
    crmHost: state.crm?.host ?? null,
    // Absent where the page's activity list was not read: "not read", never "none shown".
    optOutActivities: state.optOutActivities,
    emailActivities: state.emailActivities,
  };
}

/**
 * The prospect as AE holds it now, for a job: by API, or from a fresh load of its page, with its
 * activity list where `activities` (the page's is read only then).
 */
export async function readForJob(
  job: Pick<Job, 'id' | 'aeHost' | 'prospectId' | 'aeFrameHost' | 'aeProxySuffix' | 'businessUnitId'>,
  org: Org,
  { activities = true } = {},
): Promise<ProspectRead> {
  const byApi = await readByApi(org, job.aeHost, job.prospectId, job.businessUnitId);
  return byApi ?? fromPage(job.prospectId, await readViaPage(job, { activities }));
}

/** For the overlay: by API, else what an open page of the prospect showed in the last five minutes. */
export async function readForOverlay(
  org: Org,
  aeHost: string,
  prospectId: number,
  businessUnitId: string | null,
): Promise<ProspectRead | null> {
  const byApi = await readByApi(org, aeHost, prospectId, businessUnitId).catch(() => null);
  if (byApi) return byApi;
  const reading = await lastReading(aeHost, prospectId);
  return reading ? fromPage(prospectId, reading.state) : null;
}

export const crmIdOf = (prospect: Pick<AeProspect, 'salesforceContactId' | 'salesforceLeadId'>) =>
  prospect.salesforceContactId ?? prospect.salesforceLeadId;
