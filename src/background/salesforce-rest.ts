/** Salesforce REST for one org, with the admin's browser session or an OAuth token. */
import browser from 'webextension-polyfill';
import type { ErrorCode } from '../core/errors';
import { GuardError } from '../core/errors';
import { myDomainName, myDomainPreference, orgIdOfSession } from '../core/hosts';
import { type SalesforceObject, toId18 } from '../core/salesforce-id';
import { CLIENT_NAME, fetchJson, withRetry } from './http';

const API_VERSION = 'v62.0';

function salesforceError(status: number, body: unknown): ErrorCode {
  const first = Array.isArray(body) ? (body[0] as { errorCode?: unknown; message?: unknown } | undefined) : undefined;
  const code = String(first?.errorCode ?? '');
  // API Access Control refuses the browser session for good, in these words (not "Session expired").
  if (code === 'INVALID_SESSION_ID' && /not valid for use with the REST API/i.test(String(first?.message ?? ''))) {
    return 'api-access-control';
  }
  if (status === 401 || code === 'INVALID_SESSION_ID') return 'session-expired';
  if (code === 'REQUEST_LIMIT_EXCEEDED') return 'daily-limit';
  if (code === 'API_DISABLED_FOR_ORG' || code === 'API_CURRENTLY_DISABLED') return 'api-disabled';
  if (code.startsWith('INSUFFICIENT_ACCESS') || status === 403) return 'no-access';
  if (code === 'ENTITY_IS_DELETED') return 'record-deleted';
  if (status === 404) return 'record-not-found';
  if (code === 'INVALID_FIELD_FOR_INSERT_UPDATE' || code === 'INVALID_FIELD' || code === 'FIELD_INTEGRITY_EXCEPTION') {
    return 'field-not-writable';
  }
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'internal';
}

export interface SalesforceSession {
  host: string;
  sid: string;
  orgId: string | null;
}

/**
 * Every Salesforce `sid` cookie, with the host it belongs to: from the default cookie store, the only
 * one the extension sees (it is not allowed in incognito windows).
 */
async function sidCookies(): Promise<{ host: string; sid: string }[]> {
  const cookies = await browser.cookies.getAll({ name: 'sid' });
  return cookies.map((cookie) => ({ host: cookie.domain.replace(/^\./, ''), sid: cookie.value }));
}

/**
 * The admin's session for the org a Salesforce page belongs to, read from the
 * HttpOnly `sid` cookies and never stored. REST needs the org's My Domain
 * host (a Lightning host would redirect and drop the Authorization header),
 * so, as Salesforce Inspector does, the page's own `sid` names the org (its
 * id starts the cookie) and the org's My Domain cookie is found by that id.
 * Behind Defender for Cloud Apps' proxy, a session of the org's My Domain
 * direct or through the proxy, whichever holds a Salesforce session, is used.
 */
export async function sessionFor(pageHost: string): Promise<SalesforceSession | null> {
  const own = await browser.cookies.get({ url: `https://${pageHost}/`, name: 'sid' });
  const orgId = own?.value ? orgIdOfSession(own.value) : null;
  const name = myDomainName(pageHost);
  const candidates = (await sidCookies())
    .filter(({ host, sid }) => {
      if (myDomainPreference(host) < 0) return false;
      // A session proxy's own cookie is no Salesforce session: Defender for Cloud Apps keeps the
      // real one and gives the browser an encrypted value (Salesforce Inspector Reloaded PR #239).
      if (!orgIdOfSession(sid)) return false;
      // Without a cookie on the page's own host, the org's My Domain has the same name.
      return orgId ? sid.startsWith(`${orgId}!`) : myDomainName(host) === name;
    })
    .sort(
      (a, b) =>
        myDomainPreference(a.host) - myDomainPreference(b.host) ||
        Number(b.host === pageHost) - Number(a.host === pageHost),
    );
  const best = candidates[0];
  return best ? { host: best.host, sid: best.sid, orgId: orgIdOfSession(best.sid) } : null;
}

/** A host of the given kind holding a session cookie of the org. */
export async function sessionHost(orgId: string, kind: (host: string) => boolean): Promise<string | null> {
  const cookie = (await sidCookies()).find(({ host, sid }) => kind(host) && sid.startsWith(`${orgId}!`));
  return cookie?.host ?? null;
}

/** Every org the browser holds a My Domain session for (one host each). */
export async function signedInOrgs(): Promise<SalesforceSession[]> {
  const sessions = new Map<string, SalesforceSession>();
  const byPreference = (await sidCookies())
    .filter(({ host }) => myDomainPreference(host) >= 0)
    .sort((a, b) => myDomainPreference(a.host) - myDomainPreference(b.host));
  for (const { host, sid } of byPreference) {
    const orgId = orgIdOfSession(sid);
    if (orgId && !sessions.has(orgId)) sessions.set(orgId, { host, sid, orgId });
  }
  return [...sessions.values()];
}

export interface RecordFields {
  Id: string;
  Email: string | null;
  HasOptedOutOfEmail: boolean;
  pi__url__c?: string | null;
  pi__pardot_hard_bounced__c?: boolean | null;
  /**
   * What the pair is known by: the object asked for, but for a person account its person contact
   * (a Contact: the id the prospect syncs with), read and written through the Account.
   */
  object?: SalesforceObject;
  /** A person account's Account id, when the record is one. */
  personAccountId?: string;
}

/**
 * A person account as REST shows it: the person contact's fields on the Account with the `Person`
 * prefix or, for custom fields (AE's included), the `__pc` suffix (Object Reference, "Account":
 * person account fields; Change Data Capture, "Change Events for Person Accounts").
 */
interface PersonAccountFields {
  Id: string;
  IsPersonAccount?: boolean;
  PersonContactId?: string | null;
  PersonEmail?: string | null;
  PersonHasOptedOutOfEmail?: boolean;
  pi__url__pc?: string | null;
  pi__pardot_hard_bounced__pc?: boolean | null;
}

const PERSON_FIELDS = 'Id,IsPersonAccount,PersonContactId,PersonEmail,PersonHasOptedOutOfEmail';

/**
 * Which Contacts were person contacts, and of which Account, at their last read, per REST host;
 * and the hosts whose org has no person accounts at all (its Account has no PersonContactId; once
 * enabled, person accounts cannot be turned off).
 */
const personAccountOfContact = new Map<string, string | null>();
const withoutPersonAccounts = new Set<string>();

const isInvalidField = (error: unknown) => error instanceof GuardError && error.code === 'field-not-writable';

interface HistoryRow {
  Field?: string;
  NewValue?: unknown;
  CreatedDate?: string;
  CreatedById?: string;
  CreatedBy?: { Name?: string; Username?: string } | null;
}

const emailOptOutChange = (row: HistoryRow): EmailOptOutChange => ({
  at: Date.parse(String(row.CreatedDate ?? '').replace(/\+0000$/, 'Z')),
  newValue: row.NewValue === true || row.NewValue === 'true',
  byName: String(row.CreatedBy?.Name ?? row.CreatedById ?? ''),
  byUsername: String(row.CreatedBy?.Username ?? ''),
});

/** One change of Email Opt Out, as field history keeps it. */
export interface EmailOptOutChange {
  at: number;
  newValue: boolean;
  byName: string;
  byUsername: string;
}

export class SalesforceClient {
  constructor(
    readonly host: string,
    private readonly token: string,
  ) {}

  private call(path: string, init: RequestInit = {}) {
    return withRetry(() =>
      fetchJson(
        `https://${this.host}/services/data/${API_VERSION}/${path}`,
        {
          ...init,
          headers: {
            authorization: `Bearer ${this.token}`,
            'sforce-call-options': `client=${CLIENT_NAME}`,
            accept: 'application/json',
            ...(init.body ? { 'content-type': 'application/json' } : {}),
          },
        },
        salesforceError,
      ),
    );
  }

  /**
   * A Lead or Contact, or a person account (an Account id, or its person contact's id), with the
   * fields the extension uses, under the names a Lead or Contact has. A business Account is
   * `not-person-account`.
   */
  async getRecord(object: SalesforceObject, id: string): Promise<RecordFields> {
    // Asked afresh at every read (an Account can be changed between business and person); the
    // write right after uses what the read learned.
    const account = object === 'Account' ? id : object === 'Contact' ? await this.personAccountOf(id, true) : null;
    if (account) return this.getPersonAccount(account);
    const fields = 'Id,Email,HasOptedOutOfEmail,pi__url__c,pi__pardot_hard_bounced__c';
    try {
      return { ...((await this.call(`sobjects/${object}/${id}?fields=${fields}`)).body as RecordFields), object };
    } catch (error) {
      // Without the AE package there is no pi__ field: read what there is.
      if (isInvalidField(error)) {
        const { body } = await this.call(`sobjects/${object}/${id}?fields=Id,Email,HasOptedOutOfEmail`);
        return { ...(body as RecordFields), object };
      }
      throw error;
    }
  }

  /**
   * The Account of a person contact, or null for a business contact. Salesforce keeps the person
   * contact's id on the Account (`PersonContactId`; SOAP API Developer Guide, "Person Account
   * Record Types"), and documents the Account as the record to edit (Salesforce Help 005305352:
   * a person contact's record type cannot be changed through Contact).
   */
  async personAccountOf(contactId: string, fresh = false): Promise<string | null> {
    const id = toId18(contactId);
    if (!id || withoutPersonAccounts.has(this.host)) return null;
    const key = `${this.host}|${id}`;
    const known = personAccountOfContact.get(key);
    if (known !== undefined && !fresh) return known;
    const soql = `SELECT Id FROM Account WHERE PersonContactId = '${id}'`;
    try {
      const { body } = await this.call(`query?q=${encodeURIComponent(soql)}`);
      const [account] = (body as { records?: { Id: string }[] }).records ?? [];
      const accountId = account ? (toId18(account.Id) ?? account.Id) : null;
      personAccountOfContact.set(key, accountId);
      return accountId;
    } catch (error) {
      // An org without person accounts has no PersonContactId: INVALID_FIELD.
      if (!isInvalidField(error)) throw error;
      withoutPersonAccounts.add(this.host);
      return null;
    }
  }

  private async getPersonAccount(accountId: string): Promise<RecordFields> {
    let body: PersonAccountFields;
    try {
      body = (
        await this.call(`sobjects/Account/${accountId}?fields=${PERSON_FIELDS},pi__url__pc,pi__pardot_hard_bounced__pc`)
      ).body as PersonAccountFields;
    } catch (error) {
      if (!isInvalidField(error)) throw error;
      // Without the AE package there is no __pc field; without person accounts, no Person field either.
      body = await this.call(`sobjects/Account/${accountId}?fields=${PERSON_FIELDS}`).then(
        ({ body }) => body as PersonAccountFields,
        (again: unknown) => {
          throw isInvalidField(again) ? new GuardError('not-person-account') : again;
        },
      );
    }
    const contactId = body.PersonContactId ? toId18(body.PersonContactId) : null;
    if (!body.IsPersonAccount || !contactId) throw new GuardError('not-person-account');
    const id = toId18(body.Id) ?? accountId;
    // The org has person accounts now (they can be turned on, never off): what was learned before is stale.
    withoutPersonAccounts.delete(this.host);
    personAccountOfContact.set(`${this.host}|${contactId}`, id);
    return {
      Id: contactId,
      object: 'Contact',
      personAccountId: id,
      Email: body.PersonEmail ?? null,
      HasOptedOutOfEmail: body.PersonHasOptedOutOfEmail === true,
      ...('pi__url__pc' in body ? { pi__url__c: body.pi__url__pc ?? null } : {}),
      ...('pi__pardot_hard_bounced__pc' in body
        ? { pi__pardot_hard_bounced__c: body.pi__pardot_hard_bounced__pc ?? null }
        : {}),
    };
  }

  /** Can this user edit Email Opt Out on this object (field-level security), from the object's describe? */
  async emailOptOutEditable(object: SalesforceObject): Promise<boolean> {
    const { body } = await this.call(`sobjects/${object}/describe`);
    const fields = (body as { fields?: { name: string; updateable?: boolean }[] }).fields ?? [];
    const name = object === 'Account' ? 'PersonHasOptedOutOfEmail' : 'HasOptedOutOfEmail';
    return fields.find((field) => field.name === name)?.updateable === true;
  }

  /**
   * Who changed Email Opt Out on this record, newest first, from its field history (ContactHistory /
   * LeadHistory). Salesforce keeps rows only while Field History Tracking is on for the field, so
   * no rows means "not tracked" as much as "never changed".
   */
  async emailOptOutHistory(object: SalesforceObject, id: string): Promise<EmailOptOutChange[]> {
    const clean = id.replace(/[^a-zA-Z0-9]/g, '');
    // A person account's changes are its Account's: "Field history tracking for accounts applies to
    // both business and person accounts" and "excludes the changes made to a person's contact record"
    // (Salesforce Help, "Track Object Field History").
    const account = object === 'Account' ? clean : object === 'Contact' ? await this.personAccountOf(clean) : null;
    if (account) return this.personAccountHistory(account);
    const parent = object === 'Contact' ? 'ContactId' : 'LeadId';
    const soql =
      `SELECT Field, OldValue, NewValue, CreatedDate, CreatedById, CreatedBy.Name, CreatedBy.Username ` +
      `FROM ${object}History WHERE ${parent} = '${clean}' ` +
      `AND Field = 'HasOptedOutOfEmail' ORDER BY CreatedDate DESC LIMIT 20`;
    const { body } = await this.call(`query?q=${encodeURIComponent(soql)}`);
    return ((body as { records?: HistoryRow[] }).records ?? []).map(emailOptOutChange);
  }

  /**
   * A person account's Email Opt Out changes, from AccountHistory. Salesforce does not document the
   * name the row gives the field (the Account's `PersonHasOptedOutOfEmail`, or the contact's), so the
   * account's recent rows are read and either name is taken, never another field's row.
   */
  private async personAccountHistory(accountId: string): Promise<EmailOptOutChange[]> {
    const soql =
      `SELECT Field, OldValue, NewValue, CreatedDate, CreatedById, CreatedBy.Name, CreatedBy.Username ` +
      `FROM AccountHistory WHERE AccountId = '${accountId}' ORDER BY CreatedDate DESC LIMIT 200`;
    const { body } = await this.call(`query?q=${encodeURIComponent(soql)}`);
    return ((body as { records?: HistoryRow[] }).records ?? [])
      .filter((row) => /^(Person)?HasOptedOutOfEmail$/i.test(String(row.Field ?? '')))
      .slice(0, 20)
      .map(emailOptOutChange);
  }

  /**
   * The evidence Task, the one other write the admin may allow (src/background/evidence.ts). Sent
   * once and never retried: a lost answer must not leave two Tasks. Answers the new Task's id.
   */
  async createTask(fields: Record<string, string>): Promise<string> {
    const { body } = await fetchJson(
      `https://${this.host}/services/data/${API_VERSION}/sobjects/Task`,
      {
        method: 'POST',
        body: JSON.stringify(fields),
        headers: {
          authorization: `Bearer ${this.token}`,
          'sforce-call-options': `client=${CLIENT_NAME}`,
          accept: 'application/json',
          'content-type': 'application/json',
        },
      },
      salesforceError,
    );
    const id = (body as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || !id) throw new GuardError('internal');
    return id;
  }

  /**
   * The only write this extension makes in Salesforce: Email Opt Out unchecked, on a person account
   * through its Account (`PersonHasOptedOutOfEmail`), as Salesforce documents person contacts'
   * fields to be edited.
   */
  async uncheckEmailOptOut(object: SalesforceObject, id: string): Promise<void> {
    const account = object === 'Account' ? id : object === 'Contact' ? await this.personAccountOf(id) : null;
    await this.call(
      account ? `sobjects/Account/${account}` : `sobjects/${object}/${id}`,
      account
        ? { method: 'PATCH', body: JSON.stringify({ PersonHasOptedOutOfEmail: false }) }
        : { method: 'PATCH', body: JSON.stringify({ HasOptedOutOfEmail: false }) },
    );
  }

  /** The admin's business units, and which one the Account Engagement app has selected. */
  async businessUnits(): Promise<{ id: string; name: string; isCurrent: boolean }[]> {
    try {
      const { body } = await this.call('connect/pardot/business-unit-context');
      const units = (body as { businessUnits?: { id: string; name: string; isCurrent?: boolean }[] }).businessUnits;
      return (units ?? []).map(({ id, name, isCurrent }) => ({ id, name, isCurrent: Boolean(isCurrent) }));
    } catch {
      const { body } = await this.call(
        `tooling/query?q=${encodeURIComponent('SELECT Id, PardotTenantName FROM PardotTenant')}`,
      );
      return ((body as { records?: { Id: string; PardotTenantName: string }[] }).records ?? []).map((r) => ({
        id: r.Id,
        name: r.PardotTenantName,
        isCurrent: false,
      }));
    }
  }

  /** Production, sandbox or developer org: Account Engagement serves the last two on its demo host. */
  async organizationKind(): Promise<'production' | 'sandbox' | 'developer'> {
    const { body } = await this.call(
      `query?q=${encodeURIComponent('SELECT IsSandbox, OrganizationType FROM Organization')}`,
    );
    const [organization] = (body as { records?: { IsSandbox?: boolean; OrganizationType?: string }[] }).records ?? [];
    if (organization?.IsSandbox) return 'sandbox';
    return organization?.OrganizationType === 'Developer Edition' ? 'developer' : 'production';
  }

  /** One page of a SOQL query's records (Restore a list's bulk reads: background/batch-reads.ts). */
  async query<T>(soql: string): Promise<T[]> {
    const { body } = await this.call(`query?q=${encodeURIComponent(soql)}`);
    return ((body as { records?: T[] }).records ?? []) as T[];
  }

  /** The org's daily API allowance (REST API Developer Guide, "Limits": DailyApiRequests). */
  async dailyApiRequests(): Promise<{ max: number; remaining: number } | null> {
    const { body } = await this.call('limits');
    const daily = (body as { DailyApiRequests?: { Max?: number; Remaining?: number } }).DailyApiRequests;
    return typeof daily?.Max === 'number' && typeof daily.Remaining === 'number'
      ? { max: daily.Max, remaining: daily.Remaining }
      : null;
  }

  async username(): Promise<string> {
    const { body } = await withRetry(() =>
      fetchJson(
        `https://${this.host}/services/oauth2/userinfo`,
        { headers: { authorization: `Bearer ${this.token}`, 'sforce-call-options': `client=${CLIENT_NAME}` } },
        // The identity endpoint answers a dead token with 403 "Bad_OAuth_Token", not REST's 401.
        (status, body) =>
          status === 403 && String(body).includes('Bad_OAuth_Token')
            ? 'session-expired'
            : salesforceError(status, body),
      ),
    );
    return String((body as { preferred_username?: string }).preferred_username ?? 'unknown');
  }
}
