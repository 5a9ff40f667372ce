/**
 * What the worker keeps: settings per business unit, options, jobs and the
 * audit log in storage.local (versioned); live page registrations and
 * access tokens in storage.session, which Chrome clears with the browser and
 * never writes to disk.
 */
import browser from 'webextension-polyfill';
import type { Job } from '../core/job';
import type { ExtensionOptions, SettingsView } from '../core/messages';

export const SCHEMA_VERSION = 1;

export const DEFAULT_OPTIONS: ExtensionOptions = {
  syncIntervalSeconds: 120,
  marginSeconds: 30,
  pollSeconds: 30,
  maxAttempts: 3,
  oauthClientId: '',
  oauthLoginHost: '',
  businessUnitId: null,
};

export type StoredSettings = Omit<SettingsView, 'businessUnitName'>;

export interface AuditEntry {
  jobId: string;
  at: number;
  admin: string;
  orgId: string | null;
  businessUnitId: string | null;
  prospectId: number;
  email: string;
  object: 'Lead' | 'Contact' | null;
  recordId: string | null;
  reason: string;
  attempts: Job['attempts'];
  outcome: 'done' | 'failed' | 'refused' | 'running';
  error: string | null;
  written: string[];
}

interface LocalData {
  schemaVersion: number;
  options: ExtensionOptions;
  settings: Record<string, StoredSettings>;
  jobs: Record<string, Job>;
  audit: AuditEntry[];
  auditDropped: number;
  /** Per org: does its AE API take `optedOut` writes? Learned from a real attempt. */
  aeOptedOutApiWrite: Record<string, 'works' | 'refused'>;
  /** Per org: does its AE API take the browser session? */
  aeAcceptsSession: Record<string, boolean>;
  refreshToken: string | null;
  businessUnits: { id: string; name: string }[];
}

const DEFAULTS: LocalData = {
  schemaVersion: SCHEMA_VERSION,
  options: DEFAULT_OPTIONS,
  settings: {},
  jobs: {},
  audit: [],
  auditDropped: 0,
  aeOptedOutApiWrite: {},
  aeAcceptsSession: {},
  refreshToken: null,
  businessUnits: [],
};

export async function read<K extends keyof LocalData>(key: K): Promise<LocalData[K]> {
  const stored = await browser.storage.local.get(key);
  return (stored[key] as LocalData[K] | undefined) ?? structuredClone(DEFAULTS[key]);
}

export async function write<K extends keyof LocalData>(key: K, value: LocalData[K]): Promise<void> {
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

export interface SessionData {
  accessToken: { token: string; instanceUrl: string; expiresAt: number } | null;
  /** AE prospect frames that reported in: where the page writer can act. */
  aeFrames: Record<string, { tabId: number; frameId: number; at: number; state: unknown }>;
  /** Background tabs a job opened for the page writer, closed when the job ends. */
  openedTabs: Record<string, number[]>;
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
