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
   * rejects with any other error.
   */
  write: () => Promise<'written' | 'refused'>;
}

/**
 * The AE API as this job's writer: null where the org's AE is known to refuse
 * the write, or no token AE may accept is at hand.
 */
export async function aeApiWriter(job: Job, org: Org): Promise<AeApiWriter | null> {
  const capability = (await read('aeOptedOutApiWrite'))[orgKey(org)] ?? 'unknown';
  if (capability === 'refused') return null;
  const api = await aeApi(org, job.aeHost, job.businessUnitId);
  return api ? { capability, write: () => writeAeApi(api, job.prospectId, org) } : null;
}

async function writeAeApi(api: AeApiClient, prospectId: number, org: Org): Promise<'written' | 'refused'> {
  try {
    const stillChecked = await api.uncheckOptedOut(prospectId);
    if (stillChecked) {
      await remember(org, 'refused');
      return 'refused';
    }
    await remember(org, 'works');
    return 'written';
  } catch (error) {
    const code = errorCodeOf(error);
    if (code === 'field-not-writable') {
      await remember(org, 'refused');
      return 'refused';
    }
    // The session was refused (184): no token AE takes, so the page is the way.
    if (code === 'session-expired') return 'refused';
    throw error instanceof GuardError ? error : new GuardError(code);
  }
}
