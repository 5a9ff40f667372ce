/**
 * The person's latest wish, as a job can see it before a write: opt-out activities on the prospect
 * newer than what the admin confirmed (the prospect page's activity list; for an API read, API v5
 * visitor activities, else the page is loaded for it), and who checked Salesforce's Email Opt Out
 * since (field history). The job machine (core/job.ts) decides from it; nothing here writes.
 */
import type { ConsentEvidence, Job } from '../core/job';
import { readViaPage } from './ae-page';
import type { Org } from './org';
import { activitiesByApi, fromPage, type ProspectRead } from './prospects';

/** The connector writes as its integration user (Salesforce Help, "Account Engagement Integration User"). */
const isConnectorUser = (username: string, name: string) =>
  /^b2bmaintegration@/i.test(username) || (!username && /^B2BMA Integration\b/.test(name));

export async function consentEvidence(job: Job, org: Org, prospect: ProspectRead): Promise<ConsentEvidence> {
  // Newer than what the admin saw, not than the click: a list's row starts long after its preview.
  const confirmedAt = job.seenAt ?? job.createdAt;
  let activities = prospect.optOutActivities;
  let activitiesRead: ConsentEvidence['activities'] = 'not-read';
  // Read by API: its visitor activities by API v5 (an OAuth connection), else a load of its page.
  if (activities === undefined)
    activities = (await activitiesByApi(org, job.aeHost, job.prospectId, job.businessUnitId))?.optOutActivities;
  if (activities === undefined) {
    activities = await readViaPage(job).then(
      (state) => fromPage(job.prospectId, state).optOutActivities,
      () => undefined,
    );
    if (activities === undefined) activitiesRead = 'unreadable';
  }
  const evidence: ConsentEvidence = { at: Date.now(), activities: activitiesRead, history: 'unreadable' };
  if (activities === null) evidence.activities = 'not-shown';
  else if (activities) {
    // An opt-out whose date cannot be read might be newer: the list then proves nothing.
    evidence.activities = activities.some((activity) => activity.at === null || Number.isNaN(Date.parse(activity.at)))
      ? 'unreadable'
      : 'read';
    const newer = activities
      .map((activity) => ({ at: Date.parse(activity.at ?? ''), what: activity.what }))
      .filter((activity) => activity.at > confirmedAt)
      .sort((a, b) => b.at - a.at)[0];
    if (newer) evidence.newerOptOut = newer;
  }
  try {
    const changes = await org.salesforce.emailOptOutHistory(job.object, job.recordId);
    evidence.history = changes.length ? 'tracked' : 'no-rows';
    const newer = changes.filter((change) => change.newValue && change.at > confirmedAt).sort((a, b) => b.at - a.at)[0];
    if (newer) {
      evidence.newerEmailOptOut = {
        at: newer.at,
        by: newer.byName || newer.byUsername,
        connector: isConnectorUser(newer.byUsername, newer.byName),
      };
    }
  } catch {
    evidence.history = 'unreadable';
  }
  return evidence;
}
