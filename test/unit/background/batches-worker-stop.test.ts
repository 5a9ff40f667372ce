/**
 * A list's run across a stop of the worker: a row whose job was started just before the worker (or
 * the browser) stopped, and before the batch was stored again, is that job's row. It is never
 * started a second time.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Batch } from '../../../src/core/batch';
import type { Job, JobTarget } from '../../../src/core/job';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
// The org and the job's target without a browser session: the pair the row names, in this org.
vi.mock('../../../src/background/org', async (original) => ({
  ...(await original<typeof import('../../../src/background/org')>()),
  orgForHost: async () => ({ session: { host: TARGET.salesforceHost, orgId: TARGET.orgId } }),
}));
vi.mock('../../../src/background/ae-side', async (original) => ({
  ...(await original<typeof import('../../../src/background/ae-side')>()),
  jobTargetFor: async (_org: unknown, pair: object) => ({ ...TARGET, ...pair }),
}));
// Starting a job as the coordinator does for a pair without a running job: a new job, stored (it is
// not driven here: nothing is read or written).
const started: JobTarget[] = [];
/** While set, a job's start waits for it (a start takes a moment: the job is stored, the pair's tabs told). */
let startGate: Promise<void> | null = null;
vi.mock('../../../src/background/coordinator', () => ({
  startJob: async (target: JobTarget, admin: string, reason: string) => {
    started.push(target);
    await startGate;
    const job = newJob(target, admin, reason, TIMING, `new-${started.length}`, Date.now());
    await saveJob(job);
    return job;
  },
}));
const { controlBatch, pump } = await import('../../../src/background/batches');
const { allJobs, saveJob } = await import('../../../src/background/jobs');
const { read } = await import('../../../src/background/store');
const { newJob, transition } = await import('../../../src/core/job');
const { TARGET, TIMING } = await import('../job-fixture');

beforeEach(() => {
  fakeBrowser.reset();
  started.length = 0;
  startGate = null;
});

const EVIDENCE = 'replied to the 3 Feb email asking to stay subscribed';

/** A confirmed list of one row, prospect 1001 and its Contact, as the batch was last stored: the row still waiting. */
function runningBatch(now: number): Batch {
  return {
    id: 'batch-1',
    createdAt: now - 60_000,
    salesforceHost: TARGET.salesforceHost,
    orgId: TARGET.orgId,
    rows: [
      {
        line: 2,
        email: TARGET.email,
        prospectId: null,
        recordId: null,
        object: null,
        evidence: EVIDENCE,
        evidenceAt: null,
        candidates: [
          {
            object: TARGET.object,
            recordId: TARGET.recordId,
            email: TARGET.email,
            hasOptedOutOfEmail: true,
            hardBounced: false,
            prospectId: TARGET.prospectId,
            aeHost: TARGET.aeHost,
          },
        ],
        verdict: 'will-opt-in',
        state: 'waiting',
      },
    ],
    refused: [],
    state: 'running',
    previewExpiresAt: now + 60_000,
    confirmedAt: now - 30_000,
    admin: 'admin@example.com',
    deadline: now + 10 * 60_000,
    concurrency: 1,
    rowSeconds: 60,
  };
}

/** The row's job as the stopped worker left it: started for the batch, stored, then run to its end after the restart. */
function rowJobDone(now: number): Job {
  let job = newJob({ ...TARGET, batchId: 'batch-1' }, 'admin@example.com', EVIDENCE, TIMING, 'row-job', now - 20_000);
  job = transition(job, { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true }, now - 19_000);
  for (const side of ['ae', 'salesforce'] as const)
    job = transition(job, { type: 'write-started', side, method: side === 'ae' ? 'page' : 'api' }, now - 18_000);
  for (const side of ['ae', 'salesforce'] as const)
    job = transition(job, { type: 'write-finished', side, ok: true }, now - 17_000);
  job = transition(job, { type: 'sync-checked', lastSyncAt: now - 10_000 }, now - 9_000);
  return transition(job, { type: 'verified', optedOut: false, hasOptedOutOfEmail: false }, now - 8_000);
}

describe('a list whose worker stopped between starting a row and storing the batch', () => {
  it('takes the job already started for the row as the row’s, and writes the pair no second time', async () => {
    const now = Date.now();
    const job = rowJobDone(now);
    expect(job.outcome).toEqual({ result: 'done' });
    await fakeBrowser.storage.local.set({ batches: { 'batch-1': runningBatch(now) }, jobs: { [job.id]: job } });

    await pump('batch-1');
    // The next look at the batch (its alarm, or the Restore page's poll).
    await pump('batch-1');

    // No second job for the person: the first one's writes stand, and the row ends with its outcome.
    expect(started).toEqual([]);
    expect((await allJobs()).map((j) => j.id)).toEqual(['row-job']);
    const batch = (await read('batches'))['batch-1'];
    expect(batch?.rows[0]).toMatchObject({ state: 'done', jobId: 'row-job' });
    expect(batch?.state).toBe('finished');
  });

  it('still starts a job for a row whose pair has a job of another list only', async () => {
    const now = Date.now();
    const other = { ...rowJobDone(now), id: 'other-list-job', batchId: 'batch-0' };
    await fakeBrowser.storage.local.set({ batches: { 'batch-1': runningBatch(now) }, jobs: { [other.id]: other } });

    await pump('batch-1');

    expect(started).toHaveLength(1);
    const batch = (await read('batches'))['batch-1'];
    expect(batch?.rows[0]).toMatchObject({ state: 'running', jobId: 'new-1' });
  });
});

describe('the admin’s Cancel while the list starts a row', () => {
  it('holds: the rows still waiting are cancelled and never started', async () => {
    const now = Date.now();
    const first = runningBatch(now);
    const [row] = first.rows;
    if (!row) throw new Error('the batch has a row');
    const second = {
      ...row,
      line: 3,
      email: 'ken@example.com',
      candidates: row.candidates.map((c) => ({ ...c, prospectId: 1002, email: 'ken@example.com' })),
    };
    await fakeBrowser.storage.local.set({ batches: { 'batch-1': { ...first, rows: [row, second] } } });
    let open: () => void = () => undefined;
    startGate = new Promise((resolve) => {
      open = resolve;
    });

    // The first row is being started (one at a time) when the admin presses Cancel.
    const pumping = pump('batch-1');
    await vi.waitFor(() => expect(started).toHaveLength(1));
    const cancelling = controlBatch('batch-1', 'cancel');
    open();
    await pumping;
    await cancelling;
    await pump('batch-1');

    const batch = (await read('batches'))['batch-1'];
    expect(batch?.state).toBe('cancelled');
    expect(batch?.rows.map((r) => r.state)).toEqual(['running', 'cancelled']);
    expect(started.map((t) => t.prospectId)).toEqual([1001]);
  });
});

/** The one-row list as stored while its row runs `job`, and the job. */
async function storeRowRunning(job: Job, now: number): Promise<void> {
  const batch = runningBatch(now);
  const [row] = batch.rows;
  if (!row) throw new Error('the batch has a row');
  batch.rows = [{ ...row, state: 'running', jobId: job.id }];
  await fakeBrowser.storage.local.set({ batches: { 'batch-1': batch }, jobs: { [job.id]: job } });
}

describe('a list whose row met an expired session before writing anything', () => {
  it('puts the row back to wait for the sign-in with the rows left, and starts it afresh on Resume', async () => {
    const now = Date.now();
    // The row's job read nothing: the Salesforce session had expired (the browser restarted, say).
    let job = newJob({ ...TARGET, batchId: 'batch-1' }, 'admin@example.com', EVIDENCE, TIMING, 'row-job', now - 5_000);
    job = transition(job, { type: 'preflight-failed', error: 'session-expired' }, now - 4_000);
    expect(job.outcome).toEqual({ result: 'failed', error: 'session-expired', written: [] });
    await storeRowRunning(job, now);

    await pump('batch-1');

    const paused = (await read('batches'))['batch-1'];
    expect(paused).toMatchObject({ state: 'paused', pausedFor: 'session-expired' });
    expect(paused?.rows[0]?.state).toBe('waiting');
    expect(started).toEqual([]);

    // Signed in again, the admin resumes: the row runs as a new job, not as the failed one.
    await controlBatch('batch-1', 'resume');
    await pump('batch-1');
    expect(started).toHaveLength(1);
    expect((await read('batches'))['batch-1']?.rows[0]).toMatchObject({ state: 'running', jobId: 'new-1' });
  });

  it('keeps the failure of a row whose job sent its writes unconfirmed (a browser restart), never starting a second job', async () => {
    const now = Date.now();
    // The browser restarted mid-write: both writes were sent, neither answer seen (they may have landed),
    // then the admin never signed in again. Nothing is confirmed written, yet the pair may be: no new job.
    let job = newJob(
      { ...TARGET, batchId: 'batch-1' },
      'admin@example.com',
      EVIDENCE,
      TIMING,
      'row-job',
      now - 600_000,
    );
    job = transition(job, { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true }, now - 599_000);
    job = transition(job, { type: 'write-started', side: 'ae', method: 'page' }, now - 598_000);
    job = transition(job, { type: 'write-started', side: 'salesforce', method: 'api' }, now - 598_000);
    job = transition(job, { type: 'resumed' }, now - 500_000);
    job = transition(job, { type: 'read-failed', error: 'session-expired' }, now - 300_000);
    job = transition(job, { type: 'read-failed', error: 'session-expired' }, now - 1_000);
    expect(job.outcome).toEqual({ result: 'failed', error: 'session-expired', written: [] });
    await storeRowRunning(job, now);

    await pump('batch-1');
    await controlBatch('batch-1', 'resume');
    await pump('batch-1');

    expect((await read('batches'))['batch-1']?.rows[0]).toMatchObject({ state: 'failed', error: 'session-expired' });
    expect(started).toEqual([]);
  });

  it('keeps the failure of a row whose job wrote a side before the session expired', async () => {
    const now = Date.now();
    // As the job machine leaves a job that wrote Email Opt Out, then met the expired session at its last try.
    const job: Job = {
      ...newJob({ ...TARGET, batchId: 'batch-1' }, 'admin@example.com', EVIDENCE, TIMING, 'row-job', now - 5_000),
      phase: 'failed',
      lastError: 'session-expired',
      outcome: { result: 'failed', error: 'session-expired', written: ['salesforce'] },
    };
    await storeRowRunning(job, now);

    await pump('batch-1');

    // The row keeps its outcome (what it wrote is in the report); the rows left wait for the sign-in.
    const after = (await read('batches'))['batch-1'];
    expect(after?.rows[0]).toMatchObject({ state: 'failed', error: 'session-expired', written: ['salesforce'] });
    expect(after?.state).toBe('paused');
    expect(started).toEqual([]);
  });
});
