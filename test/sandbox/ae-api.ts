/**
 * Account Engagement API v5: prospects read, query and update, and the visitor activities query, with
 * v5's headers, codes and limits.
 */
import type { Exchange } from './http';
import { sendJson } from './http';
import type { Prospect } from './model';
import type { LogEntry, Sandbox } from './sandbox';

const FIELDS = [
  'id',
  'email',
  'firstName',
  'lastName',
  'optedOut',
  'isDoNotEmail',
  'isEmailHardBounced',
  'emailBouncedAt',
  'salesforceId',
  'salesforceLeadId',
  'salesforceContactId',
  'salesforceLastSync',
  'createdAt',
  'updatedAt',
  'isDeleted',
] as const;
type FieldName = (typeof FIELDS)[number];
const WRITABLE = new Set<FieldName>(['email', 'firstName', 'lastName', 'isDoNotEmail', 'optedOut']);

const HTTP_STATUS: Record<number, number> = {
  4: 400,
  66: 429,
  3: 400,
  109: 404,
  192: 400,
  122: 429,
  180: 400,
  181: 400,
  184: 401,
  201: 401,
  202: 429,
  219: 404,
};

export function aeError(x: Exchange, code: number, message: string) {
  sendJson(x.res, HTTP_STATUS[code] ?? 400, { code, message });
}

function field(prospect: Prospect, name: FieldName): unknown {
  if (name === 'salesforceId') return prospect.salesforceContactId ?? prospect.salesforceLeadId;
  return prospect[name];
}

function select(prospect: Prospect, fields: FieldName[]) {
  return Object.fromEntries(fields.map((name) => [name, field(prospect, name)]));
}

function parseFields(x: Exchange, required: boolean): FieldName[] | null {
  const raw = x.url.searchParams.get('fields');
  if (!raw) {
    if (required) aeError(x, 4, 'Invalid parameter: fields is required.');
    return required ? null : ['id'];
  }
  const names = raw.split(',').map((f) => f.trim());
  const unknown = names.find((n) => !FIELDS.includes(n as FieldName));
  if (unknown) {
    aeError(x, 4, `Invalid parameter: unknown field "${unknown}".`);
    return null;
  }
  return names as FieldName[];
}

/**
 * Queries (Version 5 Overview (https://developer.salesforce.com/docs/marketing/pardot/guide/version5overview.html), "Query"): `limit` (default 200, at most 1,000), `orderBy`, filters
 * named field and operator (`idGreaterThanOrEqualTo`…), and `nextPageToken` for the next page,
 * which only `fields` may accompany (anything else beside it is a bad request). A parameter the
 * query does not know is refused as invalid rather than ignored: a filter silently dropped would
 * answer more than was asked, and the reference lists each object's filters.
 */
interface Query {
  filters: Map<string, string>;
  limit: number;
  offset: number;
  orderBy: { field: string; sign: 1 | -1 };
}

const idFilters = (field: string) =>
  ['GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo'].map((op) => `${field}${op}`);

/** Page tokens carry the query they continue (opaque to the caller, as AE's are). */
const tokens = new Map<string, Omit<Query, 'filters'> & { filters: [string, string][] }>();
let nextToken = 1;

function parseQuery(x: Exchange, known: readonly string[], orderable: readonly string[] = ['id']): Query | null {
  const params = x.url.searchParams;
  const token = params.get('nextPageToken');
  if (token !== null) {
    const extra = [...params.keys()].find((name) => name !== 'fields' && name !== 'nextPageToken');
    if (extra) {
      aeError(x, 4, `Invalid parameter: ${extra} cannot be sent with nextPageToken.`);
      return null;
    }
    const saved = tokens.get(token);
    if (!saved) {
      aeError(x, 4, 'Invalid parameter: nextPageToken.');
      return null;
    }
    return { ...saved, filters: new Map(saved.filters) };
  }
  const filters = new Map<string, string>();
  for (const [name, value] of params) {
    if (name === 'fields' || name === 'limit' || name === 'orderBy') continue;
    if (!known.includes(name)) {
      aeError(x, 4, `Invalid parameter: ${name}.`);
      return null;
    }
    filters.set(name, value);
  }
  const limit = params.has('limit') ? Number(params.get('limit')) : 200;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    aeError(x, 4, 'Invalid parameter: limit must be from 1 to 1000.');
    return null;
  }
  const orderBy = (params.get('orderBy') ?? 'id').trim();
  const order = /^(\w+)(?:\s+(asc|desc))?$/i.exec(orderBy);
  if (!order || !orderable.includes(order[1] as string)) {
    aeError(x, 4, `Invalid parameter: orderBy ${orderBy}.`);
    return null;
  }
  const sign = (order[2] ?? 'asc').toLowerCase() === 'desc' ? -1 : 1;
  return { filters, limit, offset: 0, orderBy: { field: order[1] as string, sign } };
}

function passes(filters: Map<string, string>, field: string, value: number): boolean {
  const bound = (op: string) => (filters.has(`${field}${op}`) ? Number(filters.get(`${field}${op}`)) : null);
  const [gt, gte, lt, lte] = ['GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo'].map(bound);
  return (
    (gt == null || value > gt) &&
    (gte == null || value >= gte) &&
    (lt == null || value < lt) &&
    (lte == null || value <= lte)
  );
}

function sendPage(x: Exchange, all: unknown[], query: Query) {
  const values = all.slice(query.offset, query.offset + query.limit);
  const more = query.offset + query.limit < all.length;
  let token: string | null = null;
  if (more) {
    token = `page${nextToken++}`;
    tokens.set(token, { ...query, filters: [...query.filters], offset: query.offset + query.limit });
  }
  const nextPageUrl = token ? `https://${x.host}${x.url.pathname}?nextPageToken=${token}` : null;
  return sendJson(x.res, 200, { nextPageToken: token, nextPageUrl, values });
}

/** Checks every v5 request has to pass; answers and returns null when one fails. */
function authorize(sandbox: Sandbox, x: Exchange): { actor: string; businessUnitId: string } | null {
  const auth = /^Bearer (.+)$/.exec(x.req.headers.authorization ?? '')?.[1];
  const buHeader = x.req.headers['pardot-business-unit-id'];
  if (!auth || typeof buHeader !== 'string' || !buHeader) {
    aeError(x, 181, 'The Pardot-Business-Unit-Id header is required.');
    return null;
  }
  const session = sandbox.session(auth, sandbox.config.aeAcceptsSessionId ? ['access', 'sid'] : ['access']);
  if (!session || (session.kind === 'access' && !session.scopes.includes('pardot_api'))) {
    aeError(x, 184, 'Invalid or expired access token.');
    return null;
  }
  const bu = sandbox.businessUnit(buHeader);
  if (!bu?.active || x.host !== sandbox.config.aeHost) {
    aeError(x, 201, 'Business unit not found or not active.');
    return null;
  }
  const now = sandbox.now();
  sandbox.aeCalls = sandbox.aeCalls.filter((t) => t > now - 60_000);
  if (++sandbox.aeCallsToday > sandbox.config.aeDailyLimit) {
    aeError(x, 122, 'Daily API rate limit met.');
    return null;
  }
  if (sandbox.aeCalls.length >= sandbox.config.aePerMinuteLimit) {
    aeError(x, 202, 'Per-minute API rate limit met.');
    return null;
  }
  sandbox.aeCalls.push(now);
  return {
    actor: sandbox.org.users.find((u) => u.id === session.userId)?.username ?? session.userId,
    businessUnitId: bu.id,
  };
}

export async function handleAeApi(sandbox: Sandbox, x: Exchange, route: string, delayMs: number): Promise<void> {
  // More than five requests at once: error 66, whatever else is wrong with the request.
  if (sandbox.aeInFlight >= 5) return aeError(x, 66, 'The account has exceeded the concurrent request limit.');
  sandbox.aeInFlight++;
  try {
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const who = authorize(sandbox, x);
    if (!who) return;
    sandbox.recordApiCall(x, route, who.actor);
    const path = x.url.pathname.replace(/\/+$/, '');
    if (path === '/api/v5/objects/prospects' && x.method === 'GET') {
      const fields = parseFields(x, true);
      if (!fields) return;
      const query = parseQuery(x, ['email', ...idFilters('id')]);
      if (!query) return;
      const email = query.filters.get('email') ?? null;
      const matching = [...sandbox.org.prospects.values()]
        .filter(
          (p) =>
            !p.isDeleted &&
            p.businessUnitId === who.businessUnitId &&
            (email === null || p.email.toLowerCase() === email.toLowerCase()) &&
            passes(query.filters, 'id', p.id),
        )
        .sort((a, b) => a.id - b.id)
        .map((p) => select(p, fields));
      return sendPage(x, matching, query);
    }
    if (path === '/api/v5/objects/visitor-activities' && x.method === 'GET')
      return visitorActivities(sandbox, x, who.businessUnitId);
    const match = /^\/api\/v5\/objects\/prospects\/([^/]+)$/.exec(path);
    if (!match) return aeError(x, 4, 'Invalid action.');
    const id = /^[1-9][0-9]*$/.test(match[1] as string) ? Number(match[1]) : Number.NaN;
    const prospect = sandbox.org.prospects.get(id);
    // Prospects are partitioned by business unit: another unit's prospect does not exist here.
    if (!prospect || prospect.businessUnitId !== who.businessUnitId)
      return aeError(x, sandbox.config.aeMissingProspectCode, 'Invalid prospect ID.');
    if (prospect.isDeleted) return aeError(x, 219, 'The prospect has been deleted.');
    if (x.method === 'GET') {
      const fields = parseFields(x, true);
      if (!fields) return;
      // Reads may come from a cache that lags the writes (aeReadLagMs).
      return sendJson(
        x.res,
        200,
        select(sandbox.prospectAsOf(prospect, sandbox.now() - sandbox.config.aeReadLagMs), fields),
      );
    }
    if (x.method === 'PATCH') {
      const fields = parseFields(x, false);
      if (!fields) return;
      let changes: Record<string, unknown>;
      try {
        changes = JSON.parse(x.body || '{}');
      } catch {
        return aeError(x, 4, 'Invalid JSON body.');
      }
      if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return aeError(x, 4, 'Invalid JSON body.');
      const apply: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(changes)) {
        if (!FIELDS.includes(name as FieldName)) return aeError(x, 4, `Invalid parameter: unknown field "${name}".`);
        if (!WRITABLE.has(name as FieldName)) return aeError(x, 180, `Field "${name}" cannot be written.`);
        if (name === 'optedOut') {
          if (typeof value !== 'boolean') return aeError(x, 4, 'optedOut must be a boolean.');
          if (sandbox.config.optedOutApiWrite === 'rejected')
            return aeError(x, 180, 'Field "optedOut" cannot be written.');
          if (sandbox.config.optedOutApiWrite === 'ignored') continue;
        }
        apply[name] = value;
      }
      if (Object.keys(apply).length > 0) updateProspect(sandbox, prospect, apply, who.actor, route);
      return sendJson(x.res, 200, select(prospect, fields));
    }
    return aeError(x, 4, 'Invalid action.');
  } finally {
    sandbox.aeInFlight--;
  }
}

/** A write to a prospect, as AE applies it: every field given is written; only real changes move its dates. */
export function updateProspect(
  sandbox: Sandbox,
  prospect: Prospect,
  fields: Record<string, unknown>,
  actor: string,
  route: string,
  form?: LogEntry['form'],
  framed = false,
) {
  sandbox.rememberProspect(prospect);
  const now = new Date(sandbox.now()).toISOString();
  const changed = Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => prospect[key as keyof Prospect] !== value),
  );
  if ('optedOut' in changed) prospect.optedOutUpdatedAt = now;
  Object.assign(prospect, fields);
  if (Object.keys(changed).length > 0) prospect.updatedAt = now;
  sandbox.record({
    kind: route.startsWith('ae-page') ? 'page' : 'api',
    route,
    actor,
    wrote: { object: 'Prospect', id: String(prospect.id), fields },
    changed,
    ...(form ? { form } : {}),
    ...(framed ? { framed } : {}),
  });
}

/**
 * `GET /api/v5/objects/visitor-activities` (developer docs, "Visitor Activity Object" v5 (https://developer.salesforce.com/docs/marketing/pardot/guide/visitor-activity-v5.html): Query, needs
 * the "Prospect > Visitors > View" ability; fields `id`, `prospectId`, `type`, `typeName`, `details`,
 * `emailId`, `listEmailId`, `createdAt`, `updatedAt`, `campaignId`). The v5 conventions ("Version 5
 * Overview"): `fields` is required; `limit` up to 1000, 200 by default; `orderBy` a comma-delimited
 * list of fields with an optional "ASC"/"DESC"; filters are the field's name (`prospectId=N`) or the
 * name with an operator suffix (`idGreaterThan`, `createdAtAfterOrEqualTo`: a public script that copies
 * v5 visitor activities into a Salesforce object uses `prospectIdGreaterThan`, `idGreaterThan` and
 * `updatedAtAfterOrEqualTo`). `type` is the visitor activity type number (1 Click, 6 Sent, 11 Open,
 * 12 Unsubscribe Page, 15 Email Preference Page); `typeName` "Email" for an email's activities and
 * "Email Tracker" for a click on its tracked link (public BigQuery scripts filter `type_name = 'Email'
 * AND type IN (12, 35)`; the click's name is unverified); `details` names the email, and for a click the
 * link's address (unverified). Dates are ISO with the offset of the API user's time zone (UTC here).
 */
const ACTIVITY_FIELDS = [
  'id',
  'prospectId',
  'type',
  'typeName',
  'details',
  'emailId',
  'listEmailId',
  'campaignId',
  'createdAt',
  'updatedAt',
] as const;
type ActivityField = (typeof ACTIVITY_FIELDS)[number];
const ACTIVITY_FILTERS = [
  'prospectId',
  'type',
  ...idFilters('id'),
  ...idFilters('prospectId'),
  // Of the time filters only the one readers send is applied: any other is refused, never ignored.
  'createdAtAfterOrEqualTo',
];

function visitorActivities(sandbox: Sandbox, x: Exchange, businessUnitId: string) {
  const raw = x.url.searchParams.get('fields');
  if (!raw) return aeError(x, 4, 'Invalid parameter: fields is required.');
  const fields = raw.split(',').map((f) => f.trim());
  const unknown = fields.find((name) => !ACTIVITY_FIELDS.includes(name as ActivityField));
  if (unknown) return aeError(x, 4, `Invalid parameter: unknown field "${unknown}".`);
  const query = parseQuery(x, ACTIVITY_FILTERS, ['id', 'createdAt']);
  if (!query) return;
  const { filters } = query;
  const equals = (name: string) => (filters.has(name) ? Number(filters.get(name)) : null);
  const [prospectId, type] = [equals('prospectId'), equals('type')];
  const since = filters.get('createdAtAfterOrEqualTo');
  const sinceMs = since === undefined ? Number.NEGATIVE_INFINITY : Date.parse(since);
  if (Number.isNaN(sinceMs)) return aeError(x, 4, 'Invalid parameter: createdAtAfterOrEqualTo.');
  const rows = [...sandbox.org.prospects.values()]
    .filter(
      (p) =>
        p.businessUnitId === businessUnitId &&
        !p.isDeleted &&
        (prospectId === null || p.id === prospectId) &&
        passes(filters, 'prospectId', p.id),
    )
    .flatMap((p) =>
      p.activities.map((activity, i) => ({
        // Activities have ids of their own in AE; here each prospect's are numbered in order.
        id: p.id * 1000 + i + 1,
        prospectId: p.id,
        type: activity.typeId,
        typeName: activity.emailId === undefined ? null : activity.typeId === 1 ? 'Email Tracker' : 'Email',
        details: activity.typeId === 1 && activity.link ? activity.link : activity.details,
        emailId: activity.emailId ?? null,
        listEmailId: activity.emailId ?? null,
        campaignId: null,
        createdAt: activity.at,
        updatedAt: activity.at,
      })),
    )
    .filter(
      (row) =>
        (type === null || row.type === type) && passes(filters, 'id', row.id) && Date.parse(row.createdAt) >= sinceMs,
    );
  const { field, sign } = query.orderBy;
  rows.sort((a, b) => sign * (field === 'id' ? a.id - b.id : Date.parse(a.createdAt) - Date.parse(b.createdAt)));
  const values = rows.map((row) => Object.fromEntries(fields.map((name) => [name, row[name as ActivityField]])));
  return sendPage(x, values, query);
}
