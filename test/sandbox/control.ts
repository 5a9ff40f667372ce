/** /__sandbox/*: how tests (and `npm start`) look inside the org and steer it. */
import { randomUUID } from 'node:crypto';
import { type Exchange, escapeHtml, redirect, sendHtml, sendJson, sessionCookie } from './http';
import { id18 } from './ids';
import { seedIncident } from './incident';
import { labels } from './labels';
import {
  ADMIN,
  type BusinessUnit,
  defaultConfig,
  linkedRecord,
  type Org,
  type SandboxConfig,
  type User,
} from './model';
import { OPT_OUT_KINDS, type OptOutKind, optOutBy } from './opt-out-kinds';
import type { Fault, Sandbox } from './sandbox';

const CONFIG_KEYS = Object.keys(defaultConfig()) as (keyof SandboxConfig)[];
const BU_KEYS: (keyof BusinessUnit)[] = [
  'active',
  'overwriteOptedOut',
  'optedOutSyncBehavior',
  'optedOutMapped',
  'syncIntervalMs',
];

function snapshot(sandbox: Sandbox) {
  return {
    now: sandbox.now(),
    config: sandbox.config,
    org: { id: sandbox.org.id, myDomain: sandbox.org.myDomain },
    businessUnits: sandbox.org.businessUnits,
    prospects: [...sandbox.org.prospects.values()],
    records: [...sandbox.org.records.values()],
    syncCount: sandbox.syncCount,
    faults: sandbox.faults,
    log: sandbox.log,
  };
}

function parse(x: Exchange): Record<string, unknown> | null {
  try {
    const value = JSON.parse(x.body || '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

function pick<T extends object>(target: T, source: Record<string, unknown>, keys: (keyof T)[]): string[] {
  const unknown = Object.keys(source).filter((k) => !keys.includes(k as keyof T));
  for (const key of keys) if (key in source) (target as Record<string, unknown>)[key as string] = source[key as string];
  return unknown;
}

type Route = (sandbox: Sandbox, x: Exchange) => void;
type PostRoute = (sandbox: Sandbox, x: Exchange, body: Record<string, unknown>) => void;

/** The routes that answer whatever the method: a health check, and signing in by a link. */
const ANY_METHOD: Record<string, Route> = { '/__sandbox/health': health, '/__sandbox/login': login };
/** The routes that read the org (or frame it) without changing it. */
const GETS: Record<string, Route> = {
  '/__sandbox/other-site': otherSite,
  '/__sandbox/state': (sandbox, x) => sendJson(x.res, 200, snapshot(sandbox)),
  '/__sandbox/pair': pair,
  '/__sandbox/log': log,
};
/** The routes that steer the org, each with a JSON object for body. */
const POSTS: Record<string, PostRoute> = {
  '/__sandbox/reset': reset,
  '/__sandbox/sync': (sandbox, x) => sendJson(x.res, 200, { decisions: sandbox.syncAll() }),
  '/__sandbox/config': config,
  '/__sandbox/faults': faults,
  // A batch incident: N linked pairs opted out "through the unsubscribe link" (test/sandbox/incident.ts).
  '/__sandbox/incident': (sandbox, x, body) => sendJson(x.res, 200, seedIncident(sandbox, Number(body.count ?? 0))),
  '/__sandbox/records': records,
};

export function handleControl(sandbox: Sandbox, x: Exchange): void {
  const path = x.url.pathname.replace(/\/+$/, '');
  const read = ANY_METHOD[path] ?? (x.method === 'GET' ? GETS[path] : undefined);
  if (read) return read(sandbox, x);
  if (x.method !== 'POST') return sendJson(x.res, 405, { error: 'use POST' });
  const body = parse(x);
  if (!body) return sendJson(x.res, 400, { error: 'body must be a JSON object' });
  const write = POSTS[path];
  if (write) return write(sandbox, x, body);
  sendJson(x.res, 404, { error: 'unknown control route' });
}

/** GET other-site: a page of another site that frames an AE prospect page. */
function otherSite(sandbox: Sandbox, x: Exchange): void {
  // A site outside Salesforce that frames an AE prospect page (reached as https://localhost:<port>,
  // so that Chromium sees both in one address space, as two public sites are in real use).
  const id = Number(x.url.searchParams.get('prospectId'));
  if (!x.host.startsWith('localhost') || !Number.isInteger(id)) return sendJson(x.res, 400, { error: 'bad request' });
  const src = `https://${sandbox.config.aeHost}/prospect/read?id=${id}`;
  return sendHtml(
    x.res,
    200,
    `<!doctype html><title>Win a prize</title><iframe src="${escapeHtml(src)}" width="900" height="700"></iframe>`,
  );
}

/** health: whether the sandbox answers, and how many syncs it has run. */
function health(sandbox: Sandbox, x: Exchange): void {
  return sendJson(x.res, 200, { ok: true, syncCount: sandbox.syncCount });
}

/** GET pair: one prospect and the record it is linked to, as they are now. */
function pair(sandbox: Sandbox, x: Exchange): void {
  const prospect = sandbox.org.prospects.get(Number(x.url.searchParams.get('prospectId')));
  const record = prospect ? linkedRecord(sandbox.org, prospect) : null;
  return prospect ? sendJson(x.res, 200, { prospect, record }) : sendJson(x.res, 404, { error: 'no such prospect' });
}

/** GET log: the log after a sequence number, what a test or the benchmark reads instead of the whole state. */
function log(sandbox: Sandbox, x: Exchange): void {
  const after = Number(x.url.searchParams.get('after') ?? 0);
  return sendJson(x.res, 200, { syncCount: sandbox.syncCount, entries: sandbox.log.filter((e) => e.seq > after) });
}

/** login: signs the demo admin in on this host, a Salesforce sid or an AE session. */
function login(sandbox: Sandbox, x: Exchange): void {
  const kind = /pardot\.com$/.test(x.host) ? 'ae-page' : 'sid';
  if (kind === 'ae-page' && !sandbox.config.aeTopLevelSignIn) {
    // A multi-unit admin cannot sign in at pi.pardot.com (see SandboxConfig.aeTopLevelSignIn).
    return sendJson(x.res, 403, { error: labels(sandbox.config.locale).signInRefused });
  }
  const org = sandbox.orgOfHost(x.host) ?? sandbox.org;
  const token = sandbox.newSession(kind, ADMIN.id, sandbox.config.accessTokenLifetimeMs, [], undefined, org);
  const session = sandbox.sessions.get(token);
  if (session && kind === 'ae-page') session.businessUnitId = sandbox.currentBusinessUnit()?.id;
  const cookie = sessionCookie(kind === 'sid' ? 'sid' : 'pardot', token);
  const next = x.url.searchParams.get('next') ?? '';
  if (next.startsWith('/') && !next.startsWith('//')) return redirect(x.res, next, { 'set-cookie': cookie });
  return sendJson(x.res, 200, { ok: true, host: x.host }, { 'set-cookie': cookie });
}

/** POST reset: the org as it was seeded. */
function reset(sandbox: Sandbox, x: Exchange): void {
  sandbox.reset();
  return sendJson(x.res, 200, { ok: true });
}

/** POST config: sets SandboxConfig keys, and the first business unit's connector settings. */
function config(sandbox: Sandbox, x: Exchange, body: Record<string, unknown>): void {
  const { businessUnit, ...rest } = body;
  const unknown = pick(sandbox.config, rest, CONFIG_KEYS);
  const bu = sandbox.org.businessUnits[0];
  if (businessUnit && typeof businessUnit === 'object' && bu) {
    unknown.push(...pick(bu, businessUnit as Record<string, unknown>, BU_KEYS));
    sandbox.scheduleSyncs();
  }
  if (unknown.length) return sendJson(x.res, 400, { error: `unknown keys: ${unknown.join(', ')}` });
  sandbox.record({ kind: 'control', note: `config ${JSON.stringify(body)}` });
  return sendJson(x.res, 200, { config: sandbox.config, businessUnit: bu });
}

/** POST faults: failures, dropped answers and latency per route; expired or revoked tokens. */
function faults(sandbox: Sandbox, x: Exchange, body: Record<string, unknown>): void {
  if (body.clear) {
    sandbox.faults = [];
    sandbox.latencyMs = {};
  }
  const result: Record<string, number> = {};
  if (body.expireTokens) result.expired = sandbox.expireTokens();
  if (body.revokeTokens) result.revoked = sandbox.revokeTokens();
  if (body.latencyMs && typeof body.latencyMs === 'object') Object.assign(sandbox.latencyMs, body.latencyMs);
  for (const fault of (body.fail as (Partial<Fault> & { count?: number })[] | undefined) ?? []) {
    sandbox.faults.push({
      route: String(fault.route ?? '*'),
      remaining: Number(fault.count ?? 1),
      kind: 'error',
      ...fault,
    } as Fault);
  }
  for (const fault of (body.drop as (Partial<Fault> & { count?: number })[] | undefined) ?? []) {
    sandbox.faults.push({ route: String(fault.route ?? '*'), remaining: Number(fault.count ?? 1), kind: 'drop' });
  }
  for (const fault of sandbox.faults) fault.remaining = Number(fault.remaining);
  sandbox.record({ kind: 'control', note: `faults ${JSON.stringify(body)}` });
  return sendJson(x.res, 200, { ...result, faults: sandbox.faults, latencyMs: sandbox.latencyMs });
}

/** POST records: test-only changes, set fields as if a user edited them, delete or re-link a record. */
function records(sandbox: Sandbox, x: Exchange, body: Record<string, unknown>): void {
  if (body.op === 'unsubscribe') return unsubscribe(sandbox, x, body);
  if (body.op === 'opt-out') return optOut(sandbox, x, body);
  if (body.op !== undefined) return sendJson(x.res, 400, { error: `unknown op: ${String(body.op)}` });
  if (typeof body.prospectId === 'number' && body.optOutPair === true) return optOutPair(sandbox, x, body.prospectId);
  if (typeof body.prospectId === 'number') return editProspect(sandbox, x, body, body.prospectId);
  if (typeof body.recordId === 'string') return editRecord(sandbox, x, body, body.recordId);
  return sendJson(x.res, 400, { error: 'name a prospectId or a recordId' });
}

/** op unsubscribe: the prospect clicks the unsubscribe link of an email (see Sandbox.unsubscribe). */
function unsubscribe(sandbox: Sandbox, x: Exchange, body: Record<string, unknown>): void {
  if (typeof body.prospectId !== 'number') return sendJson(x.res, 400, { error: 'name a prospectId' });
  try {
    return sendJson(x.res, 200, sandbox.unsubscribe(body.prospectId));
  } catch (error) {
    return sendJson(x.res, 404, { error: String(error) });
  }
}

/** op opt-out: one of the ways a prospect gets opted out, with its trace (test/sandbox/opt-out-kinds.ts). */
function optOut(sandbox: Sandbox, x: Exchange, body: Record<string, unknown>): void {
  if (typeof body.prospectId !== 'number') return sendJson(x.res, 400, { error: 'name a prospectId' });
  if (!OPT_OUT_KINDS.includes(body.kind as OptOutKind))
    return sendJson(x.res, 400, { error: `kind is one of ${OPT_OUT_KINDS.join(', ')}` });
  try {
    return sendJson(x.res, 200, optOutBy(sandbox, body.prospectId, body.kind as OptOutKind));
  } catch (error) {
    return sendJson(x.res, 404, { error: String(error) });
  }
}

/** optOutPair: the pair opted out on both sides and synced, as an admin finds it (the benchmark reuses pairs). */
function optOutPair(sandbox: Sandbox, x: Exchange, prospectId: number): void {
  try {
    return sendJson(x.res, 200, sandbox.optOutPair(prospectId));
  } catch (error) {
    return sendJson(x.res, 404, { error: String(error) });
  }
}

/** A prospect's fields set (or the prospect deleted) as if a user edited it in Account Engagement. */
function editProspect(sandbox: Sandbox, x: Exchange, body: Record<string, unknown>, prospectId: number): void {
  const set = (body.set ?? {}) as Record<string, unknown>;
  const now = sandbox.now();
  const prospect = sandbox.org.prospects.get(prospectId);
  if (!prospect) return sendJson(x.res, 404, { error: 'no such prospect' });
  if ('optedOut' in set && set.optedOut !== prospect.optedOut) prospect.optedOutUpdatedAt = new Date(now).toISOString();
  Object.assign(prospect, set);
  if (body.delete) prospect.isDeleted = true;
  prospect.updatedAt = new Date(now).toISOString();
  sandbox.record({ kind: 'control', note: `prospect ${prospect.id} ${JSON.stringify(body)}` });
  return sendJson(x.res, 200, prospect);
}

/** A Lead's or Contact's fields set (or the record deleted) by the demo admin or another tool's integration user. */
function editRecord(sandbox: Sandbox, x: Exchange, body: Record<string, unknown>, recordId: string): void {
  const set = (body.set ?? {}) as Record<string, unknown>;
  const now = sandbox.now();
  const record = sandbox.org.records.get(id18(recordId) ?? '');
  if (!record) return sendJson(x.res, 404, { error: 'no such record' });
  if ('HasOptedOutOfEmail' in set && set.HasOptedOutOfEmail !== record.HasOptedOutOfEmail) {
    record.emailOptOutChangedAt = new Date(now).toISOString();
  }
  const before = record.HasOptedOutOfEmail;
  Object.assign(record, set);
  // As if the demo admin edited it in Salesforce, or (`by: 'other-integration'`) another email
  // tool's integration user: Act-On, ActiveCampaign and others write Email Opt Out through the
  // API as their own user ("the Email Opt Out field is not exclusive" to Account Engagement).
  const by = body.by === 'other-integration' ? otherIntegrationUser(sandbox.org) : ADMIN;
  sandbox.recordEmailOptOutChange(record, before, by.id);
  if (body.delete) record.IsDeleted = true;
  record.LastModifiedDate = new Date(now).toISOString().replace('Z', '+0000');
  sandbox.record({ kind: 'control', note: `record ${record.Id} ${JSON.stringify(body)}` });
  return sendJson(x.res, 200, record);
}

/** Another email tool's API-only integration user in the org (it signs in by its own connected app, not here). */
function otherIntegrationUser(org: Org): User {
  const known = org.users.find((user) => user.username.startsWith('actonintegration@'));
  if (known) return known;
  const user: User = {
    id: id18('0055g00000ActOn') as string,
    username: `actonintegration@${org.id}.example`,
    // A password nobody knows: it never signs in through the sandbox's login page.
    password: randomUUID(),
    name: 'Act-On Integration',
    email: 'integration@act-on.example',
  };
  org.users.push(user);
  return user;
}
