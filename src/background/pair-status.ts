/**
 * What the overlay shows for a page: both sides of its prospect ⇄
 * Lead/Contact pair as far as they can be read, the business unit's
 * connector settings and the advice that follows, and the job under way.
 */
import type { AePart } from '../core/ae-page-protocol';
import { errorCodeOf, GuardError } from '../core/errors';
import { backLinkOf } from '../core/links';
import { type AePageState, type PairStatus, type ProspectView, type RecordView, toJobView } from '../core/messages';
import { pairState } from '../core/overlay-model';
import type { DetectedPage } from '../core/page-detect';
import { type SalesforceObject, sameRecordId, toId18 } from '../core/salesforce-id';
import { adviseOptIn, stillUnmailable } from '../core/sync-model';
import { lastReading } from './ae-agents';
import { activeJobFor, isOfPair, type OrgRef, onJobSaved, type PairKey } from './jobs';
import {
  type AeFrame,
  aeHostOf,
  aeTopLevelAnswered,
  type BusinessUnit,
  businessUnitOf,
  type Org,
  orgForAePage,
  orgForHost,
} from './org';
import { crmIdOf, findByEmailApi, fromPage, type ProspectRead, readForOverlay } from './prospects';
import type { RecordFields } from './salesforce-rest';
import { settingsFor } from './settings';

/** Where the request came from: the frame's place, and for an AE page what it shows (read as the admin asks). */
export interface PageContext {
  page: DetectedPage;
  frame: AeFrame;
  aeState?: AePageState;
  /** When the AE page on screen was loaded: what it shows is as old as that. */
  aeLoadedAt?: number;
  /** The admin just saved the record or came back to the tab: read the pair now, not as read lately. */
  fresh?: boolean;
  /**
   * The page is a job's own, in the writer's window (ae-page.ts): nobody reads its overlay, and a job
   * loads it again at every look for the sync, so it shows what the page shows and reads nothing more.
   */
  writerTab?: boolean;
}

export function prospectView(aeHost: string, prospectId: number, read: ProspectRead | null): ProspectView {
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

export function recordView(object: SalesforceObject, record: RecordFields): RecordView {
  return {
    object,
    id: toId18(record.Id) ?? record.Id,
    email: record.Email,
    hasOptedOutOfEmail: record.HasOptedOutOfEmail,
    hardBounced: record.pi__pardot_hard_bounced__c ?? null,
  };
}

const orgRef = (org: Org): OrgRef => ({ orgId: org.session.orgId, salesforceHost: org.session.host });

export interface Sides {
  prospect: ProspectView | null;
  record: RecordView | null;
  linkProblem: PairStatus['linkProblem'];
  unit: { current: BusinessUnit | null; all: BusinessUnit[] } | null;
  missing: AePart[];
  pageOutdated: boolean;
  /** The org the pair was found in: a job of another org with the same ids is not this pair's. */
  org: OrgRef | null;
}

/** What an AE prospect page shows, or what the extension read since (a local look, no request). */
interface AeShown {
  state: AePageState | null;
  pageOutdated: boolean;
}

async function aeShown(context: PageContext, page: Extract<DetectedPage, { kind: 'ae-prospect' }>): Promise<AeShown> {
  // A page on screen shows what it showed when it loaded; a reading of another load since (a job's
  // own tab, after its Save) that shows something else is the fresher truth.
  const own = context.aeState;
  const later = await lastReading(page.host, page.prospectId);
  const newer =
    later !== null &&
    context.aeLoadedAt !== undefined &&
    later.at > context.aeLoadedAt &&
    (!own?.readable || later.state.optedOut !== own.optedOut || later.state.isDoNotEmail !== own.isDoNotEmail);
  return { state: newer ? later.state : (own ?? later?.state ?? null), pageOutdated: Boolean(newer && own?.readable) };
}

/** An AE prospect page: what it shows, and the record it links to. */
async function aeSides(
  context: PageContext,
  page: Extract<DetectedPage, { kind: 'ae-prospect' }>,
  { state, pageOutdated }: AeShown,
  sides: Sides,
) {
  sides.pageOutdated = pageOutdated;
  if (state && !state.readable) {
    sides.missing = state.missing;
    throw new GuardError(state.error);
  }
  const prospect = state ? fromPage(page.prospectId, state) : null;
  sides.prospect = prospectView(page.host, page.prospectId, prospect);
  const crm = state?.readable ? state.crm : null;
  if (prospect && !crm) sides.linkProblem = 'not-linked';
  if (!crm || context.writerTab) return;
  const org = await orgForAePage(context.frame, crm, page.prospectId);
  sides.org = orgRef(org);
  // The page shows the prospect at AE's own host: AE takes the admin there again.
  if (context.frame.topHost === page.host) await aeTopLevelAnswered(org);
  sides.unit = await businessUnitOf(org);
  const record = await org.salesforce.getRecord(crm.object, crm.recordId);
  sides.record = recordView(record.object ?? crm.object, record);
}

/** A Lead/Contact page: the record, and the prospect its back-link (or its email) leads to. */
async function salesforceSides(page: Extract<DetectedPage, { kind: 'salesforce-record' }>, sides: Sides) {
  const org = await orgForHost(page.host);
  sides.org = orgRef(org);
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

/** How long a pair's sides, as read, serve every tab asking: a page looping pushState costs one read per this. */
const STATUS_FRESH_MS = 5_000;

interface SidesRead {
  sides: Sides;
  problem: PairStatus['problem'];
}

/** Pairs' sides as read lately, by what the page asks about; shared between tabs. */
const readLately = new Map<string, { at: number; read: Promise<SidesRead>; pair: PairKey | null }>();

/** A job changed: its pair's sides may have too (and a read under way may predate the change). */
onJobSaved((job) => {
  for (const [key, entry] of readLately) if (!entry.pair || isOfPair(job, entry.pair)) readLately.delete(key);
});

/** What the sides depend on: the page's record, or the AE page's prospect as it is shown there. */
function sidesKey(context: PageContext, shown: AeShown | null): string {
  const { page } = context;
  if (page.kind === 'salesforce-record') return `record ${page.host} ${toId18(page.recordId) ?? page.recordId}`;
  if (page.kind === 'ae-prospect')
    return `prospect ${page.host} ${page.prospectId} ${context.frame.topHost} ${JSON.stringify(shown)}${context.writerTab ? ' writer' : ''}`;
  return `${page.kind} ${page.host}`;
}

async function readSides(context: PageContext, shown: AeShown | null): Promise<SidesRead> {
  const sides: Sides = {
    prospect: null,
    record: null,
    linkProblem: null,
    unit: null,
    missing: [],
    pageOutdated: false,
    org: null,
  };
  let problem: PairStatus['problem'] = null;
  try {
    const page = context.page;
    if (page.kind === 'ae-prospect' && shown) await aeSides(context, page, shown, sides);
    else if (page.kind === 'salesforce-record') await salesforceSides(page, sides);
  } catch (error) {
    problem = errorCodeOf(error);
  }
  return { sides, problem };
}

/** The pair's sides: as read in the last few seconds by any tab, else read now (`fresh`: read now). */
async function sidesFor(context: PageContext): Promise<SidesRead> {
  const shown = context.page.kind === 'ae-prospect' ? await aeShown(context, context.page) : null;
  const key = sidesKey(context, shown);
  const now = Date.now();
  for (const [old, entry] of readLately) if (now - entry.at >= STATUS_FRESH_MS) readLately.delete(old);
  const cached = readLately.get(key);
  if (cached && !context.fresh) return cached.read;
  const entry: { at: number; read: Promise<SidesRead>; pair: PairKey | null } = {
    at: now,
    read: readSides(context, shown),
    pair: null,
  };
  readLately.set(key, entry);
  const read = await entry.read;
  const { prospect, record } = read.sides;
  entry.pair = {
    aeHost: prospect?.aeHost ?? null,
    prospectId: prospect?.id ?? null,
    org: read.sides.org,
    recordId: record?.id ?? null,
  };
  return read;
}

/**
 * The pair a page shows, as read lately for its status (the overlay's history reads from it). The
 * same read answers the same object: what is read along with it can be kept as long as it is.
 */
export async function pairOf(context: PageContext): Promise<Sides> {
  return (await sidesFor(context)).sides;
}

export async function pairStatus(context: PageContext): Promise<PairStatus> {
  const { sides, problem } = await sidesFor(context);
  const settings = await settingsFor(sides.unit?.current ?? null, sides.unit?.all.length ?? 1);
  const { prospect, record } = sides;
  const job = await activeJobFor({
    aeHost: prospect?.aeHost ?? null,
    prospectId: prospect?.id ?? null,
    org: sides.org,
    recordId: record?.id ?? null,
  });
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
