/**
 * A list's pace in the worker: a row whose job ends starts the next waiting row at once, within the
 * batch's concurrency, with no Restore page open and no alarm (Chrome's are 30 s apart) to wake it.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Batch, BatchRow } from '../../../src/core/batch';
import { isFinished, type Job } from '../../../src/core/job';

const cookies = { get: async () => null, getAll: async () => [] };
const i18n = { ...fakeBrowser.i18n, getMessage: (key: string) => key };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies, i18n } }));

const recordIdOf = (n: number) => `0035g00000AbC${String(n).padStart(2, '0')}`;
const emailOf = (n: number) => `person${n}@example.com`;

/** The prospect whose read the test holds (its row's job stays running until it is let go). */
const held: { prospectId: number | null; release: (() => void) | null } = { prospectId: null, release: null };

vi.mock('../../../src/background/org', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/org')>()),
  orgForHost: async () => ({
    session: { host: 'acme.my.salesforce.com', orgId: '00D5g000004SbOx' },
    // Every row's pair is already opted in on both sides: its job reads them and ends (nothing to write).
    salesforce: {
      getRecord: async (object: string, recordId: string) => ({
        Id: recordId,
        object,
        Email: emailOf(Number(recordId.slice(13, 15))),
        HasOptedOutOfEmail: false,
        pi__url__c: null,
      }),
      username: async () => 'admin@example.com',
      dailyApiRequests: async () => null,
    },
  }),
  businessUnitOf: async () => ({ current: null, all: [] }),
  aeTopLevelRefused: async () => false,
}));
vi.mock('../../../src/background/prospects', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/prospects')>()),
  readForJob: async (job: { prospectId: number }) => {
    if (job.prospectId === held.prospectId) await new Promise<void>((resolve) => (held.release = resolve));
    return {
      id: job.prospectId,
      email: emailOf(job.prospectId),
      optedOut: false,
      isDoNotEmail: false,
      isEmailHardBounced: false,
      salesforceContactId: recordIdOf(job.prospectId),
      salesforceLeadId: null,
      salesforceLastSync: null,
      source: 'api',
    };
  },
}));

const { controlBatch, pump } = await import('../../../src/background/batches');
const { onJobSaved } = await import('../../../src/background/jobs');

const rowOf = (n: number): BatchRow => ({
  line: n + 1,
  email: emailOf(n),
  prospectId: null,
  recordId: null,
  object: null,
  evidence: 'replied to the 3 Feb email asking to stay subscribed',
  evidenceAt: null,
  candidates: [
    {
      object: 'Contact',
      recordId: recordIdOf(n),
      email: emailOf(n),
      hasOptedOutOfEmail: true,
      hardBounced: false,
      prospectId: n,
      aeHost: 'pi.pardot.com',
    },
  ],
  verdict: 'will-opt-in',
  state: 'waiting',
});

/** A batch as Confirm leaves it: running, no row started yet. */
function confirmedBatch(rows: number, concurrency: number, now: number): Batch {
  return {
    id: 'list',
    createdAt: now,
    salesforceHost: 'acme.my.salesforce.com',
    orgId: '00D5g000004SbOx',
    rows: Array.from({ length: rows }, (_, i) => rowOf(i + 1)),
    refused: [],
    state: 'running',
    previewExpiresAt: now + 15 * 60_000,
    confirmedAt: now,
    admin: 'admin@example.com',
    deadline: now + 60 * 60_000,
    concurrency,
    rowSeconds: 180,
  };
}

const storedBatch = async () =>
  ((await fakeBrowser.storage.local.get('batches')).batches as Record<string, Batch>).list;

/** The rows whose jobs are running at each moment a job of the list is saved. */
const runningJobs = new Map<string, boolean>();
let mostRunning = 0;
onJobSaved((job: Job) => {
  if (job.batchId !== 'list') return;
  runningJobs.set(job.id, !isFinished(job));
  mostRunning = Math.max(mostRunning, [...runningJobs.values()].filter(Boolean).length);
});

beforeEach(() => {
  fakeBrowser.reset();
  Object.assign(held, { prospectId: null, release: null });
  runningJobs.clear();
  mostRunning = 0;
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a list run at its pace', () => {
  it('starts the next waiting rows as soon as a row ends, never more at once than its concurrency', async () => {
    const now = Date.now();
    await fakeBrowser.storage.local.set({ batches: { list: confirmedBatch(6, 2, now) } });
    // Row 1's job stays running (its AE read held): one slot of two is taken throughout.
    held.prospectId = 1;
    const alarms = vi.spyOn(fakeBrowser.alarms, 'create');

    // Confirm starts the first rows; nothing else asks for the batch afterwards: no Restore page
    // refreshes it and no alarm fires (the clock does not reach the batch's 30 s alarm).
    await pump('list');
    await vi.advanceTimersByTimeAsync(5_000);

    const batch = await storedBatch();
    // Each of rows 2–6 ended (both sides were already opted in: skipped), one after the other in the
    // free slot, while row 1 still runs.
    expect(batch?.rows.map((row) => row.state)).toEqual([
      'running',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(mostRunning).toBe(2);
    expect(Date.now() - now).toBeLessThan(30_000);
    expect(
      alarms.mock.calls.filter(([name]) => name === 'batch:list').every(([, when]) => (when.when ?? 0) >= now + 30_000),
    ).toBe(true);

    // Row 1's job ends too: the batch is finished at once, and its alarm cleared.
    held.release?.();
    await vi.advanceTimersByTimeAsync(1_000);
    const finished = await storedBatch();
    expect(finished?.rows[0]?.state).toBe('skipped');
    expect(finished?.state).toBe('finished');
    expect(await fakeBrowser.alarms.get('batch:list')).toBeUndefined();
  });
});

describe('the admin pausing or cancelling while rows start', () => {
  it('keeps a cancel made while the worker is starting rows: the rows not started stay untouched', async () => {
    const now = Date.now();
    await fakeBrowser.storage.local.set({ batches: { list: confirmedBatch(6, 2, now) } });
    held.prospectId = 1;
    // A row's job ended a moment ago: the worker is starting the next rows when the admin cancels.
    const starting = pump('list');
    const cancelled = controlBatch('list', 'cancel');
    await vi.advanceTimersByTimeAsync(5_000);
    await Promise.all([starting, cancelled]);
    const batch = await storedBatch();
    expect(batch?.state).toBe('cancelled');
    expect(batch?.rows.filter((row) => row.state === 'cancelled').length).toBeGreaterThan(0);
    expect(batch?.rows.some((row) => row.state === 'waiting')).toBe(false);
  });
});
