/**
 * What the overlay shows for a page: both sides of its prospect ⇄
 * Lead/Contact pair as far as they can be read, the business unit's
 * connector settings and the advice that follows, and the job under way.
 */
import type { AePart } from '../core/ae-page';
import { errorCodeOf, GuardError } from '../core/errors';
import { backLinkOf } from '../core/links';
import { type AePageState, type PairStatus, type ProspectView, type RecordView, toJobView } from '../core/messages';
import { pairState } from '../core/overlay-model';
import type { DetectedPage } from '../core/page-detect';
import { type SalesforceObject, sameRecordId, toId18 } from '../core/salesforce-id';
import { adviseOptIn, stillUnmailable } from '../core/sync-model';
import { lastReading } from './ae-agents';
import { activeJobFor } from './jobs';
import { type AeFrame, aeHostOf, type BusinessUnit, businessUnitOf, type Org, orgForAePage, orgForHost } from './org';
import { crmIdOf, findByEmailApi, fromPage, type ProspectRead, readForOverlay } from './prospects';
import type { RecordFields } from './salesforce';
import { settingsFor } from './settings';

/** Where the request came from: the frame's place, and for an AE page what it shows (read as the admin asks). */
export interface PageContext {
  page: DetectedPage;
  frame: AeFrame;
  aeState?: AePageState;
  /** When the AE page on screen was loaded: what it shows is as old as that. */
  aeLoadedAt?: number;
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

function recordView(object: SalesforceObject, record: RecordFields): RecordView {
  return {
    object,
    id: toId18(record.Id) ?? record.Id,
    email: record.Email,
    hasOptedOutOfEmail: record.HasOptedOutOfEmail,
    hardBounced: record.pi__pardot_hard_bounced__c ?? null,
  };
}

interface Sides {
  prospect: ProspectView | null;
  record: RecordView | null;
  linkProblem: PairStatus['linkProblem'];
  unit: { current: BusinessUnit | null; all: BusinessUnit[] } | null;
  missing: AePart[];
  pageOutdated: boolean;
}

/** An AE prospect page: what it shows (or what the extension read since), and the record it links to. */
async function aeSides(context: PageContext, page: Extract<DetectedPage, { kind: 'ae-prospect' }>, sides: Sides) {
  // A page on screen shows what it showed when it loaded; a reading of another load since (a job's
  // own tab, after its Save) that shows something else is the fresher truth.
  const own = context.aeState;
  const later = await lastReading(page.host, page.prospectId);
  const newer =
    later !== null &&
    context.aeLoadedAt !== undefined &&
    later.at > context.aeLoadedAt &&
    (!own?.readable || later.state.optedOut !== own.optedOut || later.state.isDoNotEmail !== own.isDoNotEmail);
  const state = newer ? later.state : (own ?? later?.state ?? null);
  sides.pageOutdated = Boolean(newer && own?.readable);
  if (state && !state.readable) {
    sides.missing = state.missing;
    throw new GuardError(state.error);
  }
  const prospect = state ? fromPage(page.prospectId, state) : null;
  sides.prospect = prospectView(page.host, page.prospectId, prospect);
  const crm = state?.readable ? state.crm : null;
  if (prospect && !crm) sides.linkProblem = 'not-linked';
  if (!crm) return;
  const org = await orgForAePage(context.frame, crm, page.prospectId);
  sides.unit = await businessUnitOf(org);
  const record = await org.salesforce.getRecord(crm.object, crm.recordId);
  sides.record = recordView(record.object ?? crm.object, record);
}

/** A Lead/Contact page: the record, and the prospect its back-link (or its email) leads to. */
async function salesforceSides(
  context: PageContext,
  page: Extract<DetectedPage, { kind: 'salesforce-record' }>,
  sides: Sides,
) {
  const org = await orgForHost(page.host, context.frame.cookieStoreId);
  // A person account's page shows its person contact: the record the prospect syncs with.
  const record = await org.salesforce.getRecord(page.object, page.recordId);
  sides.record = recordView(record.object ?? page.object, record);
  const recordId = toId18(record.Id) ?? page.recordId;
  sides.unit = await businessUnitOf(org);
  const unitId = sides.unit.current?.id ?? null;
  const back = backLinkOf(record.pi__url__c);
  if (back.kind === 'prospect') {
    const prospect = await readForOverlay(org, back.aeHost, back.prospectId, unitId).catch(() => null);
    sides.prospect = prospectView(back.aeHost, back.prospectId, prospect);
    const crmId = prospect ? crmIdOf(prospect) : null;
    if (crmId && !sameRecordId(crmId, recordId)) sides.linkProblem = 'link-mismatch';
    return;
  }
  const found = await findByEmail(org, record.Email, recordId, unitId, sides);
  sides.linkProblem = found === 'not-linked' && back.kind === 'unknown' ? 'back-link-unreadable' : found;
}

/** Without a back-link, the AE API's query by email finds the prospect whose CRM id is this record. */
async function findByEmail(org: Org, email: string | null, recordId: string, unitId: string | null, sides: Sides) {
  if (!email) return 'not-linked';
  const found = await findByEmailApi(org, await aeHostOf(org), email, unitId);
  if (!found) return 'not-linked';
  const matches = found.prospects.filter((p) => sameRecordId(crmIdOf(p) ?? '', recordId));
  const [only] = matches;
  if (matches.length > 1) return 'several-prospects';
  if (!only) return 'not-linked';
  sides.prospect = prospectView(found.host, only.id, { ...only, source: 'api' });
  return null;
}

export async function pairStatus(context: PageContext): Promise<PairStatus> {
  const sides: Sides = {
    prospect: null,
    record: null,
    linkProblem: null,
    unit: null,
    missing: [],
    pageOutdated: false,
  };
  let problem: PairStatus['problem'] = null;
  try {
    const page = context.page;
    if (page.kind === 'ae-prospect') await aeSides(context, page, sides);
    else if (page.kind === 'salesforce-record') await salesforceSides(context, page, sides);
  } catch (error) {
    problem = errorCodeOf(error);
  }
  const settings = await settingsFor(sides.unit?.current ?? null, sides.unit?.all.length ?? 1);
  const job = await activeJobFor(sides.prospect?.id ?? null, sides.record?.id ?? null);
  const { prospect, record } = sides;
  const known = prospect?.isDoNotEmail !== null || prospect?.isEmailHardBounced !== null || record?.hardBounced;
  const status: PairStatus = {
    page: context.page,
    state: 'error',
    prospect,
    record,
    linkProblem: sides.linkProblem,
    settings,
    advice: adviseOptIn(settings),
    stillUnmailable: known
      ? stillUnmailable({
          isDoNotEmail: prospect?.isDoNotEmail ?? false,
          isEmailHardBounced: Boolean(prospect?.isEmailHardBounced ?? record?.hardBounced),
        })
      : [],
    job: job ? toJobView(job) : null,
    problem,
    missing: sides.missing,
    pageOutdated: sides.pageOutdated,
  };
  status.state = pairState(status);
  return status;
}
