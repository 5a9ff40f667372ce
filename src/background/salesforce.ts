/** Salesforce REST for one org, with the admin's browser session or an OAuth token. */
import browser from 'webextension-polyfill';
import type { ErrorCode } from '../core/errors';
import { GuardError } from '../core/errors';
import { orgIdOfSession } from '../core/hosts';
import { CLIENT_NAME, fetchJson, withRetry } from './http';

export const API_VERSION = 'v62.0';

function salesforceError(status: number, body: unknown): ErrorCode {
  const code = Array.isArray(body) ? String((body[0] as { errorCode?: unknown })?.errorCode ?? '') : '';
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

/** The admin's session for a My Domain host, read from its HttpOnly `sid` cookie. Never stored. */
export async function browserSession(host: string): Promise<SalesforceSession | null> {
  const cookie = await browser.cookies.get({ url: `https://${host}/`, name: 'sid' });
  if (!cookie?.value) return null;
  return { host, sid: cookie.value, orgId: orgIdOfSession(cookie.value) };
}

/** Every org the browser is signed in to, for pages (AE) that do not say which org they sync with. */
export async function signedInOrgs(): Promise<SalesforceSession[]> {
  const cookies = await browser.cookies.getAll({ name: 'sid' });
  const sessions = new Map<string, SalesforceSession>();
  for (const cookie of cookies) {
    const host = cookie.domain.replace(/^\./, '');
    if (!/\.my\.salesforce\.(com|mil)$/.test(host)) continue;
    const orgId = orgIdOfSession(cookie.value);
    if (orgId && !sessions.has(orgId)) sessions.set(orgId, { host, sid: cookie.value, orgId });
  }
  return [...sessions.values()];
}

export interface RecordFields {
  Id: string;
  Email: string | null;
  HasOptedOutOfEmail: boolean;
  pi__url__c?: string | null;
  pi__pardot_hard_bounced__c?: boolean | null;
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

  async getRecord(object: 'Lead' | 'Contact', id: string): Promise<RecordFields> {
    const fields = 'Id,Email,HasOptedOutOfEmail,pi__url__c,pi__pardot_hard_bounced__c';
    try {
      return (await this.call(`sobjects/${object}/${id}?fields=${fields}`)).body as RecordFields;
    } catch (error) {
      // Without the AE package there is no pi__ field: read what there is.
      if (error instanceof GuardError && error.code === 'field-not-writable') {
        return (await this.call(`sobjects/${object}/${id}?fields=Id,Email,HasOptedOutOfEmail`)).body as RecordFields;
      }
      throw error;
    }
  }

  /** The only write this extension makes in Salesforce. */
  async uncheckEmailOptOut(object: 'Lead' | 'Contact', id: string): Promise<void> {
    await this.call(`sobjects/${object}/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ HasOptedOutOfEmail: false }),
    });
  }

  async businessUnits(): Promise<{ id: string; name: string }[]> {
    try {
      const { body } = await this.call('connect/pardot/business-unit-context');
      return ((body as { businessUnits?: { id: string; name: string }[] }).businessUnits ?? []).map(({ id, name }) => ({
        id,
        name,
      }));
    } catch {
      const { body } = await this.call(
        `tooling/query?q=${encodeURIComponent('SELECT Id, PardotTenantName FROM PardotTenant')}`,
      );
      return ((body as { records?: { Id: string; PardotTenantName: string }[] }).records ?? []).map((r) => ({
        id: r.Id,
        name: r.PardotTenantName,
      }));
    }
  }

  async username(): Promise<string> {
    const { body } = await withRetry(() =>
      fetchJson(
        `https://${this.host}/services/oauth2/userinfo`,
        { headers: { authorization: `Bearer ${this.token}`, 'sforce-call-options': `client=${CLIENT_NAME}` } },
        salesforceError,
      ),
    );
    return String((body as { preferred_username?: string }).preferred_username ?? 'unknown');
  }
}
