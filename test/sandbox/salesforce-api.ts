/** Salesforce REST, OAuth 2.0 and login, as much as the extension and jsforce use. */
import { createHash, randomBytes } from 'node:crypto';
import { commSubscriptionQuery } from './consent-matching';
import { fieldDefinitionQuery, isOrgHistoryQuery, orgHistoryQuery } from './field-history';
import { type Exchange, escapeHtml, formFields, redirect, sendHtml, sendJson, sessionCookie } from './http';
import { id18 } from './ids';
import { labels } from './labels';
import { limitsJson } from './limits';
import {
  ADMIN,
  type FieldHistoryRow,
  findRecord,
  INTEGRATION_USER,
  lightningHost,
  type Org,
  type SalesforceObject,
  type SalesforceRecord,
  salesforceTime,
} from './model';
import { handleAccountRest, queryAccounts } from './person-accounts';
import type { LogEntry, Sandbox } from './sandbox';
import { patchedFields, sfError } from './sf-rest';
import { createTask, taskQuery } from './tasks';

const OBJECTS: SalesforceObject[] = ['Contact', 'Lead'];
const FIELDS = [
  'Id',
  'FirstName',
  'LastName',
  'Name',
  'Email',
  'HasOptedOutOfEmail',
  'LastModifiedDate',
  'CreatedDate',
  'IsDeleted',
  'pi__url__c',
  'pi__pardot_hard_bounced__c',
  'pi__score__c',
  'pi__last_activity__c',
];
const UPDATEABLE = new Set(['FirstName', 'LastName', 'Email', 'HasOptedOutOfEmail', 'pi__url__c', 'pi__score__c']);

export function fieldValue(record: SalesforceRecord, field: string): unknown {
  if (field === 'Name') return `${record.FirstName} ${record.LastName}`;
  return record[field as keyof SalesforceRecord];
}

function recordJson(sandbox: Sandbox, version: string, record: SalesforceRecord, fields: string[]) {
  const json: Record<string, unknown> = {
    attributes: { type: record.object, url: `/services/data/${version}/sobjects/${record.object}/${record.Id}` },
  };
  for (const field of fields) json[field] = fieldValue(record, field);
  if (typeof json.pi__url__c === 'string' && sandbox.config.backLinkScheme === 'https') {
    json.pi__url__c = json.pi__url__c.replace(/^http:/, 'https:');
  }
  return json;
}

function fieldIndex(name: string): string | undefined {
  return FIELDS.find((field) => field.toLowerCase() === name.toLowerCase());
}

/** Applies a user's change to a record the way Salesforce does: only real changes move the timestamps. */
export function updateRecord(
  sandbox: Sandbox,
  record: SalesforceRecord,
  fields: Record<string, unknown>,
  actor: string,
  route: string,
  extra: Pick<LogEntry, 'auth'> = {},
) {
  const now = sandbox.now();
  const changed = Object.fromEntries(
    Object.entries(fields).filter(([field, value]) => record[field as keyof SalesforceRecord] !== value),
  );
  if ('HasOptedOutOfEmail' in changed) record.emailOptOutChangedAt = new Date(now).toISOString();
  const before = record.HasOptedOutOfEmail;
  Object.assign(record, fields);
  const user = sandbox.orgs.flatMap((org) => org.users).find((u) => u.username === actor);
  sandbox.recordEmailOptOutChange(record, before, user?.id ?? actor);
  record.LastModifiedDate = salesforceTime(now);
  sandbox.record({
    kind: route.startsWith('sf-page') ? 'page' : 'api',
    route,
    actor,
    wrote: { object: record.object, id: record.Id, fields },
    changed,
    ...extra,
  });
}

function bearer(x: Exchange): string | undefined {
  const header = x.req.headers.authorization ?? '';
  return /^(Bearer|OAuth) (.+)$/.exec(header)?.[2];
}

function userName(sandbox: Sandbox, userId: string) {
  return sandbox.org.users.find((u) => u.id === userId)?.username ?? userId;
}

/** A SOQL literal this sandbox reads: a quoted string, a boolean, null or a number. */
const LITERAL = "(?:'(?:[^'\\\\]|\\\\.)*'|true|false|null|-?\\d+(?:\\.\\d+)?)";

function parseSoql(query: string) {
  const match = /^\s*SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+LIMIT\s+(\d+))?\s*$/i.exec(query);
  if (!match) return null;
  const conditions: { field: string; values: unknown[] }[] = [];
  const literalOf = (raw: string): unknown => {
    if (raw.startsWith("'")) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
    if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
    if (/^null$/i.test(raw)) return null;
    return Number(raw);
  };
  if (match[3]) {
    for (const part of match[3].split(/\s+AND\s+/i)) {
      const condition = new RegExp(`^(\\w+)\\s*=\\s*(${LITERAL})$`, 'i').exec(part.trim());
      // `Field IN ('a', 'b')` (SOQL and SOSL Reference, "IN and NOT IN"), as Restore a list reads in bulk.
      const within = new RegExp(`^(\\w+)\\s+IN\\s*\\(\\s*(${LITERAL}(?:\\s*,\\s*${LITERAL})*)\\s*\\)$`, 'i').exec(
        part.trim(),
      );
      if (condition) conditions.push({ field: condition[1] as string, values: [literalOf(condition[2] as string)] });
      else if (within)
        conditions.push({
          field: within[1] as string,
          values: ((within[2] as string).match(new RegExp(LITERAL, 'gi')) ?? []).map(literalOf),
        });
      else return null;
    }
  }
  return {
    fields: (match[1] as string).split(',').map((f) => f.trim()),
    object: match[2] as string,
    conditions,
    limit: match[4] ? Number(match[4]) : undefined,
  };
}

/** The fields of ContactHistory / LeadHistory this sandbox serves (SOAP API Developer Guide, "ContactHistory"). */
const HISTORY_FIELDS = [
  'Id',
  'Field',
  'OldValue',
  'NewValue',
  'CreatedDate',
  'CreatedById',
  'CreatedBy.Name',
  'CreatedBy.Username',
  'IsDeleted',
];

/**
 * A field history query, in the one shape the sandbox parses: `SELECT <fields> FROM ContactHistory
 * WHERE ContactId = '…' [AND Field = '…'] [ORDER BY CreatedDate [ASC|DESC]] [LIMIT n]` (LeadHistory
 * with LeadId; AccountHistory with AccountId, where a person account's changes are: see
 * `emailOptOutHistoryOf`, and Object Reference "AccountHistory" (https://developer.salesforce.com/docs/atlas.en-us.sfFieldRef.meta/sfFieldRef/salesforce_field_reference_AccountHistory.htm): `AccountId`, `Field`). Anything else is refused as malformed rather than guessed at. Rows exist only for
 * changes made while the field was tracked; an untracked field has none, and the query answers an
 * empty result (history objects are always queryable: "ContactHistory … available in versions 11.0
 * and later").
 */
function historyQuery(x: Exchange, org: Org, soql: string) {
  const match =
    /^\s*SELECT\s+(.+?)\s+FROM\s+(Account|Contact|Lead)History\s+WHERE\s+(AccountId|ContactId|LeadId)\s*=\s*'([a-zA-Z0-9]{15,18})'(?:\s+AND\s+Field\s*=\s*'(\w+)')?(?:\s+ORDER\s+BY\s+CreatedDate(?:\s+(ASC|DESC))?)?(?:\s+LIMIT\s+(\d+))?\s*$/i.exec(
      soql,
    );
  if (!match) return sfError(x, 400, 'MALFORMED_QUERY', 'unexpected token in query');
  const object = ({ account: 'Account', contact: 'Contact' } as const)[(match[2] as string).toLowerCase()] ?? 'Lead';
  if ((match[3] as string).toLowerCase() !== `${object.toLowerCase()}id`) {
    return sfError(x, 400, 'INVALID_FIELD', `No such column '${match[3]}' on entity '${object}History'.`);
  }
  const fields = (match[1] as string).split(',').map((f) => f.trim());
  const unknown = fields.find((field) => !HISTORY_FIELDS.some((known) => known.toLowerCase() === field.toLowerCase()));
  if (unknown) return sfError(x, 400, 'INVALID_FIELD', `No such column '${unknown}' on entity '${object}History'.`);
  const parentId = id18(match[4] as string);
  let rows = org.fieldHistory.filter(
    (row) =>
      row.object === object &&
      row.parentId === parentId &&
      (!match[5] || row.Field.toLowerCase() === (match[5] as string).toLowerCase()),
  );
  rows = [...rows].sort((a, b) => a.CreatedDate.localeCompare(b.CreatedDate));
  if ((match[6] ?? '').toUpperCase() === 'DESC') rows.reverse();
  if (match[7]) rows = rows.slice(0, Number(match[7]));
  const who = (id: string) =>
    [...org.users, INTEGRATION_USER].find((user) => user.id === id) ?? { name: id, username: id };
  const value = (row: FieldHistoryRow, field: string): unknown => {
    switch (field.toLowerCase()) {
      case 'createdby.name':
        return who(row.CreatedById).name;
      case 'createdby.username':
        return who(row.CreatedById).username;
      case 'isdeleted':
        return false;
      default:
        return row[
          HISTORY_FIELDS.find((known) => known.toLowerCase() === field.toLowerCase()) as keyof FieldHistoryRow
        ];
    }
  };
  const records = rows.map((row) => {
    const json: Record<string, unknown> = { attributes: { type: `${object}History` } };
    for (const field of fields) {
      if (field.includes('.')) {
        // A relationship field comes back nested, as Salesforce returns it.
        const [relation, name] = field.split('.') as [string, string];
        const nested = (json[relation] as Record<string, unknown> | undefined) ?? { attributes: { type: 'User' } };
        nested[name] = value(row, field);
        json[relation] = nested;
      } else json[field] = value(row, field);
    }
    return json;
  });
  return sendJson(x.res, 200, { totalSize: records.length, done: true, records });
}

/**
 * Salesforce REST (`/services/data/…`): the session checked, the call counted and logged, then one
 * handler per resource.
 */
export function handleRest(sandbox: Sandbox, x: Exchange, route: string, org: Org): void {
  const path = x.url.pathname;
  if (path === '/services/data' || path === '/services/data/') {
    sendJson(
      x.res,
      200,
      [55, 56, 58, 60, 62].map((v) => ({ label: `v${v}`, url: `/services/data/v${v}.0`, version: `${v}.0` })),
    );
    return;
  }
  const match = /^\/services\/data\/(v(\d+)\.0)(\/.*)?$/.exec(path);
  if (!match) return sfError(x, 404, 'NOT_FOUND', 'The requested resource does not exist');
  const version = match[1] as string;
  const apiVersion = Number(match[2]);
  const rest = (match[3] ?? '/').replace(/\/+$/, '') || '/';
  const session = sandbox.session(bearer(x), ['sid', 'access']);
  if (!session || session.orgId !== org.id || (session.kind === 'access' && !session.scopes.includes('api'))) {
    return sfError(x, 401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  }
  if (session.kind === 'sid' && sandbox.config.salesforceApiAccessControl) {
    // API Access Control: only approved connected apps reach the APIs, not the browser session.
    return sfError(x, 401, 'INVALID_SESSION_ID', 'This session is not valid for use with the REST API');
  }
  if (++sandbox.sfCallsToday > sandbox.config.sfDailyLimit) {
    return sfError(x, 403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
  }
  const actor = userName(sandbox, session.userId);
  const auth = session.kind === 'sid' ? 'sid' : 'access';
  sandbox.recordApiCall(x, route, actor, { auth });
  const context: RestContext = { sandbox, x, org, version, actor, auth };
  const q = x.url.searchParams.get('q') ?? '';
  const get = x.method === 'GET';
  if (rest === '/sobjects' && get) return sobjectsList(context);
  if (rest.startsWith('/sobjects/Account/') && handleAccountRest(context, rest)) return;
  const describe = /^\/sobjects\/(\w+)\/describe$/.exec(rest);
  if (describe && get) return describeObject(context, describe[1] as string);
  if (/^\/sobjects\/Task$/i.test(rest) && x.method === 'POST') {
    return createTask(sandbox, x, org, route, { id: session.userId, username: actor });
  }
  const sobject = /^\/sobjects\/(\w+)\/([^/]+)$/.exec(rest);
  if (sobject) return recordResource(context, route, sobject[1] as string, decodeURIComponent(sobject[2] as string));
  if (rest === '/limits' && get) return sendJson(x.res, 200, limitsJson(sandbox));
  if (rest === '/query' && get) {
    if (isOrgHistoryQuery(q)) return orgHistoryQuery(sandbox, x, org, q);
    if (/\bFROM\s+(Account|Contact|Lead)History\b/i.test(q)) return historyQuery(x, org, q);
    if (/\bFROM\s+CommSubscription\b/i.test(q)) return commSubscriptionQuery(sandbox, x, q);
    if (/\bFROM\s+Task\b/i.test(q)) return taskQuery(x, org, q);
    if (/\bFROM\s+FieldDefinition\b/i.test(q)) return fieldDefinitionQuery(sandbox, x, q);
    return soqlQuery(context, q);
  }
  if (rest === '/connect/pardot/business-unit-context' && get) return businessUnitContext(context, apiVersion);
  if (rest === '/tooling/query' && get) return toolingQuery(context, apiVersion, q);
  return sfError(x, 404, 'NOT_FOUND', 'The requested resource does not exist');
}

type RestContext = Parameters<typeof handleAccountRest>[0];

/** `GET sobjects`: the objects the org describes. */
function sobjectsList({ x, version }: RestContext): void {
  return sendJson(x.res, 200, {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: OBJECTS.map((name) => ({
      name,
      label: name,
      keyPrefix: name === 'Contact' ? '003' : '00Q',
      queryable: true,
      updateable: true,
      urls: {
        sobject: `/services/data/${version}/sobjects/${name}`,
        describe: `/services/data/${version}/sobjects/${name}/describe`,
      },
    })),
  });
}

/** `GET sobjects/<Object>/describe`: its fields, which of them may be updated. */
function describeObject({ x }: RestContext, name: string): void {
  const object = OBJECTS.find((o) => o === name);
  if (!object) return sfError(x, 404, 'NOT_FOUND', 'The requested resource does not exist');
  return sendJson(x.res, 200, {
    name: object,
    keyPrefix: object === 'Contact' ? '003' : '00Q',
    fields: FIELDS.map((name) => ({
      name,
      label: name === 'HasOptedOutOfEmail' ? 'Email Opt Out' : name,
      type: name === 'Id' ? 'id' : /^(Has|Is|pi__pardot_hard)/.test(name) ? 'boolean' : 'string',
      updateable: UPDATEABLE.has(name),
    })),
  });
}

/** `GET` or `PATCH sobjects/<Object>/<id>`: one Lead or Contact. */
function recordResource(
  { sandbox, x, org, version, actor, auth }: RestContext,
  route: string,
  name: string,
  id: string,
): void {
  const object = OBJECTS.find((o) => o === name);
  if (!object) return sfError(x, 404, 'NOT_FOUND', 'The requested resource does not exist');
  const record = findRecord(org, id);
  if (!id18(id) || !record || record.object !== object) {
    return sfError(x, 404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${id}`);
  }
  if (record.IsDeleted) return sfError(x, 404, 'ENTITY_IS_DELETED', 'entity is deleted');
  if (x.method === 'GET') {
    const requested = (x.url.searchParams.get('fields') ?? FIELDS.join(',')).split(',').map((f) => f.trim());
    const resolved: string[] = [];
    for (const name of requested) {
      const field = fieldIndex(name);
      if (!field) return sfError(x, 400, 'INVALID_FIELD', `No such column '${name}' on entity '${object}'.`);
      resolved.push(field);
    }
    return sendJson(x.res, 200, recordJson(sandbox, version, record, resolved));
  }
  if (x.method === 'PATCH') {
    const clean = patchedFields(x, {
      object,
      field: fieldIndex,
      writable: (field) => UPDATEABLE.has(field),
      notWritable: (field) => `Unable to create/update fields: ${field}.`,
      emailOptOut: 'HasOptedOutOfEmail',
    });
    if (!clean) return;
    if (sandbox.personAccountOf(record.Id) && sandbox.config.personContactWrite === 'refused') {
      // Salesforce Help 005305352 (https://help.salesforce.com/s/articleView?id=005305352&type=1): the person account, not its contact, is the record to edit.
      return sfError(x, 400, 'INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
    }
    updateRecord(sandbox, record, clean, actor, route, { auth });
    x.res.writeHead(204);
    x.res.end();
    return;
  }
  return sfError(x, 405, 'METHOD_NOT_ALLOWED', `HTTP Method '${x.method}' not allowed.`);
}

/** `GET query?q=SELECT …`: Organization, Account, Lead and Contact. */
function soqlQuery(context: RestContext, q: string): void {
  const { sandbox, x, org, version } = context;
  const query = parseSoql(q);
  if (!query) return sfError(x, 400, 'MALFORMED_QUERY', 'unexpected token in query');
  if (query.object === 'Organization') {
    // The org's own record: what kind of org it is (a sandbox org is served on AE's demo host).
    const organization: Record<string, unknown> = {
      Id: org.id,
      Name: org.isSandbox ? 'Sandbox Org (full copy)' : 'Sandbox Org',
      IsSandbox: org.isSandbox,
      OrganizationType: 'Enterprise Edition',
    };
    const unknown = query.fields.find((field) => !(field in organization));
    if (unknown) return sfError(x, 400, 'INVALID_FIELD', `No such column '${unknown}' on entity 'Organization'.`);
    const row = Object.fromEntries(query.fields.map((field) => [field, organization[field]]));
    return sendJson(x.res, 200, {
      totalSize: 1,
      done: true,
      records: [{ attributes: { type: 'Organization' }, ...row }],
    });
  }
  if (query.object === 'Account') return queryAccounts(context, query);
  const object = OBJECTS.find((o) => o === query.object);
  if (!object) return sfError(x, 400, 'INVALID_TYPE', `sObject type '${query.object}' is not supported.`);
  const fields: string[] = [];
  for (const name of [...query.fields, ...query.conditions.map((c) => c.field)]) {
    const field = fieldIndex(name);
    if (!field) return sfError(x, 400, 'INVALID_FIELD', `No such column '${name}' on entity '${object}'.`);
    if (query.fields.includes(name)) fields.push(field);
  }
  let records = [...org.records.values()].filter(
    (r) =>
      r.object === object &&
      !r.IsDeleted &&
      query.conditions.every((c) => {
        const value = fieldValue(r, fieldIndex(c.field) as string);
        // Text comparisons in SOQL are case-insensitive (SOQL and SOSL Reference, "Comparison Operators").
        const same = (wanted: unknown) =>
          c.field.toLowerCase() === 'id'
            ? id18(String(wanted)) === value
            : typeof value === 'string' && typeof wanted === 'string'
              ? value.toLowerCase() === wanted.toLowerCase()
              : value === wanted;
        return c.values.some(same);
      }),
  );
  if (query.limit !== undefined) records = records.slice(0, query.limit);
  return sendJson(x.res, 200, {
    totalSize: records.length,
    done: true,
    records: records.map((r) => recordJson(sandbox, version, r, fields)),
  });
}

/** `GET connect/pardot/business-unit-context` (API 55.0 and later). */
function businessUnitContext({ sandbox, x, org }: RestContext, apiVersion: number): void {
  if (apiVersion < 55) return sfError(x, 404, 'NOT_FOUND', 'The requested resource does not exist');
  // The units this user is in, and the one the AE app's switcher shows now.
  const current = sandbox.currentBusinessUnit();
  const units = org === sandbox.org ? sandbox.adminBusinessUnits() : org.businessUnits;
  return sendJson(x.res, 200, {
    businessUnits: units.map((bu) => ({ id: bu.id, name: bu.name, isCurrent: bu.id === current?.id })),
  });
}

/** `GET tooling/query` of PardotTenant (API 56.0 and later): the org's business units. */
function toolingQuery({ x, org, version }: RestContext, apiVersion: number, soql: string): void {
  const q = soql.replace(/\s+/g, ' ').trim();
  if (apiVersion < 56 || !/^SELECT Id, ?PardotTenantName FROM PardotTenant$/i.test(q)) {
    return sfError(x, 400, 'INVALID_TYPE', "sObject type 'PardotTenant' is not supported.");
  }
  const records = org.businessUnits.map((bu) => ({
    attributes: { type: 'PardotTenant', url: `/services/data/${version}/tooling/sobjects/PardotTenant/${bu.id}` },
    Id: bu.id,
    PardotTenantName: bu.name,
  }));
  return sendJson(x.res, 200, { size: records.length, totalSize: records.length, done: true, records });
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  challenge: string | null;
  userId: string;
  scopes: string[];
  expiresAt: number;
}
const codes = new WeakMap<Sandbox, Map<string, AuthorizationCode>>();
function codeStore(sandbox: Sandbox) {
  const store = codes.get(sandbox) ?? new Map<string, AuthorizationCode>();
  codes.set(sandbox, store);
  return store;
}

function oauthError(x: Exchange, status: number, error: string, description: string) {
  sendJson(x.res, status, { error, error_description: description });
}

function validRedirect(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'https:' && /^[a-p]{32}\.chromiumapp\.org$/.test(url.hostname);
  } catch {
    return false;
  }
}

function tokenResponse(
  sandbox: Sandbox,
  x: Exchange,
  userId: string,
  scopes: string[],
  clientId: string,
  withRefresh: boolean,
) {
  const access = sandbox.newSession('access', userId, sandbox.config.accessTokenLifetimeMs, scopes, clientId);
  const body: Record<string, unknown> = {
    access_token: access,
    instance_url: instanceUrl(sandbox, x),
    id: `${instanceUrl(sandbox, x)}/id/${sandbox.org.id}/${userId}`,
    token_type: 'Bearer',
    issued_at: String(sandbox.now()),
    scope: scopes.join(' '),
    signature: randomBytes(32).toString('base64'),
  };
  if (withRefresh) body.refresh_token = sandbox.newSession('refresh', userId, 365 * 86_400_000, scopes, clientId);
  sandbox.record({
    kind: 'auth',
    route: 'oauth:token',
    actor: userName(sandbox, userId),
    note: `issued ${scopes.join(' ')}`,
  });
  sendJson(x.res, 200, body);
}

/** Node clients reach the sandbox as 127.0.0.1; browsers under the org's real host name. */
function instanceUrl(sandbox: Sandbox, x: Exchange): string {
  if (/^(127\.0\.0\.1|localhost)$/.test(x.host)) return `https://${x.req.headers.host}`;
  return `https://${sandbox.org.myDomain}.my.salesforce.com`;
}

export function handleOAuth(sandbox: Sandbox, x: Exchange): void {
  const path = x.url.pathname;
  if (path === '/services/oauth2/authorize' && x.method === 'GET') return authorize(sandbox, x);
  if (path === '/services/oauth2/token' && x.method === 'POST') return token(sandbox, x);
  if (path === '/services/oauth2/userinfo') return userInfo(sandbox, x);
  if (path === '/services/oauth2/revoke' && x.method === 'POST') return revoke(sandbox, x);
  oauthError(x, 404, 'not_found', 'unknown OAuth endpoint');
}

/** GET authorize (Salesforce Help "OAuth 2.0 Web Server Flow for Web App Integration"): a code, or the login page. */
function authorize(sandbox: Sandbox, x: Exchange): void {
  const params = x.url.searchParams;
  const clientId = params.get('client_id') ?? '';
  const redirectUri = params.get('redirect_uri') ?? '';
  if (clientId !== sandbox.org.connectedApp.clientId)
    return sendHtml(x.res, 400, '<h1>error=invalid_client_id</h1><p>client identifier invalid</p>');
  if (!validRedirect(redirectUri)) return sendHtml(x.res, 400, '<h1>error=redirect_uri_mismatch</h1>');
  const back = new URL(redirectUri);
  const state = params.get('state');
  if (state !== null) back.searchParams.set('state', state);
  if (params.get('response_type') !== 'code') {
    back.searchParams.set('error', 'unsupported_response_type');
    return redirect(x.res, back.toString());
  }
  const method = params.get('code_challenge_method');
  const challenge = params.get('code_challenge');
  if (challenge && method !== 'S256') {
    back.searchParams.set('error', 'invalid_request');
    back.searchParams.set('error_description', 'code_challenge_method must be S256');
    return redirect(x.res, back.toString());
  }
  const session = sandbox.session(x.cookies.sid, ['sid']);
  if (!session) {
    return sendHtml(x.res, 200, loginPage(sandbox, x.url.pathname + x.url.search, ''));
  }
  const scopes = (params.get('scope') ?? 'api').split(/[ +]/).filter(Boolean);
  const code = randomBytes(18).toString('base64url');
  codeStore(sandbox).set(code, {
    clientId,
    redirectUri,
    challenge,
    userId: session.userId,
    scopes,
    expiresAt: sandbox.now() + 15 * 60_000,
  });
  back.searchParams.set('code', code);
  sandbox.record({
    kind: 'auth',
    route: 'oauth:authorize',
    actor: userName(sandbox, session.userId),
    note: 'code issued',
  });
  return redirect(x.res, back.toString());
}

/** POST token: the connected app's client id checked, then one answer per grant type. */
function token(sandbox: Sandbox, x: Exchange): void {
  const form = formFields(x.body);
  if (form.get('client_id') !== sandbox.org.connectedApp.clientId)
    return oauthError(x, 400, 'invalid_client_id', 'client identifier invalid');
  switch (form.get('grant_type')) {
    case 'authorization_code':
      return authorizationCodeGrant(sandbox, x, form);
    case 'refresh_token':
      return refreshTokenGrant(sandbox, x, form);
    case 'password':
      return passwordGrant(sandbox, x, form);
    default:
      return oauthError(x, 400, 'unsupported_grant_type', 'grant type not supported');
  }
}

/** The web server flow's code exchanged for tokens, proven by PKCE's code_verifier or by the client secret. */
function authorizationCodeGrant(sandbox: Sandbox, x: Exchange, form: URLSearchParams): void {
  const app = sandbox.org.connectedApp;
  const code = codeStore(sandbox).get(form.get('code') ?? '');
  codeStore(sandbox).delete(form.get('code') ?? '');
  if (!code || code.expiresAt < sandbox.now() || code.redirectUri !== form.get('redirect_uri')) {
    return oauthError(x, 400, 'invalid_grant', 'invalid authorization code');
  }
  if (code.challenge) {
    const verifier = form.get('code_verifier') ?? '';
    const computed = createHash('sha256').update(verifier).digest('base64url');
    if (computed !== code.challenge) return oauthError(x, 400, 'invalid_grant', 'invalid code verifier');
  } else if (form.get('client_secret') !== app.clientSecret) {
    return oauthError(x, 400, 'invalid_client', 'invalid client credentials');
  }
  return tokenResponse(sandbox, x, code.userId, code.scopes, code.clientId, code.scopes.includes('refresh_token'));
}

/** A new access token for a refresh token (Salesforce Help "OAuth 2.0 Refresh Token Flow for Renewed Sessions"). */
function refreshTokenGrant(sandbox: Sandbox, x: Exchange, form: URLSearchParams): void {
  const app = sandbox.org.connectedApp;
  const refresh = sandbox.session(form.get('refresh_token') ?? '', ['refresh']);
  if (!refresh || refresh.clientId !== app.clientId)
    return oauthError(x, 400, 'invalid_grant', 'expired access/refresh token');
  return tokenResponse(sandbox, x, refresh.userId, refresh.scopes, app.clientId, false);
}

/** Tokens for a user's name and password (Salesforce Help "OAuth 2.0 Username-Password Flow for Special Scenarios"). */
function passwordGrant(sandbox: Sandbox, x: Exchange, form: URLSearchParams): void {
  const app = sandbox.org.connectedApp;
  if (form.get('client_secret') !== app.clientSecret)
    return oauthError(x, 400, 'invalid_client', 'invalid client credentials');
  const user = sandbox.org.users.find(
    (u) => u.username === form.get('username') && u.password === form.get('password'),
  );
  if (!user) return oauthError(x, 400, 'invalid_grant', 'authentication failure');
  return tokenResponse(sandbox, x, user.id, ['api', 'pardot_api', 'refresh_token'], app.clientId, false);
}

/** userinfo (Salesforce Help "Query for User Information", remoteaccess_using_userinfo_endpoint.htm): who the token's user is, in which org. */
function userInfo(sandbox: Sandbox, x: Exchange): void {
  const session = sandbox.session(bearer(x), ['access', 'sid']);
  if (!session) return sendJson(x.res, 403, 'Bad_OAuth_Token');
  const user = sandbox.org.users.find((u) => u.id === session.userId) ?? ADMIN;
  return sendJson(x.res, 200, {
    sub: `${instanceUrl(sandbox, x)}/id/${sandbox.org.id}/${user.id}`,
    user_id: user.id,
    organization_id: sandbox.org.id,
    preferred_username: user.username,
    email: user.email,
    name: user.name,
  });
}

/** POST revoke (Salesforce developer docs "Revoking OAuth Tokens"): the posted token ends, 200 with no body. */
function revoke(sandbox: Sandbox, x: Exchange): void {
  sandbox.sessions.delete(formFields(x.body).get('token') ?? '');
  x.res.writeHead(200);
  x.res.end();
}

export function loginPage(sandbox: Sandbox, startUrl: string, message: string): string {
  const l = labels(sandbox.config.locale);
  return `<!doctype html><html lang="${sandbox.config.locale}"><head><meta charset="utf-8"><title>${l.login}</title></head>
<body><main style="font-family:sans-serif;max-width:360px;margin:40px auto">
<h1>${l.login}</h1>${message ? `<p role="alert">${escapeHtml(message)}</p>` : ''}
<form method="post" action="/login">
<label>${l.username} <input name="username" autocomplete="username"></label><br>
<label>${l.password} <input name="password" type="password" autocomplete="current-password"></label><br>
<input type="hidden" name="startURL" value="${escapeHtml(startUrl)}">
<button type="submit">${l.logIn}</button></form></main></body></html>`;
}

/** POST /login on the My Domain host: a real sid cookie, then on to where the admin was going. */
export function handleLogin(sandbox: Sandbox, x: Exchange, org: Org): void {
  const form = formFields(x.body);
  const user = sandbox.org.users.find(
    (u) => u.username === form.get('username') && u.password === form.get('password'),
  );
  const startUrl = form.get('startURL') ?? '';
  if (!user) return sendHtml(x.res, 200, loginPage(sandbox, startUrl, labels(sandbox.config.locale).loginFailed));
  const sid = sandbox.newSession('sid', user.id, sandbox.config.accessTokenLifetimeMs, [], undefined, org);
  sandbox.record({ kind: 'auth', route: 'login', actor: user.username, note: 'browser session' });
  const next = startUrl.startsWith('/') && !startUrl.startsWith('//') ? startUrl : null;
  const target =
    next ??
    `https://${lightningHost(org)}/secur/frontdoor.jsp?sid=${encodeURIComponent(sid)}&retURL=%2Flightning%2Fpage%2Fhome`;
  redirect(x.res, target, { 'set-cookie': sessionCookie('sid', sid) });
}

/** frontdoor.jsp: hands a session to the Lightning host, as Salesforce does after login. */
export function handleFrontdoor(sandbox: Sandbox, x: Exchange, org: Org): void {
  const sid = x.url.searchParams.get('sid') ?? '';
  const retUrl = x.url.searchParams.get('retURL') ?? '/lightning/page/home';
  if (sandbox.session(sid, ['sid'])?.orgId !== org.id)
    return sendHtml(x.res, 401, '<h1>Session expired or invalid</h1>');
  const next = retUrl.startsWith('/') && !retUrl.startsWith('//') ? retUrl : '/lightning/page/home';
  redirect(x.res, next, { 'set-cookie': sessionCookie('sid', sid) });
}
