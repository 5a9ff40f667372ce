/**
 * The Account Engagement side of a pair, read where the admin may read it:
 * at AE's own host, or, where AE refuses the admin there (admins in several
 * business units must use the Lightning app), in the Account Engagement
 * Lightning app's frame, the org remembered as such. Jobs and the
 * confirmation window read it the same way.
 */
import { errorCodeOf } from '../core/errors';
import type { Job, JobTarget } from '../core/job';
import { aeTopLevelRefused, businessUnitOf, lightningHostOf, type Org, rememberAeTopLevelRefused } from './org';
import { type ProspectRead, readForJob } from './prospects';

/** What reading the AE side needs: whose prospect, where, and the page's tab owner (a job or a confirmation). */
export type AeSideTarget = Pick<
  Job,
  'id' | 'aeHost' | 'prospectId' | 'aeFrameHost' | 'aeProxySuffix' | 'businessUnitId' | 'object' | 'recordId'
>;

/**
 * The job a pair of this org would be: the business unit the AE app has selected, and where its AE
 * page opens: in the Lightning app framing the admin's page (`framedBy`), in the org's Lightning app
 * where AE refused the admin at its own host, else at the AE host. Confirmations and a Restore a
 * list batch's rows build their jobs with it.
 */
export async function jobTargetFor<Pair extends Pick<JobTarget, 'prospectId' | 'aeHost' | 'object' | 'recordId'>>(
  org: Org,
  pair: Pair,
  framedBy: string | null = null,
): Promise<Pair & Omit<JobTarget, 'email'>> {
  const { current } = await businessUnitOf(org);
  const refused = framedBy === null && (await aeTopLevelRefused(org));
  return {
    ...pair,
    salesforceHost: org.session.host,
    orgId: org.session.orgId,
    businessUnitId: current?.id ?? null,
    aeFrameHost: framedBy ?? (refused ? await lightningHostOf(org) : null),
  };
}

/**
 * The prospect as AE holds it now, its page's activity list read unless `activities` is false.
 * `frameFound`: the Lightning host whose app frame had to be used (the caller keeps it for its next
 * reads), or null.
 */
export async function readProspectWhereAllowed(
  target: AeSideTarget,
  org: Org,
  { activities = true } = {},
): Promise<{ prospect: ProspectRead; frameFound: string | null }> {
  const readAeSide = (where: AeSideTarget) => readExplained(where, org, activities);
  try {
    return { prospect: await readAeSide(target), frameFound: null };
  } catch (error) {
    const code = errorCodeOf(error);
    if (
      target.aeFrameHost ||
      (code !== 'signed-out-of-ae' && code !== 'control-not-found' && code !== 'proxied-ae-page')
    )
      throw error;
    // A page that could not be read once may have been a passing error page (a 5xx): only a second
    // failure sends the reader, and the org from then on, to the Account Engagement app's frame.
    if (code === 'control-not-found') {
      try {
        return { prospect: await readAeSide(target), frameFound: null };
      } catch (again) {
        if (errorCodeOf(again) !== code) throw again;
      }
    }
    const host = await lightningHostOf(org);
    if (!host) throw error;
    const prospect = await readAeSide({ ...target, aeFrameHost: host });
    await rememberAeTopLevelRefused(org);
    return { prospect, frameFound: host };
  }
}

/**
 * The AE side. In the Account Engagement app's frame, a page that never answers may be Salesforce's
 * own sign-in page: then the admin hears that the Salesforce session expired, not that a page did
 * not answer.
 */
async function readExplained(target: AeSideTarget, org: Org, activities: boolean): Promise<ProspectRead> {
  try {
    return await readForJob(target, org, { activities });
  } catch (error) {
    throw await explainUnanswered(target, org, error);
  }
}

/** Why the AE page did not answer, where Salesforce can tell: the app's frame needs its session. */
export async function explainUnanswered(target: AeSideTarget, org: Org, error: unknown): Promise<unknown> {
  if (!target.aeFrameHost || errorCodeOf(error) !== 'ae-page-unavailable') return error;
  // The pair's own record: REST says plainly whether the session is still good.
  return org.salesforce.getRecord(target.object, target.recordId).then(
    () => error,
    (salesforce: unknown) => salesforce,
  );
}
