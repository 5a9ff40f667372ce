/**
 * The watch after a done job: two more looks at the pair, each a read of the record and the
 * prospect; Email Opt Out's field history is read only when a side is checked again, to say who did it.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { transition } from '../../../src/core/job';

const cookies = { get: async () => null, getAll: async () => [] };
const i18n = { ...fakeBrowser.i18n, getMessage: (key: string) => key };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies, i18n } }));

const calls = { record: 0, history: 0 };
const pair = { salesforceChecked: false };
vi.mock('../../../src/background/org', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/org')>()),
  orgForHost: async () => ({
    session: { host: 'acme.my.salesforce.com', orgId: '00D5g000004SbOx' },
    salesforce: {
      getRecord: async () => {
        calls.record++;
        return { Id: '0035g00000AbCdEAAV', Email: 'aiko@example.com', HasOptedOutOfEmail: pair.salesforceChecked };
      },
      emailOptOutHistory: async () => {
        calls.history++;
        return [{ at: Date.now(), newValue: true, byName: 'Ken Sato', byUsername: 'ken@example.com' }];
      },
    },
  }),
}));
vi.mock('../../../src/background/prospects', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/background/prospects')>()),
  readForOverlay: async () => ({ id: 1001, email: 'aiko@example.com', optedOut: false, source: 'api' }),
}));

const { onWatchAlarm } = await import('../../../src/background/watch');
const { saveJob } = await import('../../../src/background/jobs');
const { aJob } = await import('../job-fixture');

/** A job verified done on both sides a minute ago. */
async function doneJob(): Promise<void> {
  const at = Date.now() - 60_000;
  let job = aJob('done-1', at);
  job = transition(job, { type: 'preflight-passed', optedOut: true, hasOptedOutOfEmail: true }, at);
  job = transition(job, { type: 'write-started', side: 'ae', method: 'page' }, at);
  job = transition(job, { type: 'write-started', side: 'salesforce', method: 'api' }, at);
  job = transition(job, { type: 'write-finished', side: 'ae', ok: true }, at);
  job = transition(job, { type: 'write-finished', side: 'salesforce', ok: true }, at);
  job = transition(job, { type: 'sync-checked', lastSyncAt: at + 1 }, at + 2);
  job = transition(job, { type: 'verified', optedOut: false, hasOptedOutOfEmail: false }, at + 3);
  expect(job.phase).toBe('done');
  await saveJob(job);
}

beforeEach(() => {
  fakeBrowser.reset();
  Object.assign(calls, { record: 0, history: 0 });
  pair.salesforceChecked = false;
});
afterEach(() => vi.restoreAllMocks());

describe('watching a done pair through two more syncs', () => {
  it('costs one Salesforce read a look while both sides stay opted in (no field history read)', async () => {
    await doneJob();
    expect(await onWatchAlarm('watch:done-1:1')).toBeNull();
    expect(await onWatchAlarm('watch:done-1:2')).toBeNull();
    expect(calls).toEqual({ record: 2, history: 0 });
  });

  it('reads the field history when Email Opt Out is checked again, and names who checked it', async () => {
    await doneJob();
    pair.salesforceChecked = true;
    const undone = await onWatchAlarm('watch:done-1:1');
    expect(undone).toMatchObject({ sides: ['salesforce'], by: 'user', who: 'Ken Sato' });
    expect(calls).toEqual({ record: 1, history: 1 });
  });
});
