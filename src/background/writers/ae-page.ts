/** The AE side on its page, as an admin does it by hand: prepared first, then saved on the agreed moment. */
import { GuardError } from '../../core/errors';
import type { Job, JobDiagnostics } from '../../core/job';
import { type PreparedPage, preparePage } from '../ae-page';

/** Saves what was prepared, at the moment it is called (see commitPage). */
export { commitPage as commitAePage } from '../ae-page';

export type PagePreparation =
  | { ok: true; prepared: PreparedPage }
  | { ok: false; error: GuardError; diagnostics?: JobDiagnostics };

export async function prepareAePage(job: Job): Promise<PagePreparation> {
  const result = await preparePage(job).catch((error: unknown) => error as GuardError);
  if (result instanceof Error)
    return { ok: false, error: result instanceof GuardError ? result : new GuardError('internal') };
  if ('agent' in result) return { ok: true, prepared: result };
  // Unchecked meanwhile (by the admin, or a sync): nothing to save here; the job reads both sides again.
  const error = result.error === 'not-opted-out' ? 'pair-changed' : result.error;
  // Diagnostics only where the page differed from what the extension knows: a part it could not find.
  // (No page outline: the admin copies one from the page in front of them, where they ask for it.)
  const { part } = result;
  return { ok: false, error: new GuardError(error, part), ...(part ? { diagnostics: { part } } : {}) };
}
