/**
 * Which org and business unit a page belongs to. A Salesforce page names its
 * org by its host; an AE page by the Lead/Contact link it shows (or, framed
 * in the Account Engagement Lightning app, by the Lightning tab around it) —
 * never by "the only org the browser is signed in to": an admin signed in to
 * a full-copy sandbox and to production must not have one written for the
 * other.
 */
import { GuardError } from '../core/errors';
import { AE_HOSTS, isLightningHost, myDomainName, proxySuffixOf, unproxiedHost } from '../core/hosts';
import { backLinkOf } from '../core/links';
import type { SalesforceObject } from '../core/salesforce-id';
import { accessToken } from './oauth';
import { SalesforceClient, type SalesforceSession, sessionFor, sessionHost, signedInOrgs } from './salesforce-rest';
import { type OrgInfo, read, update } from './store';

export interface Org {
  session: SalesforceSession;
  /** Salesforce REST for the org: with the OAuth connection to this org where there is one, else the browser session. */
  salesforce: SalesforceClient;
}

/**
 * The org's REST client. An OAuth connection to the org is preferred: under
 * API Access Control it is the only way in, and the admin chose it.
 */
async function clientFor(session: SalesforceSession): Promise<SalesforceClient> {
  const token = await accessToken(session.orgId).catch(() => null);
  return new SalesforceClient(session.host, token ?? session.sid);
}

export interface BusinessUnit {
  id: string;
  name: string;
}

/** The key what is learned about an org is kept under: its id, else its REST host. */
export const orgKey = (org: Org): string => org.session.orgId ?? org.session.host;

/** Keeps what was learned about an org, under its id (or `key`, where there may be none). */
async function rememberOrg(org: Org, learned: Partial<OrgInfo>, key: string | null = org.session.orgId): Promise<void> {
  if (!key) return;
  await update('orgs', (orgs) => ({ ...orgs, [key]: { ...orgs[key], host: org.session.host, ...learned } }));
}

/** What was learned about an org: under its id (or `key`). */
async function knownOrg(org: Org, key: string | null = org.session.orgId): Promise<OrgInfo | undefined> {
  return key ? (await read('orgs'))[key] : undefined;
}

/** The orgs known to use this AE host. */
export async function orgsUsing(aeHost: string): Promise<OrgInfo[]> {
  return Object.values(await read('orgs')).filter((info) => info.aeHost === aeHost);
}

/** How long the list of business units (and which one the AE app has selected) is trusted. */
const UNITS_FRESH_MS = 60_000;

/**
 * A page behind Defender for Cloud Apps' session proxy whose browser holds no Salesforce session
 * (the proxy keeps it, encrypted): the OAuth connection to the org of the same My Domain, whose
 * token reaches Salesforce directly, as Salesforce Inspector Reloaded asks of such orgs (PR #239).
 */
async function proxiedConnection(pageHost: string): Promise<SalesforceSession | null> {
  const connection = await read('oauth');
  if (!connection?.orgId || myDomainName(connection.instanceHost) !== myDomainName(pageHost)) return null;
  // A job started behind the proxy goes on at the token's own host, where the browser has no cookie.
  if (proxySuffixOf(pageHost) === null && connection.instanceHost !== pageHost) return null;
  const token = await accessToken(connection.orgId).catch(() => null);
  return token ? { host: connection.instanceHost, sid: '', orgId: connection.orgId } : null;
}

/** The org of a Salesforce page (any host of the family), with the admin's browser session. */
export async function orgForHost(pageHost: string): Promise<Org> {
  const proxied = proxySuffixOf(pageHost) !== null;
  const session = (await sessionFor(pageHost)) ?? (await proxiedConnection(pageHost));
  // Behind the proxy, with neither a session nor OAuth: say so, not "expired".
  if (!session) throw new GuardError(proxied ? 'proxied-session' : 'session-expired');
  const org = { session, salesforce: await clientFor(session) };
  await rememberOrg(org, isLightningHost(pageHost) ? { lightningHost: pageHost } : {});
  return org;
}

/** Where an AE page is, as the worker knows it from its sender. */
export interface AeFrame {
  /** The AE page's own host. */
  aeHost: string;
  /** The top-level page: the AE host itself, or the Lightning host of the AE app framing it. */
  topHost: string;
  /** The suffix of Defender for Cloud Apps' session proxy the page was reached through (`.mcas.ms`), if any. */
  aeProxySuffix?: string;
}

/** What a record's back-link says of this prospect: it names it, names another, or cannot tell. */
async function backLinkFits(
  org: Org,
  crm: { object: SalesforceObject; recordId: string },
  prospectId: number,
  aeHost: string,
): Promise<'names-it' | 'not-it' | 'unknown'> {
  const back = backLinkOf((await org.salesforce.getRecord(crm.object, crm.recordId)).pi__url__c);
  if (back.kind === 'none') return 'not-it';
  if (back.kind !== 'prospect') return 'unknown';
  return back.prospectId === prospectId && back.aeHost === aeHost ? 'names-it' : 'not-it';
}

/**
 * The org an AE prospect page syncs with: the Lightning app framing it, or
 * the org of the Lead/Contact the page links to, where that record's
 * back-link does not name another prospect (a back-link the extension cannot
 * read proves nothing either way); or, when the page shows only the record's
 * id, an org where that record exists and its back-link names this prospect:
 * the one org known to use this AE host, else the one signed-in org. Two
 * orgs that both fit (a full-copy sandbox holds the same ids and links) are
 * refused.
 */
export async function orgForAePage(
  frame: AeFrame,
  crm: { host: string | null; object: SalesforceObject; recordId: string },
  prospectId: number,
): Promise<Org> {
  const framedBy = unproxiedHost(frame.topHost) !== frame.aeHost ? frame.topHost : null;
  if (framedBy || crm.host) {
    const org = await orgForHost((framedBy ?? crm.host) as string);
    if (framedBy && crm.host) {
      // Framed, and linking to a record: both must be the same org.
      const linked = await sessionFor(crm.host);
      if (linked?.orgId && linked.orgId !== org.session.orgId) throw new GuardError('org-unknown');
    }
    if ((await backLinkFits(org, crm, prospectId, frame.aeHost)) === 'not-it') throw new GuardError('link-mismatch');
    await rememberAeHost(org, frame.aeHost);
    return org;
  }
  const known = await orgsUsing(frame.aeHost);
  if (known.length === 1 && known[0]) {
    const org = await orgForHost(known[0].host).catch(() => null);
    const fits = org && (await backLinkFits(org, crm, prospectId, frame.aeHost).catch(() => null));
    if (org && fits === 'names-it') return org;
  }
  const fits: Org[] = [];
  for (const session of await signedInOrgs()) {
    const org = { session, salesforce: await clientFor(session) };
    if ((await backLinkFits(org, crm, prospectId, frame.aeHost).catch(() => null)) === 'names-it') fits.push(org);
  }
  const [only] = fits;
  if (fits.length !== 1 || !only) throw new GuardError('org-unknown');
  await rememberAeHost(only, frame.aeHost);
  return only;
}

async function rememberAeHost(org: Org, aeHost: string): Promise<void> {
  if (AE_HOSTS.includes(aeHost)) await rememberOrg(org, { aeHost });
}

/**
 * The org's business units (Connect REST, else the Tooling API's PardotTenant),
 * and the one the admin works in: the only one, or the one the Account
 * Engagement app's switcher has selected (`isCurrent`), since a Lead/Contact
 * syncs with one business unit only.
 */
export async function businessUnitOf(org: Org): Promise<{ current: BusinessUnit | null; all: BusinessUnit[] }> {
  const key = orgKey(org);
  const known = await knownOrg(org, key);
  // With one unit, the list is kept a while; with several, which one the AE app shows can change any time.
  const single = known?.businessUnits?.length === 1;
  if (single && known?.businessUnits && known.unitsAt && Date.now() - known.unitsAt < UNITS_FRESH_MS) {
    return { current: known.currentUnit ?? null, all: known.businessUnits };
  }
  const units = await org.salesforce.businessUnits().catch(() => null);
  if (!units) return { current: known?.currentUnit ?? null, all: known?.businessUnits ?? [] };
  const all = units.map(({ id, name }) => ({ id, name }));
  const current = all.length === 1 ? (all[0] ?? null) : (units.find((unit) => unit.isCurrent) ?? null);
  const currentUnit = current ? { id: current.id, name: current.name } : null;
  await rememberOrg(org, { businessUnits: all, currentUnit, unitsAt: Date.now() }, key);
  return { current: currentUnit, all };
}

/**
 * The org's Account Engagement host: the one its records' back-links or pages
 * showed, else by the kind of org (sandboxes and developer orgs use the demo
 * host), read once from the Organization record.
 */
export async function aeHostOf(org: Org, hint?: string | null): Promise<string> {
  if (hint && AE_HOSTS.includes(hint)) return hint;
  const known = (await knownOrg(org))?.aeHost;
  if (known) return known;
  const kind = await org.salesforce.organizationKind().catch(() => null);
  const [production, demo] = AE_HOSTS;
  return (kind === 'sandbox' || kind === 'developer' ? demo : production) ?? (production as string);
}

/**
 * How long Account Engagement's refusal at its own host sends the org's new jobs to the Lightning
 * app's frame. One "signed out" may be a session that ended, not an admin who can only use the
 * app: after this, or as soon as a prospect page of the org opens at the AE host, it is tried again.
 */
export const AE_TOP_LEVEL_REFUSAL_MS = 12 * 60 * 60_000;

/** Account Engagement refused the org's admin at its own host just now. */
export async function rememberAeTopLevelRefused(org: Org): Promise<void> {
  await rememberOrg(org, { aeTopLevelRefusedAt: Date.now() });
}

/** Whether the org's AE pages are to be opened in the Lightning app's frame (refused at the AE host lately). */
export async function aeTopLevelRefused(org: Org): Promise<boolean> {
  const at = (await knownOrg(org))?.aeTopLevelRefusedAt;
  return at !== undefined && Date.now() - at < AE_TOP_LEVEL_REFUSAL_MS;
}

/** A prospect page of the org opened at the AE host itself: AE answers the admin there again. */
export async function aeTopLevelAnswered(org: Org): Promise<void> {
  const key = org.session.orgId;
  if (!key || (await knownOrg(org))?.aeTopLevelRefusedAt === undefined) return;
  await update('orgs', (orgs) => {
    const { aeTopLevelRefusedAt: _, ...rest } = orgs[key] ?? { host: org.session.host };
    return { ...orgs, [key]: rest };
  });
}

/**
 * The org's Lightning host, for the Account Engagement app's frame: the one a
 * page of it was seen on, or a Lightning host holding a session of the org.
 */
export async function lightningHostOf(org: Org): Promise<string | null> {
  const known = (await knownOrg(org))?.lightningHost;
  if (known) return known;
  const orgId = org.session.orgId;
  return orgId ? sessionHost(orgId, isLightningHost) : null;
}
