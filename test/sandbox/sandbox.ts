/** The sandbox's state and everything that changes it: sessions, tokens, faults, log, and the sync timer. */
import { randomBytes } from 'node:crypto';
import type { Exchange } from './http';
import { makeId } from './ids';
import {
  type BusinessUnit,
  defaultConfig,
  emailOptOutHistoryOf,
  findRecord,
  fullCopyOf,
  INTEGRATION_USER,
  lightningHost,
  myDomainHost,
  type Org,
  type Prospect,
  type SalesforceRecord,
  type SandboxConfig,
  salesforceTime,
  seedOrg,
  unsubscribeActivity,
} from './model';
import { type SyncDecision, syncPass } from './sync';

export interface LogEntry {
  seq: number;
  at: number;
  /** `proxy`: a request through Defender for Cloud Apps' proxy, logged with the proxied host. */
  kind: 'api' | 'sync' | 'page' | 'control' | 'auth' | 'proxy';
  route?: string;
  method?: string;
  host?: string;
  path?: string;
  status?: number;
  /** Who made the call: the Salesforce user, or "connector" for a sync. */
  actor?: string;
  /**
   * A record write: which object, which id, and each field written with its value. A prospect
   * form's Save writes every field on the form, changed or not.
   */
  wrote?: { object: 'Prospect' | 'Lead' | 'Contact' | 'Account' | 'Task'; id: string; fields: Record<string, unknown> };
  /** The fields the write actually changed, with their new values. */
  changed?: Record<string, unknown>;
  /** How a REST call was signed in: the browser session, or an OAuth access token. */
  auth?: 'sid' | 'access';
  /** An AE page request made from inside a frame (the Lightning app's), not a top-level page. */
  framed?: boolean;
  /** A form post: the form as the page last rendered it for this session, and as it was posted. */
  form?: { rendered: Record<string, string> | null; posted: Record<string, string> };
  error?: string;
  startedAt?: number;
  decisions?: SyncDecision[];
  businessUnitId?: string;
  note?: string;
}

export interface Session {
  kind: 'sid' | 'access' | 'refresh' | 'ae-page';
  userId: string;
  /** The org the session belongs to. */
  orgId: string;
  /** AE page sessions: the token every form of this session carries (`_csrf_token`). */
  csrf?: string;
  /** AE page sessions: the prospect forms as last rendered, by prospect id, to tell what a Save changed. */
  forms?: Map<number, Record<string, string>>;
  /** AE page sessions: the business unit the session works in. */
  businessUnitId?: string;
  scopes: string[];
  expiresAt: number;
  clientId?: string;
}

export interface Fault {
  /** A route key such as "sf-rest:PATCH" or "ae-api:GET"; "*" matches every product-facing route. */
  route: string;
  remaining: number;
  kind: 'error' | 'drop';
  status?: number;
  /** Salesforce errorCode, for sf-* routes. */
  errorCode?: string;
  /** Account Engagement error code, for ae-* routes. */
  code?: number;
  message?: string;
}

export interface SandboxOptions {
  syncIntervalMs?: number;
  locale?: 'en' | 'ja';
  extraLinkedPairs?: number;
  /** Seeded randomness for the sync timer's phase (tests replay a run with the same seed). */
  random?: () => number;
  now?: () => number;
}

export class Sandbox {
  /** The org, and a full-copy sandbox of it (same record ids) that an admin may be signed in to as well. */
  orgs: Org[] = [];
  get org(): Org {
    return this.orgs[0] as Org;
  }
  get fullCopy(): Org {
    return this.orgs[1] as Org;
  }
  config!: SandboxConfig;
  log: LogEntry[] = [];
  sessions = new Map<string, Session>();
  faults: Fault[] = [];
  latencyMs: Record<string, number> = {};
  aeInFlight = 0;
  aeCalls: number[] = [];
  aeCallsToday = 0;
  sfCallsToday = 0;
  syncCount = 0;
  /** Each prospect's earlier versions, each valid until a moment: what a lagging AE API read returns. */
  private prospectHistory = new Map<number, { until: number; prospect: Prospect }[]>();
  /** The business unit the admin has chosen in the AE Lightning app's switcher. */
  currentBusinessUnitId = '';
  private seq = 0;
  private timers = new Map<string, NodeJS.Timeout>();
  readonly now: () => number;
  readonly random: () => number;

  constructor(private readonly options: SandboxOptions = {}) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.reset();
  }

  reset(): void {
    const org = seedOrg(this.now(), this.options.extraLinkedPairs ?? 0, this.random);
    this.orgs = [org, fullCopyOf(org)];
    this.config = defaultConfig();
    if (this.options.locale) this.config.locale = this.options.locale;
    if (this.options.syncIntervalMs !== undefined) {
      for (const bu of this.org.businessUnits) bu.syncIntervalMs = this.options.syncIntervalMs;
    }
    this.log = [];
    this.sessions.clear();
    this.faults = [];
    this.latencyMs = {};
    this.aeCalls = [];
    this.aeCallsToday = 0;
    this.sfCallsToday = 0;
    this.syncCount = 0;
    this.prospectHistory.clear();
    this.currentBusinessUnitId = this.org.businessUnits[0]?.id ?? '';
    this.scheduleSyncs();
  }

  /** The business units the demo admin is in: one, unless they are a multi-unit admin (`aeTopLevelSignIn` off). */
  adminBusinessUnits(): BusinessUnit[] {
    const units = this.org.businessUnits.filter((bu) => bu.active);
    return this.config.aeTopLevelSignIn ? units.slice(0, 1) : units;
  }

  /** The unit the admin works in now: the switcher's choice, if they are in it. */
  currentBusinessUnit(): BusinessUnit | null {
    const units = this.adminBusinessUnits();
    return units.find((bu) => bu.id === this.currentBusinessUnitId) ?? units[0] ?? null;
  }

  /** An API call, as the log keeps it: its route, request line and caller. */
  recordApiCall(x: Exchange, route: string, actor: string, extra: Partial<LogEntry> = {}): LogEntry {
    return this.record({
      kind: 'api',
      route,
      method: x.method,
      host: x.host,
      path: x.url.pathname + x.url.search,
      actor,
      ...extra,
    });
  }

  record(entry: Omit<LogEntry, 'seq' | 'at'> & { at?: number }): LogEntry {
    const full = { seq: ++this.seq, at: this.now(), ...entry };
    this.log.push(full);
    if (this.log.length > 100_000) this.log.splice(0, this.log.length - 100_000);
    return full;
  }

  newSession(
    kind: Session['kind'],
    userId: string,
    lifetimeMs: number,
    scopes: string[] = [],
    clientId?: string,
    org: Org = this.org,
  ) {
    const secret = randomBytes(24).toString('base64url');
    // A browser sid starts with the org id and "!", as Salesforce's do; so do access tokens.
    const token = kind === 'refresh' || kind === 'ae-page' ? secret : `${org.id.slice(0, 15)}!${secret}`;
    this.sessions.set(token, { kind, userId, orgId: org.id, scopes, expiresAt: this.now() + lifetimeMs, clientId });
    return token;
  }

  /** The org served on a Salesforce host (My Domain or Lightning), if any. */
  orgOfHost(host: string): Org | null {
    return (
      this.orgs.find(
        (org) =>
          host === myDomainHost(org) ||
          host === lightningHost(org) ||
          host === myDomainHost(org).replace('.my.salesforce.com', '.my.salesforce-setup.com'),
      ) ?? null
    );
  }

  session(token: string | undefined, kinds: Session['kind'][]): Session | null {
    if (!token) return null;
    const session = this.sessions.get(token);
    if (!session || !kinds.includes(session.kind) || session.expiresAt <= this.now()) return null;
    return session;
  }

  expireTokens(kinds: Session['kind'][] = ['sid', 'access']): number {
    let count = 0;
    for (const session of this.sessions.values()) {
      if (kinds.includes(session.kind)) {
        session.expiresAt = this.now() - 1;
        count++;
      }
    }
    return count;
  }

  revokeTokens(): number {
    let count = 0;
    for (const [token, session] of this.sessions) {
      if (session.kind === 'access' || session.kind === 'refresh') {
        this.sessions.delete(token);
        count++;
      }
    }
    return count;
  }

  /** The first fault armed for this route, used up by one request. */
  takeFault(route: string): Fault | null {
    const fault = this.faults.find((f) => f.remaining > 0 && (f.route === route || f.route === '*'));
    if (!fault) return null;
    fault.remaining--;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault;
  }

  latencyFor(route: string): number {
    return this.latencyMs[route] ?? this.latencyMs['*'] ?? 0;
  }

  businessUnit(id: string | undefined): BusinessUnit | null {
    return this.org.businessUnits.find((bu) => bu.id === id) ?? null;
  }

  /** Keeps the prospect as it is now, before a change: reads that lag see it until now. */
  rememberProspect(prospect: Prospect): void {
    if (this.config.aeReadLagMs <= 0) return;
    const versions = this.prospectHistory.get(prospect.id) ?? [];
    versions.push({ until: this.now(), prospect: { ...prospect } });
    this.prospectHistory.set(prospect.id, versions.slice(-50));
  }

  /** The prospect as it was at `at`: the first version still valid then, or as it is now. */
  prospectAsOf(prospect: Prospect, at: number): Prospect {
    return this.prospectHistory.get(prospect.id)?.find((version) => version.until > at)?.prospect ?? prospect;
  }

  /**
   * Keeps a change of Email Opt Out in the record's field history, by the user who made it, while the
   * field is tracked (see `emailOptOutHistoryTracked`).
   */
  recordEmailOptOutChange(record: SalesforceRecord, oldValue: boolean, userId: string): void {
    if (!this.config.emailOptOutHistoryTracked || oldValue === record.HasOptedOutOfEmail) return;
    const org = this.orgs.find((o) => o.records.get(record.Id) === record) ?? this.org;
    org.fieldHistory.push({
      Id: `017${String(org.fieldHistory.length + 1).padStart(12, '0')}`,
      ...emailOptOutHistoryOf(this.config, org, record),
      OldValue: oldValue,
      NewValue: record.HasOptedOutOfEmail,
      CreatedDate: salesforceTime(this.now()),
      CreatedById: userId,
    });
  }

  /**
   * What the email's unsubscribe link does (the one-click List-Unsubscribe header and the email
   * preference page likewise): Opted Out checked, and an "Unsubscribe Page" activity on the prospect
   * at this moment (Help 000383604; API v5 visitor activity type 12). The next sync carries it to
   * Salesforce like any other change of the prospect.
   */
  unsubscribe(prospectId: number): Prospect {
    const prospect = this.org.prospects.get(prospectId);
    if (!prospect || prospect.isDeleted) throw new Error(`no prospect ${prospectId}`);
    this.rememberProspect(prospect);
    const now = this.now();
    const nowIso = new Date(now).toISOString();
    if (!prospect.optedOut) prospect.optedOutUpdatedAt = nowIso;
    prospect.optedOut = true;
    prospect.updatedAt = nowIso;
    prospect.activities.push(unsubscribeActivity(now));
    this.record({ kind: 'control', note: `prospect ${prospectId} unsubscribed through the email's link` });
    return prospect;
  }

  runSync(bu: BusinessUnit): SyncDecision[] {
    for (const prospect of this.org.prospects.values())
      if (prospect.businessUnitId === bu.id) this.rememberProspect(prospect);
    const decisions = syncPass(this.org, bu, this.now());
    // The connector's writes to Salesforce are its integration user's.
    for (const decision of decisions) {
      const record = decision.wrote.includes('salesforce') ? findRecord(this.org, decision.recordId) : null;
      if (record) this.recordEmailOptOutChange(record, decision.before.HasOptedOutOfEmail, INTEGRATION_USER.id);
    }
    this.syncCount++;
    this.record({ kind: 'sync', actor: 'connector', businessUnitId: bu.id, decisions });
    return decisions;
  }

  syncAll(): SyncDecision[] {
    return this.org.businessUnits.filter((bu) => bu.active).flatMap((bu) => this.runSync(bu));
  }

  /**
   * Each business unit syncs on its own interval, starting at a random phase like the real connector,
   * each pass up to `syncDelayShare` of the interval late (a queue, not a steady timer).
   */
  scheduleSyncs(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const bu of this.org.businessUnits) {
      if (bu.syncIntervalMs <= 0) continue;
      const tick = () => {
        if (bu.active) this.runSync(bu);
        const late = this.config.syncDelayShare > 0 ? this.random() * this.config.syncDelayShare : 0;
        this.timers.set(bu.id, setTimeout(tick, Math.round(bu.syncIntervalMs * (1 + late))).unref());
      };
      this.timers.set(bu.id, setTimeout(tick, Math.floor(this.random() * bu.syncIntervalMs)).unref());
    }
  }

  /** A linked pair opted out on both sides and already synced: how an admin finds it (bench and chaos reuse pairs). */
  optOutPair(prospectId: number) {
    const prospect = this.org.prospects.get(prospectId);
    const record = this.org.records.get(prospect?.salesforceContactId ?? prospect?.salesforceLeadId ?? '');
    if (!prospect || !record) throw new Error(`no linked pair for prospect ${prospectId}`);
    const past = new Date(this.now() - 60_000).toISOString();
    Object.assign(prospect, {
      optedOut: true,
      updatedAt: past,
      optedOutUpdatedAt: past,
      salesforceLastSync: new Date(this.now()).toISOString(),
    });
    if (!prospect.activities.some((a) => a.typeId === 12))
      prospect.activities.push(unsubscribeActivity(Date.parse(past)));
    if (!record.HasOptedOutOfEmail) {
      // The connector carried that opt-out to Salesforce.
      record.HasOptedOutOfEmail = true;
      this.recordEmailOptOutChange(record, false, INTEGRATION_USER.id);
    }
    Object.assign(record, {
      HasOptedOutOfEmail: true,
      IsDeleted: false,
      LastModifiedDate: past.replace('Z', '+0000'),
      emailOptOutChangedAt: past,
    });
    return { prospect, record };
  }

  /**
   * Turns a prospect's Contact into a person account's person contact, as an org with person
   * accounts does when a business account is changed to a person account (SOAP API Developer
   * Guide, "Person Account Record Types"): the Contact keeps its id, the new Account gets its own.
   */
  makePersonAccount(prospectId: number): string {
    if (!this.config.personAccounts) throw new Error('this org has no person accounts (config.personAccounts)');
    const contactId = this.org.prospects.get(prospectId)?.salesforceContactId;
    if (!contactId) throw new Error(`prospect ${prospectId} is not synced with a Contact`);
    const id = makeId('001', 900 + this.org.accounts.size);
    const record = this.org.records.get(contactId);
    this.org.accounts.set(id, { Id: id, Name: `${record?.FirstName} ${record?.LastName}`, personContactId: contactId });
    return id;
  }

  /** The person account of a person contact, if it is one (and the org has person accounts). */
  personAccountOf(contactId: string) {
    if (!this.config.personAccounts) return null;
    return [...this.org.accounts.values()].find((account) => account.personContactId === contactId) ?? null;
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
