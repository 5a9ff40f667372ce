/**
 * What an opt-in's two writes need in hand before the first leaves: the writers core/writers.ts
 * chooses from what the org is known to accept, the AE API's write where it may go, the AE page
 * prepared where it takes the AE side. The coordinator sends them (coordinator.ts, `write`);
 * nothing here keeps state but what a real AE API write teaches about the org.
 */
import { errorCodeOf, GuardError } from '../core/errors';
import type { Job } from '../core/job';
import type { Side } from '../core/sync-model';
import { chooseWriters, type WhatTheOrgAccepts, type Writers } from '../core/writers';
import { formOpenOutsideJob, type PreparedPage, preparePage } from './ae-page';
import { type Org, orgKey } from './org';
import { aeApi } from './prospects';
import { read, update } from './store';

/** The AE API's write of Opted Out for one job, and what its answer teaches about the org. */
export interface AeApiWrite {
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
