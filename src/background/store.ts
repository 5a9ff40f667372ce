/**
 * What the worker keeps: settings per business unit, options, jobs and the
 * audit log in storage.local (versioned); live page registrations and
 * access tokens in storage.session, which Chrome clears with the browser and
 * never writes to disk.
 */
import * as v from 'valibot';
import browser from 'webextension-polyfill';
import type { Batch } from '../core/batch';
import type { PendingConfirmation } from '../core/confirmation';
import type { Job } from '../core/job';
import {
  type AuditEntry,
  type ExtensionOptions,
  OptionsSchema,
  type ReadableAePageState,
  type SettingsView,
  type StorageNotice,
} from '../core/messages';

export type { AuditEntry, StorageNotice };

import { GuardError } from '../core/errors';
import { DEFAULT_OPTIONS } from '../core/options';
import { revokeRefreshToken } from './oauth-revoke';

export { DEFAULT_OPTIONS };

export const SCHEMA_VERSION = 2;

export type StoredSettings = Omit<SettingsView, 'businessUnitName'>;

interface LocalData {
  schemaVersion: number;
  notices: StorageNotice[];
  options: ExtensionOptions;
  settings: Record<string, StoredSettings>;
  jobs: Record<string, Job>;
  audit: AuditEntry[];
  auditDropped: number;
  /** Audit entries this version could not read (corrupted, or written by a newer version), kept as they were. */
  auditUnreadable: unknown[];
  /** Per org: does its AE API take `optedOut` writes? Learned from a real attempt. */
  aeOptedOutApiWrite: Record<string, 'works' | 'refused'>;
  /** Per org: does its AE API take the browser session? */
  aeAcceptsSession: Record<string, boolean>;
  /** The OAuth connection (src/background/oauth.ts), or null. */
  oauth: OAuthConnection | null;
  /** What the extension learned about each org it met, by org id. */
  orgs: Record<string, OrgInfo>;
  /** Restore a list batches, previewed, running and recently finished (background/batches.ts). */
  batches: Record<string, Batch>;
}

export interface OrgInfo {
  /** The My Domain host REST is called on. */
  host: string;
  lightningHost?: string;
  aeHost?: string;
  businessUnits?: { id: string; name: string }[];
  /** The unit the admin works in: the only one, or the one the AE app's switcher shows. */
  currentUnit?: { id: string; name: string } | null;
  unitsAt?: number;
  /**
   * When Account Engagement last refused this org's admin at its own host: new jobs use the
   * Lightning app's frame for a while (org.ts). 0.1 kept `aeTopLevelRefused: true` for good; it is ignored.
   */
  aeTopLevelRefusedAt?: number;
}

const DEFAULTS: LocalData = {
  schemaVersion: SCHEMA_VERSION,
  notices: [],
  options: DEFAULT_OPTIONS,
  settings: {},
  jobs: {},
  audit: [],
  auditDropped: 0,
  auditUnreadable: [],
  aeOptedOutApiWrite: {},
  aeAcceptsSession: {},
  oauth: null,
  orgs: {},
  batches: {},
};

let migration: Promise<unknown> = Promise.resolve();

export async function read<K extends keyof LocalData>(key: K): Promise<LocalData[K]> {
  // A migration that could not run is tried again (once, for all the reads waiting on it) before
  // anything is read in an old shape.
  const before = migration;
  await before.catch(() => (migration === before ? migrateStorage() : undefined));
  await migration.catch(() => {
    throw new GuardError('storage-unavailable', 'stored data could not be brought to the current schema');
  });
  const stored = await browser.storage.local.get(key);
  return (stored[key] as LocalData[K] | undefined) ?? structuredClone(DEFAULTS[key]);
}

async function write<K extends keyof LocalData>(key: K, value: LocalData[K]): Promise<void> {
  await browser.storage.local.set({ [key]: value });
}

/** Read-modify-write of one key, serialised so two events cannot lose each other's change. */
let queue: Promise<unknown> = Promise.resolve();
export function update<K extends keyof LocalData>(
  key: K,
  change: (value: LocalData[K]) => LocalData[K],
): Promise<LocalData[K]> {
  const next = queue.then(async () => {
    const value = change(await read(key));
    await write(key, value);
    return value;
  });
  queue = next.catch(() => undefined);
  return next;
}

/** The OAuth connection the admin made (background/oauth.ts): kept on this device only. */
interface OAuthConnection {
  refreshToken: string;
  /** The host that issued the tokens: the only one the refresh token is sent to. */
  loginHost: string;
  /** Where the org's APIs are (the token's instance URL host). */
  instanceHost: string;
  /** The org the tokens belong to, as the 15-character id sessions start with. */
  orgId: string | null;
  clientId: string;
}

export interface SessionData {
  accessToken: { token: string; instanceUrl: string; expiresAt: number } | null;
  /** The last reading of each prospect's AE page ("host/id"), for the Salesforce side's overlay. */
  aeReadings: Record<string, { state: ReadableAePageState; at: number; tabId: number; topHost: string }>;
  /** Background tabs a job opened for the page writer, closed when the job ends. */
  openedTabs: Record<string, number[]>;
  /** The window of the extension's own the page writer's tabs open in (background/writer-window.ts). */
  writerWindow: number;
  /** Opt-ins offered from a page and not yet confirmed in their window (background/confirmations.ts). */
  confirmations: Record<string, PendingConfirmation>;
}

export async function readSession<K extends keyof SessionData>(key: K): Promise<SessionData[K] | null> {
  const stored = await browser.storage.session.get(key);
  return (stored[key] as SessionData[K] | undefined) ?? null;
}

export async function writeSession<K extends keyof SessionData>(key: K, value: SessionData[K]): Promise<void> {
  await browser.storage.session.set({ [key]: value });
}

let sessionQueue: Promise<unknown> = Promise.resolve();
/** Read-modify-write of one session key, serialised like `update`. */
export function updateSession<K extends keyof SessionData>(
  key: K,
  change: (value: SessionData[K] | null) => SessionData[K],
): Promise<SessionData[K]> {
  const next = sessionQueue.then(async () => {
    const value = change(await readSession(key));
    await writeSession(key, value);
    return value;
  });
  sessionQueue = next.catch(() => undefined);
  return next;
}

/** What each stored key must look like; anything else is reset rather than trusted. */
const SHAPES: { [K in keyof LocalData]: v.GenericSchema } = {
  schemaVersion: v.number(),
  notices: v.array(v.looseObject({ at: v.number(), kind: v.string(), keys: v.array(v.string()) })),
  options: OptionsSchema,
  settings: v.record(v.string(), v.looseObject({ overwriteOptedOut: v.picklist(['on', 'off', 'unknown']) })),
  jobs: v.record(v.string(), v.looseObject({ id: v.string(), phase: v.string(), attempts: v.array(v.unknown()) })),
  audit: v.array(v.unknown()),
  auditDropped: v.number(),
  auditUnreadable: v.array(v.unknown()),
  aeOptedOutApiWrite: v.record(v.string(), v.picklist(['works', 'refused'])),
  aeAcceptsSession: v.record(v.string(), v.boolean()),
  oauth: v.nullable(
    v.looseObject({ refreshToken: v.string(), loginHost: v.string(), instanceHost: v.string(), clientId: v.string() }),
  ),
  orgs: v.record(v.string(), v.looseObject({ host: v.string() })),
  batches: v.record(v.string(), v.looseObject({ id: v.string(), state: v.string(), rows: v.array(v.unknown()) })),
};

/** One audit entry as this version reads it; entries that are not are set aside, never dropped. */
const AUDIT_ENTRY = v.looseObject({ jobId: v.string(), at: v.number(), attempts: v.array(v.unknown()) });

type Stored = Record<string, unknown>;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const mapValues = (value: unknown, change: (item: Record<string, unknown>) => unknown) =>
  isObject(value)
    ? Object.fromEntries(Object.entries(value).map(([k, item]) => [k, isObject(item) ? change(item) : item]))
    : value;

/** 0.1 called the Account Engagement side (and the sync behaviour that prefers it) 'account-engagement'. */
const renameSide = (side: unknown) => (side === 'account-engagement' ? 'ae' : side);
function renameSides(holder: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...holder };
  if (Array.isArray(holder.attempts)) {
    next.attempts = holder.attempts.map((attempt) =>
      isObject(attempt)
        ? {
            ...attempt,
            sides: Array.isArray(attempt.sides) ? attempt.sides.map(renameSide) : attempt.sides,
            writes: isObject(attempt.writes)
              ? Object.fromEntries(Object.entries(attempt.writes).map(([side, w]) => [renameSide(side), w]))
              : attempt.writes,
          }
        : attempt,
    );
  }
  if (Array.isArray(holder.written)) next.written = holder.written.map(renameSide);
  if (isObject(holder.outcome) && Array.isArray(holder.outcome.written))
    next.outcome = { ...holder.outcome, written: holder.outcome.written.map(renameSide) };
  return next;
}

/** Keys earlier versions kept that this one does not. */
const RETIRED = [
  // 0.1 kept one global list of business units; units are now per org (`orgs`).
  'businessUnits',
  // 0.1 kept a bare refresh token, without the host that issued it or its org: connect again.
  'refreshToken',
];

/** Each step brings stored data from version N to N + 1 (0: before versioning). */
const UPGRADES: Record<number, (stored: Stored) => Stored> = {
  // Before versioning, options lacked some fields and settings had no learned-from records.
  0: (stored) => ({
    ...(isObject(stored.options) ? { options: { ...DEFAULT_OPTIONS, ...stored.options } } : {}),
    ...(isObject(stored.settings)
      ? { settings: mapValues(stored.settings, (s) => ({ fieldLearned: null, overwriteLearned: null, ...s })) }
      : {}),
  }),
  1: (stored) => ({
    ...(isObject(stored.jobs) ? { jobs: mapValues(stored.jobs, renameSides) } : {}),
    ...(Array.isArray(stored.audit)
      ? { audit: stored.audit.map((entry) => (isObject(entry) ? renameSides(entry) : entry)) }
      : {}),
    ...(isObject(stored.settings)
      ? {
          settings: mapValues(stored.settings, (s) => ({
            ...s,
            optedOutSyncBehavior: renameSide(s.optedOutSyncBehavior),
          })),
        }
      : {}),
  }),
};

/**
 * Brings stored data to the current schema at every worker start: data from
 * before versioning (0.1.0 previews) is upgraded, anything unreadable or
 * from a newer version is reset, and the admin is told which. The audit log
 * is never reset: entries this version cannot read are kept aside as they
 * were. When the storage API itself fails, the upgrade is tried again a few
 * times and then left for the next read or worker start; nothing is cleared.
 */
export function migrateStorage(): Promise<StorageNotice | null> {
  const run = (async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await upgradeStorage();
      } catch (error) {
        if (attempt >= MIGRATION_TRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * 4 ** (attempt - 1)));
      }
    }
  })();
  migration = run;
  return run.catch((error: unknown) => {
    console.error('Opt-Out Sync Guard: stored data could not be upgraded', error instanceof Error ? error.name : '');
    return null;
  });
}

const MIGRATION_TRIES = 3;
/** The audit log and what belongs to it: kept through every reset. */
const AUDIT_KEYS = ['audit', 'auditUnreadable', 'auditDropped'];

/** Audit entries from `value` this version reads, and the rest, kept as they were. */
function splitAudit(value: unknown): { readable: unknown[]; unreadable: unknown[] } {
  const entries = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const readable = entries.filter((entry) => v.is(AUDIT_ENTRY, entry));
  return { readable, unreadable: entries.filter((entry) => !readable.includes(entry)) };
}

/** What an upgrade will write: the changed keys, the keys it reset, and what the admin is told. */
interface Upgrade {
  changes: Record<string, unknown>;
  reset: string[];
  kind: StorageNotice['kind'] | null;
}

/**
 * Written by a newer version of the extension: nothing here can be trusted to mean the same, except
 * the audit log, whose entries are kept (those this version cannot read, aside).
 */
function resetAllButAudit(keys: string[], upgrade: Upgrade) {
  for (const key of keys) {
    if (AUDIT_KEYS.includes(key) || key === 'schemaVersion') continue;
    upgrade.changes[key] = key in DEFAULTS ? structuredClone(DEFAULTS[key as keyof LocalData]) : undefined;
    upgrade.reset.push(key);
  }
  upgrade.kind = 'storage-reset';
}

/** Each upgrade step from the stored version to this one, in order. */
function migrate(stored: Record<string, unknown>, from: number, upgrade: Upgrade) {
  for (let step = from; step < SCHEMA_VERSION; step++) {
    const change = UPGRADES[step];
    if (!change) continue;
    Object.assign(upgrade.changes, change({ ...stored, ...upgrade.changes }));
    upgrade.kind = 'storage-migrated';
  }
}

/** A key whose value this version cannot read goes back to its default (a corrupted audit log is set aside whole instead). */
function resetUnreadable(stored: Record<string, unknown>, upgrade: Upgrade) {
  for (const key of Object.keys(SHAPES) as (keyof LocalData)[]) {
    const value = key in upgrade.changes ? upgrade.changes[key] : stored[key];
    if (value === undefined || key === 'schemaVersion' || key === 'audit') continue;
    if (!v.safeParse(SHAPES[key], value).success) {
      upgrade.reset.push(key);
      upgrade.changes[key] = structuredClone(DEFAULTS[key]);
      upgrade.kind = 'storage-reset';
    }
  }
}

/** Audit entries this version cannot read are set aside as they were (the options page counts them); whether any were. */
function setAsideUnreadableAudit(stored: Record<string, unknown>, changes: Record<string, unknown>): boolean {
  const audit = splitAudit('audit' in changes ? changes.audit : stored.audit);
  if (!audit.unreadable.length) return false;
  const kept = Array.isArray(stored.auditUnreadable) ? stored.auditUnreadable : [];
  changes.audit = audit.readable;
  changes.auditUnreadable = [...kept, ...audit.unreadable];
  return true;
}

async function upgradeStorage(): Promise<StorageNotice | null> {
  const stored = (await browser.storage.local.get(null)) as Record<string, unknown>;
  const keys = Object.keys(stored);
  if (keys.length === 0) {
    await browser.storage.local.set({ schemaVersion: SCHEMA_VERSION });
    return null;
  }
  const version = stored.schemaVersion;
  const upgrade: Upgrade = { changes: { schemaVersion: SCHEMA_VERSION }, reset: [], kind: null };
  const { changes, reset } = upgrade;
  const newer = typeof version === 'number' && version > SCHEMA_VERSION;
  if (newer) resetAllButAudit(keys, upgrade);
  else migrate(stored, typeof version === 'number' ? version : 0, upgrade);
  resetUnreadable(stored, upgrade);
  const auditSetAside = setAsideUnreadableAudit(stored, changes);
  const gone = [
    ...RETIRED.filter((key) => key in stored),
    ...Object.keys(changes).filter((key) => changes[key] === undefined),
  ];
  for (const key of gone) delete changes[key];
  const { kind } = upgrade;
  const notice: StorageNotice | null = kind ? { at: Date.now(), kind, keys: reset.length ? reset : keys } : null;
  if (notice) {
    const kept = Array.isArray(stored.notices) && kind !== 'storage-reset' ? (stored.notices as StorageNotice[]) : [];
    changes.notices = [...kept, notice].slice(-10);
  }
  // A newer version's OAuth connection is revoked before it is forgotten: dropped unrevoked, its
  // refresh token would stay valid at Salesforce with no way left to end it from here.
  if (newer && v.is(SHAPES.oauth, stored.oauth) && stored.oauth)
    await revokeRefreshToken(stored.oauth as OAuthConnection);
  // One write for everything, so a failure part-way leaves the old data whole for the next try.
  if (notice || auditSetAside) await browser.storage.local.set(changes);
  if (gone.length) await browser.storage.local.remove(gone);
  return notice;
}
