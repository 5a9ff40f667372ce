/**
 * The two writes of an opt-in: AE's Opted Out and Salesforce's Email Opt Out, unchecked by the
 * writers core/writers.ts chooses, timed to land together. The coordinator puts them on record as
 * started between `readyToWrite` and `sendWrites`, and turns how each settled into job events;
 * nothing here keeps state but what a real AE API write teaches about the org.
 */
import { errorCodeOf, GuardError } from '../core/errors';
import type { Job } from '../core/job';
import type { Side } from '../core/sync-model';
import { chooseWriters, type WhatTheOrgAccepts, type Writers } from '../core/writers';
import { clickSave, formOpenOutsideJob, type PreparedPage, preparePage } from './ae-page';
import { type Org, orgKey } from './org';
import { aeApi } from './prospects';
import { read, update } from './store';

/** The AE API's write of Opted Out for one job, and what its answer teaches about the org. */
interface AeApiWrite {
  /**
   * Resolves `written` when AE answers with Opted Out false; `refused` when AE refuses or ignores
   * the field (then the page is the way); rejects with any other error.
   */
  write: () => Promise<'written' | 'refused'>;
  /** Keeps what the write learned (the org's AE takes Opted Out, or refuses it). */
  learn: () => Promise<void>;
}

/** What the org's AE API is known to do with Opted Out, and its write for this job where one may go. */
async function aeApiFor(job: Job, org: Org): Promise<{ accepts: WhatTheOrgAccepts; api: AeApiWrite | null }> {
  const known = (await read('aeOptedOutApiWrite'))[orgKey(org)] ?? 'unknown';
  const client = known === 'refused' ? null : await aeApi(org, job.aeHost, job.businessUnitId);
  const accepts: WhatTheOrgAccepts = { aeApiTakesOptedOut: known, aeApiToken: client !== null };
  if (!client) return { accepts, api: null };
  let learned: 'works' | 'refused' | null = null;
  const write = async () => {
    try {
      const stillChecked = await client.uncheckOptedOut(job.prospectId);
      learned = stillChecked ? 'refused' : 'works';
      return stillChecked ? 'refused' : 'written';
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === 'field-not-writable') learned = 'refused';
      // The session was refused (184): no token AE takes, so the page is the way.
      if (code === 'field-not-writable' || code === 'session-expired') return 'refused';
      throw error instanceof GuardError ? error : new GuardError(code);
    }
  };
  const learn = async () => {
    const capability = learned;
    if (capability) await update('aeOptedOutApiWrite', (all) => ({ ...all, [orgKey(org)]: capability }));
  };
  return { accepts, api: { write, learn } };
}

/** The writers chosen, each with what it needs in hand before anything leaves. */
export interface ReadyWrites {
  writers: Writers;
  ae: { by: 'api' | 'api-first'; api: AeApiWrite } | { by: 'page'; page: PreparedPage } | null;
}

/**
 * Everything the writes need before the first leaves: no AE edit form of this prospect open in
 * another tab (it would post Opted Out checked later), the writers, and the AE page prepared where
 * it takes the AE side (the slow part). Throws where nothing may be written.
 * `aeApiRefused`: the AE API just refused this write, so the page takes the AE side.
 */
export async function readyToWrite(job: Job, sides: Side[], org: Org, { aeApiRefused = false } = {}) {
  if (await formOpenOutsideJob(job)) throw new GuardError('ae-form-open');
  const known = sides.includes('ae') && !aeApiRefused ? await aeApiFor(job, org) : null;
  const writers = chooseWriters(sides, known?.accepts ?? { aeApiTakesOptedOut: 'refused', aeApiToken: false });
  const api = known?.api;
  if (writers.ae === 'page') return { writers, ae: { by: 'page', page: await preparePage(job) } } satisfies ReadyWrites;
  // The API is chosen only where its write is at hand.
  return { writers, ae: writers.ae && api ? { by: writers.ae, api } : null } satisfies ReadyWrites;
}

/** One side's write: when it left (the request sent, or the AE page told to save) and when it settled. */
export interface SettledWrite {
  side: Side;
  result: PromiseSettledResult<unknown>;
  sentAt: number;
  at: number;
}

async function settle(side: Side, write: () => Promise<unknown>, sentAt = Date.now()): Promise<SettledWrite> {
  const [result] = await Promise.allSettled([write()]);
  return { side, result: result as PromiseSettledResult<unknown>, sentAt, at: Date.now() };
}

/**
 * Sends the writes `readyToWrite` chose, and resolves with how each settled; or `ae-api-refused`
 * when the AE API, tried alone first, refused Opted Out and nothing else left. Throws when that
 * first AE API write failed otherwise: nothing was written.
 */
export async function sendWrites(job: Job, org: Org, { writers, ae }: ReadyWrites) {
  const salesforce = () =>
    writers.salesforce ? [settle('salesforce', () => org.salesforce.uncheckEmailOptOut(job.object, job.recordId))] : [];
  switch (ae?.by) {
    case undefined:
      return Promise.all(salesforce());
    case 'api':
      // Known to take Opted Out: both leave at once. Refused or ignored now, this side failed.
      return Promise.all([
        settle('ae', async () => {
          if ((await ae.api.write()) !== 'written') throw new GuardError('field-not-writable');
        }),
        ...salesforce(),
      ]);
    case 'api-first': {
      const first = await settle('ae', ae.api.write);
      if (first.result.status === 'rejected') throw first.result.reason;
      if (first.result.value === 'refused') {
        await ae.api.learn();
        return 'ae-api-refused' as const;
      }
      // AE took it: Salesforce leaves at once, before any bookkeeping, to keep the two writes close.
      const sent = salesforce();
      await ae.api.learn();
      return [first, ...(await Promise.all(sent))];
    }
    case 'page': {
      const sentAt = Date.now();
      const saving = await clickSave(ae.page).catch((error: unknown) => error as Error);
      // Where the page cannot save, Salesforce is not written either.
      if (saving instanceof Error) return [await settle('ae', () => Promise.reject(saving), sentAt)];
      // The page has clicked Save; the PATCH leaves on that word. A form post goes out through a
      // navigation, slower than the PATCH, so the two land close together.
      const sent = salesforce();
      return Promise.all([settle('ae', () => saving.confirmed, sentAt), ...sent]);
    }
  }
}
