/**
 * "Check this org", the worker's side: for a Lead/Contact page or a prospect
 * page (at AE's host or in the Account Engagement Lightning app), every step
 * of an opt-in up to, never including, a save. The AE page is opened in a
 * background tab and its controls located without touching them (no click,
 * no value set); the tab is closed at the end.
 */

import { prospectInAeApp } from '../core/ae-app';
import type { LocateResult } from '../core/ae-page-protocol';
import { errorCodeOf, GuardError } from '../core/errors';
import { hostOfUrl, proxySuffixOf, unproxiedHost } from '../core/hosts';
import { backLinkOf } from '../core/links';
import type { ReadableAePageState } from '../core/messages';
import type { CheckId, CheckLine, CheckNote, CheckReport } from '../core/org-check';
import { CHECKS } from '../core/org-check';
import { detectPage } from '../core/page-detect';
import type { SalesforceObject } from '../core/salesforce-id';
import { closeTabsOpenedBy, locateOnPage, type PageJob, readViaPage } from './ae-page';
import { consentMatchingLine } from './check-consent';
import { historyLines } from './check-history';
import { accessToken } from './oauth';
import { aeHostOf, businessUnitOf, lightningHostOf, type Org, orgForAePage, orgForHost } from './org';
import { readByApi } from './prospects';
import type { RecordFields } from './salesforce-rest';
import { read, type StoredSettings } from './store';

/** What the page offers an opt-in, as the report says it. */
const FOUND = {
  'opt-in': 'the “Opt In” link',
  form: 'the edit form',
  edit: 'the Edit action',
} as const satisfies Record<Extract<LocateResult, { ok: true }>['way'], CheckNote>;

type Target =
  | { kind: 'salesforce-record'; host: string; object: SalesforceObject; recordId: string }
  | { kind: 'ae-prospect'; aeHost: string | null; prospectId: number; frameHost: string | null };

/** What the admin named: a record page, a prospect page, or a prospect in the Account Engagement Lightning app. */
function targetOf(url: string): Target {
  const page = detectPage(url);
  if (page?.kind === 'salesforce-record')
    return { kind: page.kind, host: page.host, object: page.object, recordId: page.recordId };
  if (page?.kind === 'ae-prospect')
    return { kind: page.kind, aeHost: unproxiedHost(page.host), prospectId: page.prospectId, frameHost: null };
  // In the app, the AE host is the org's own (read from the org later).
  const framed = prospectInAeApp(url);
  if (framed)
    return { kind: 'ae-prospect', aeHost: null, prospectId: framed.prospectId, frameHost: framed.lightningHost };
  throw new GuardError('bad-request');
}

/**
 * A page behind Defender for Cloud Apps' session proxy: the AE page is opened behind the same proxy
 * (falling back to AE's own host), and where neither shows it the 'ae-page' line says so plainly
 * (`proxied-ae-page`). The prospect is still known by AE's own host.
 */
function behindProxy(url: string): Pick<PageJob, 'aeProxySuffix'> {
  const suffix = proxySuffixOf(hostOfUrl(url));
  return suffix ? { aeProxySuffix: suffix } : {};
}

class Checklist {
  readonly lines = new Map<CheckId, CheckLine>();
  pass(id: CheckId, note?: CheckNote) {
    this.lines.set(id, { id, result: 'passed', ...(note ? { note } : {}) });
  }
  /** Marks the line failed; returns nothing, for a `.catch` that fails a line. */
  fail(id: CheckId, error: unknown, extra: Pick<CheckLine, 'note' | 'part'> = {}): undefined {
    this.lines.set(id, { id, result: 'failed', error: errorCodeOf(error), ...extra });
    return undefined;
  }
  passed(id: CheckId) {
    return this.lines.get(id)?.result === 'passed';
  }
  report(from: CheckReport['from']): CheckReport {
    return {
      at: Date.now(),
      from,
      lines: CHECKS.map((id) => this.lines.get(id) ?? { id, result: 'not-applicable' }),
    };
  }
}

/**
 * A fresh load of the prospect page: at AE's own host ('ae-page'), and where
 * AE refuses the admin there (several business units), in the Account
 * Engagement Lightning app's frame ('ae-app').
 */
async function readPage(
  check: Checklist,
  job: PageJob,
  org: Org | null,
): Promise<{ state: ReadableAePageState; job: PageJob } | null> {
  /** One line: the page loaded at AE's host (no frame) or in the app's frame, and read. */
  const readAt = async (line: 'ae-page' | 'ae-app', aeFrameHost: string | null) => {
    const next = { ...job, aeFrameHost };
    try {
      const read = { state: await readViaPage(next), job: next };
      check.pass(line);
      return read;
    } catch (error) {
      const part = error instanceof GuardError ? error.detail?.split(',')[0] : undefined;
      check.fail(line, error, part ? { part: part as CheckLine['part'] } : {});
      return null;
    }
  };
  const atHost = job.aeFrameHost ? null : await readAt('ae-page', null);
  if (atHost) return atHost;
  const frameHost = job.aeFrameHost ?? (org ? await lightningHostOf(org) : null);
  return frameHost ? readAt('ae-app', frameHost) : null;
}

/**
 * What the APIs were called with: the org's OAuth connection where there is one, else the browser
 * session; for a page behind Defender for Cloud Apps' proxy, also whether REST went through it.
 */
async function connectionUsed(org: Org, pageHost?: string): Promise<CheckNote> {
  const oauth = Boolean(await accessToken(org.session.orgId).catch(() => null));
  if (!pageHost || proxySuffixOf(pageHost) === null) return oauth ? 'oauth' : 'session';
  return proxySuffixOf(org.session.host) === null && oauth
    ? 'oauth, past Defender for Cloud Apps'
    : 'session, through Defender for Cloud Apps';
}

interface Found {
  org: Org | null;
  record: { object: SalesforceObject; id: string } | null;
  page: PageJob | null;
}

/** Lines salesforce-rest (failed), ae-page, ae-app, back-link: the org, record and page a named page leads to. */
type Proxy = Pick<PageJob, 'aeProxySuffix'>;

async function startFrom(check: Checklist, target: Target, id: string, proxy: Proxy): Promise<Found> {
  if (target.kind === 'salesforce-record') {
    const org = (await orgForHost(target.host).catch((error: unknown) => check.fail('salesforce-rest', error))) ?? null;
    return { org, record: { object: target.object, id: target.recordId }, page: null };
  }
  let org = target.frameHost ? await orgForHost(target.frameHost).catch(() => null) : null;
  const aeHost = target.aeHost ?? (org ? await aeHostOf(org) : null);
  if (!aeHost) return { org, record: null, page: null };
  const job = { id, aeHost, prospectId: target.prospectId, aeFrameHost: target.frameHost, ...proxy };
  const read = await readPage(check, job, org);
  const crm = read?.state.crm;
  if (read && !crm) check.fail('back-link', new GuardError('not-linked'));
  if (!crm) return { org, record: null, page: read?.job ?? null };
  org ??=
    (await orgForAePage({ aeHost, topHost: aeHost }, crm, target.prospectId).catch((error: unknown) =>
      check.fail('salesforce-rest', error),
    )) ?? null;
  return { org, record: { object: crm.object, id: crm.recordId }, page: read?.job ?? null };
}

/** Line record: Email Opt Out can be edited on the record (a person account's through its Account). */
async function recordLine(check: Checklist, org: Org, object: SalesforceObject, fields: RecordFields) {
  const person = Boolean(fields.personAccountId);
  const note: CheckNote = person ? 'person account' : object === 'Lead' ? 'Lead' : 'Contact';
  if (await org.salesforce.emailOptOutEditable(person ? 'Account' : object)) check.pass('record', note);
  else check.fail('record', new GuardError('field-not-writable'), { note });
}

/** Line back-link: the record leads to the prospect (the one whose page was named); the page it leads to. */
function backLinkLine(
  check: Checklist,
  fields: RecordFields,
  page: PageJob | null,
  id: string,
  proxy: Proxy,
): PageJob | null {
  const back = backLinkOf(fields.pi__url__c);
  if (back.kind !== 'prospect') {
    check.fail('back-link', new GuardError(back.kind === 'none' ? 'not-linked' : 'back-link-unreadable'));
    return page;
  }
  if (page && (back.prospectId !== page.prospectId || back.aeHost !== page.aeHost)) {
    check.fail('back-link', new GuardError('link-mismatch'));
    return page;
  }
  check.pass('back-link');
  return page ?? { id, aeHost: back.aeHost, prospectId: back.prospectId, aeFrameHost: null, ...proxy };
}

/** Lines salesforce-rest, history-tracked, other-writers, consent-matching, record and back-link. */
async function salesforceLines(
  check: Checklist,
  found: Found,
  target: Target,
  id: string,
  proxy: Proxy,
): Promise<PageJob | null> {
  const { org, record } = found;
  if (!org || !record) return found.page;
  const pageHost = target.kind === 'salesforce-record' ? target.host : undefined;
  try {
    const fields = await org.salesforce.getRecord(record.object, record.id).catch(async (error: unknown) => {
      // A business Account: REST answered, and said this is no record a prospect syncs with.
      if (errorCodeOf(error) !== 'not-person-account') throw error;
      check.pass('salesforce-rest', await connectionUsed(org, pageHost));
      throw error;
    });
    check.pass('salesforce-rest', await connectionUsed(org, pageHost));
    // A person account's history is the Account's: not read here (the lines are left out, not failed).
    if (record.object !== 'Account')
      for (const line of await historyLines(org, record.object)) check.lines.set(line.id, line);
    check.lines.set('consent-matching', await consentMatchingLine(org));
    await recordLine(check, org, record.object, fields);
    return backLinkLine(check, fields, found.page, id, proxy);
  } catch (error) {
    const business = errorCodeOf(error) === 'not-person-account';
    check.fail(
      check.passed('salesforce-rest') ? 'record' : 'salesforce-rest',
      error,
      business ? { note: 'business account' } : {},
    );
    return found.page;
  }
}

type Units = Awaited<ReturnType<typeof businessUnitOf>>;
type UnitSettings = StoredSettings | undefined;

/** Line business-units: the business unit the org's AE shows is known (and how many there are). */
function businessUnitsLine(check: Checklist, units: Units) {
  const count: CheckNote = units.all.length === 1 ? '1 business unit' : `${units.all.length} business units`;
  if (units.current) check.pass('business-units', count);
  else check.fail('business-units', new GuardError('business-unit-unknown'), { note: count });
}

/** Line connector-option: "Overwrite Prospect Opted Out field", as read from the unit's connector page. */
function connectorOptionLine(check: Checklist, settings: UnitSettings) {
  if (settings && settings.overwriteOptedOut !== 'unknown') check.pass('connector-option', settings.overwriteOptedOut);
  else check.fail('connector-option', new GuardError('business-unit-unknown'));
}

/** Line sync-behavior: the Opted Out field's sync behaviour, or that it is not mapped. */
function syncBehaviorLine(check: Checklist, settings: UnitSettings) {
  if (settings?.optedOutMapped === false) check.pass('sync-behavior', 'not mapped');
  else if (settings?.optedOutSyncBehavior && settings.optedOutMapped)
    check.pass('sync-behavior', settings.optedOutSyncBehavior);
  else check.fail('sync-behavior', new GuardError('business-unit-unknown'));
}

/** Line ae-api: the prospect read by the AE API. */
async function aeApiLine(check: Checklist, org: Org, page: PageJob, unitId: string | null) {
  const byApi = await readByApi(org, page.aeHost, page.prospectId, unitId).catch((error: unknown) =>
    check.fail('ae-api', error),
  );
  if (byApi) check.pass('ae-api', await connectionUsed(org));
  else if (byApi === null) check.fail('ae-api', new GuardError('session-expired'));
}

/** Line ae-form: the page's Opted Out control located, without a click or a change. */
async function aeFormLine(check: Checklist, page: PageJob) {
  const located = await locateOnPage(page).catch((error: unknown) => new GuardError(errorCodeOf(error)));
  if (located instanceof GuardError) check.fail('ae-form', located);
  else if (located.ok) check.pass('ae-form', FOUND[located.way]);
  else check.fail('ae-form', new GuardError(located.error), located.part ? { part: located.part } : {});
}

export async function checkOrg(url: string): Promise<CheckReport> {
  const target = targetOf(url);
  const check = new Checklist();
  const id = `check-${crypto.randomUUID()}`;
  try {
    const proxy = behindProxy(url);
    const found = await startFrom(check, target, id, proxy);
    const { org } = found;
    let page = await salesforceLines(check, found, target, id, proxy);
    const units = org ? await businessUnitOf(org).catch(() => null) : null;
    if (units) {
      businessUnitsLine(check, units);
      const settings = units.current ? (await read('settings'))[units.current.id] : undefined;
      connectorOptionLine(check, settings);
      syncBehaviorLine(check, settings);
    }
    if (org && page) {
      await aeApiLine(check, org, page, units?.current?.id ?? null);
      if (!check.lines.has('ae-page') && !check.lines.has('ae-app'))
        page = (await readPage(check, page, org))?.job ?? page;
      if (check.passed('ae-page') || check.passed('ae-app')) await aeFormLine(check, page);
    }
  } finally {
    await closeTabsOpenedBy(id);
  }
  return check.report(target.kind);
}
