/**
 * What the overlay shows under a pair, beside its two sides: how each side got opted out (the
 * prospect page's opt-out activities, Email Opt Out's field history), the earlier opt-ins recorded
 * as Tasks, and, after a done job, who or what checked a side again (src/background/watch.ts put it
 * in the audit entry). Read here, never by the content script, and only as often as the pair's
 * sides are: a page refreshing its status within a few seconds costs no query.
 */
import type { OptOutHistory, PairWhy, Restoration } from '../core/messages';
import { sameRecordId } from '../core/salesforce-id';
import { openPageActivities } from './ae-agents';
import { earlierRestorations } from './evidence';
import { aeHistory, optOutHistory } from './history';
import { orgForHost } from './org';
import { type PageContext, pairOf, type Sides } from './pair-status';
import type { OptOutActivity } from './prospects';
import { read } from './store';

interface SalesforceWhy {
  salesforce: OptOutHistory['salesforce'];
  restorations: Restoration[] | null;
}

/**
 * The record's history and Tasks, read once per read of the pair's sides (pair-status.ts keeps those
 * a few seconds, and reads them again when a job of the pair changes or the admin saves the record).
 */
const readWith = new WeakMap<Sides, Promise<SalesforceWhy>>();

/**
 * The prospect's opt-out activities as a page shows them: on its own page, what the overlay sent
 * (it reads the list once the admin unfolds the history); elsewhere, what an open page of the
 * prospect shows now. Undefined where none was read.
 */
async function activitiesOf(context: PageContext, aeHost: string, prospectId: number) {
  if (context.page.kind === 'ae-prospect') {
    const state = context.aeState;
    return state?.readable ? (state.optOutActivities as OptOutActivity[] | null | undefined) : undefined;
  }
  return (await openPageActivities(aeHost, prospectId))?.optOutActivities;
}

export async function pairWhy(context: PageContext): Promise<PairWhy> {
  const pair = await pairOf(context);
  const { record, prospect } = pair;
  if (!record || !prospect || !pair.org || pair.linkProblem) {
    return { history: { salesforce: 'unreadable' }, restorations: null, undone: null };
  }
  let salesforceWhy = readWith.get(pair);
  if (!salesforceWhy) {
    salesforceWhy = orgForHost(pair.org.salesforceHost).then(async (org) => {
      const [history, restorations] = await Promise.all([
        optOutHistory(org, record.object, record.id, undefined),
        earlierRestorations(org, record.id),
      ]);
      return { salesforce: history.salesforce, restorations };
    });
    readWith.set(pair, salesforceWhy);
  }
  const [{ salesforce, restorations }, activities, undone] = await Promise.all([
    salesforceWhy,
    activitiesOf(context, prospect.aeHost, prospect.id),
    lastUndone(pair.org.orgId, record.id, prospect.id),
  ]);
  return { history: { ...aeHistory(activities), salesforce }, restorations, undone };
}

/** The pair's latest done job, if a side was checked again after it. */
async function lastUndone(orgId: string | null, recordId: string, prospectId: number) {
  const done = (await read('audit'))
    .filter(
      (entry) =>
        entry.outcome === 'done' &&
        entry.prospectId === prospectId &&
        (entry.orgId === null || orgId === null || entry.orgId === orgId) &&
        sameRecordId(entry.recordId ?? '', recordId),
    )
    .sort((a, b) => b.at - a.at)[0];
  return done?.undone ?? null;
}
