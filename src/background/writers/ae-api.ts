/**
 * The AE side through API v5, where the org's AE takes `optedOut` (the v3/v4
 * field reference lists it as not editable, so this is learned per org from
 * a real attempt: a refusal, error 180, or a silently ignored field).
 */
import { errorCodeOf, GuardError } from '../../core/errors';
import type { Job } from '../../core/job';
import type { AeApiClient } from '../ae-api';
import { type Org, orgKey } from '../org';
import { aeApi } from '../prospects';
import { read, update } from '../store';

async function remember(org: Org, capability: 'works' | 'refused') {
  await update('aeOptedOutApiWrite', (all) => ({ ...all, [orgKey(org)]: capability }));
}

export interface AeApiWriter {
  /** Whether this org's AE API is known to take Opted Out, or not tried yet. */
  capability: 'works' | 'unknown';
  /**
   * Unchecks Opted Out by API. Resolves `written` when AE answers with Opted Out false;
   * `refused` when AE refuses or ignores the field (then the page is the way);
   * rejects with any other error. What the answer teaches about the org is kept by `learn`.
   */
  write: () => Promise<'written' | 'refused'>;
  /** Keeps what the last write learned (the org's AE takes Opted Out, or refuses it): called once the other write has left. */
  learn: () => Promise<void>;
}

/**
 * The AE API as this job's writer: null where the org's AE is known to refuse
 * the write, or no token AE may accept is at hand.
 */
export async function aeApiWriter(job: Job, org: Org): Promise<AeApiWriter | null> {
  const capability = (await read('aeOptedOutApiWrite'))[orgKey(org)] ?? 'unknown';
  if (capability === 'refused') return null;
  const api = await aeApi(org, job.aeHost, job.businessUnitId);
  if (!api) return null;
  let learned: 'works' | 'refused' | null = null;
  return {
    capability,
    write: async () => {
      const answer = await writeAeApi(api, job.prospectId);
      learned = answer.learned;
      return answer.result;
    },
    learn: async () => {
      if (learned) await remember(org, learned);
    },
  };
}

async function writeAeApi(
  api: AeApiClient,
  prospectId: number,
): Promise<{ result: 'written' | 'refused'; learned: 'works' | 'refused' | null }> {
  try {
    const stillChecked = await api.uncheckOptedOut(prospectId);
    return stillChecked ? { result: 'refused', learned: 'refused' } : { result: 'written', learned: 'works' };
  } catch (error) {
    const code = errorCodeOf(error);
    if (code === 'field-not-writable') return { result: 'refused', learned: 'refused' };
    // The session was refused (184): no token AE takes, so the page is the way.
    if (code === 'session-expired') return { result: 'refused', learned: null };
    throw error instanceof GuardError ? error : new GuardError(code);
  }
}
