/**
 * The AE side through API v5, where the org's AE takes `optedOut` (the v3/v4
 * field reference lists it as not editable, so this is learned per org from
 * a real attempt: a refusal, error 180, or a silently ignored field).
 */
import { errorCodeOf, GuardError } from '../../core/errors';
import type { Job } from '../../core/job';
import { type Org, orgKey } from '../org';
import { aeApi } from '../prospects';
import { read, update } from '../store';

/** Does this org's AE API take Opted Out: known to, known not to, or not tried yet. */
export async function aeApiCapability(org: Org): Promise<'works' | 'refused' | 'unknown'> {
  return (await read('aeOptedOutApiWrite'))[orgKey(org)] ?? 'unknown';
}

async function remember(org: Org, capability: 'works' | 'refused') {
  await update('aeOptedOutApiWrite', (all) => ({ ...all, [orgKey(org)]: capability }));
}

/** A client AE may accept for this job, unless the org is known to refuse the write. */
export async function aeApiFor(job: Job, org: Org) {
  return (await aeApiCapability(org)) === 'refused' ? null : aeApi(org, job.aeHost, job.businessUnitId);
}

/**
 * Unchecks Opted Out by API. Resolves when AE answers with Opted Out false;
 * `refused` when AE refuses or ignores the field (then the page is the way);
 * rejects with any other error.
 */
export async function writeAeApi(job: Job, org: Org): Promise<'written' | 'refused'> {
  const api = await aeApiFor(job, org);
  if (!api) return 'refused';
  try {
    const stillChecked = await api.uncheckOptedOut(job.prospectId);
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
