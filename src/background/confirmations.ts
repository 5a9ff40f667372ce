/**
 * Where the admin decides an opt-in: a small window of the extension's own.
 * A page script shares the DOM with the overlay (its shadow root is open, and
 * even a closed one can be covered or made transparent), so nothing the page
 * shows can prove a click or a keystroke was meant for the extension. The
 * overlay only offers; this window shows the pair as the worker reads it
 * now, takes the reason, and its Confirm (coordinator.ts, `confirmOptIn`) is
 * the only way a job starts. A confirmation is good for one job, and only
 * until it expires.
 */
import browser from 'webextension-polyfill';
import { CONFIRMATION_TTL_MS, type PendingConfirmation, samePairTarget } from '../core/confirmation';
import { GuardError } from '../core/errors';
import type { ConfirmationView, JobView } from '../core/messages';
import { adviseOptIn, stillUnmailable } from '../core/sync-model';
import { closeTabsOpenedBy } from './ae-page';
import { jobTargetFor, readProspectWhereAllowed } from './ae-side';
import { recordEntry } from './audit';
import { earlierRestorations } from './evidence';
import { optOutHistory } from './history';
import { businessUnitOf, type Org, orgForAePage, orgForHost } from './org';
import { type PageContext, pairStatus, prospectView, recordView } from './pair-status';
import { activitiesByApi, type ProspectRead } from './prospects';
import type { RecordFields } from './salesforce-rest';
import { settingsFor } from './settings';
import { read, readSession, updateSession } from './store';

/** Unused confirmations are forgotten after this long. */
const FORGET_AFTER_MS = 30 * 60_000;

const WINDOW = { width: 480, height: 680 } as const;

export async function pending(id: string): Promise<PendingConfirmation> {
  const found = (await readSession('confirmations'))?.[id];
  if (!found) throw new GuardError('confirmation-expired');
  return found;
}

export async function keep(confirmation: PendingConfirmation | null, drop?: string): Promise<void> {
  const now = Date.now();
  await updateSession('confirmations', (all) => {
    const kept = Object.values(all ?? {}).filter((c) => c.id !== drop && now - c.createdAt < FORGET_AFTER_MS);
    return Object.fromEntries(
      [...kept.filter((c) => c.id !== confirmation?.id), ...(confirmation ? [confirmation] : [])].map((c) => [c.id, c]),
    );
  });
}

/** The job a page's pair would be: its prospect, its record, its org and business unit. */
async function targetOf(context: PageContext): Promise<PendingConfirmation['target'] | JobView> {
  // What the window is opened for is the pair as it is now, never as read a few seconds ago.
  const status = await pairStatus({ ...context, fresh: true });
  const { prospect, record } = status;
  if (status.job && status.job.phase !== 'done' && status.job.phase !== 'failed') return status.job;
  if (status.linkProblem) throw new GuardError(status.linkProblem);
  if (!prospect || !record) throw new GuardError(status.problem ?? 'not-linked');
  if (!prospect.optedOut && !record.hasOptedOutOfEmail) throw new GuardError('not-opted-out');
  const { page, frame } = context;
  const aeState = context.aeState?.readable ? context.aeState : null;
  const org =
    page.kind === 'salesforce-record'
      ? await orgForHost(page.host)
      : await orgForAePage(
          frame,
          { host: aeState?.crm?.host ?? null, object: record.object, recordId: record.id },
          prospect.id,
        );
  const framed = page.kind === 'ae-prospect' && frame.topHost !== page.host ? frame.topHost : null;
  const target = await jobTargetFor(
    org,
    { prospectId: prospect.id, aeHost: prospect.aeHost, object: record.object, recordId: record.id },
    framed,
  );
  return frame.aeProxySuffix ? { ...target, aeProxySuffix: frame.aeProxySuffix } : target;
}

/**
 * The overlay's button: opens the confirmation window for the page's pair, or
 * brings the pair's open one to the front. A page that clicks it costs one
 * window, never a write.
 */
export async function offerOptIn(
  context: PageContext,
  tabId: number | null,
): Promise<{ window: true } | { job: JobView }> {
  const target = await targetOf(context);
  if ('phase' in target) return { job: target };
  const open = Object.values((await readSession('confirmations')) ?? {}).find(
    (c) => samePairTarget(c.target, target) && c.windowId !== null,
  );
  if (open?.windowId != null) {
    const focused = await browser.windows.update(open.windowId, { focused: true }).then(
      () => true,
      () => false,
    );
    if (focused) return { window: true };
  }
  const confirmation: PendingConfirmation = {
    id: crypto.randomUUID(),
    createdAt: Date.now(),
    windowId: null,
    tabId,
    target,
    shown: null,
  };
  await keep(confirmation);
  const created = await browser.windows.create({
    url: browser.runtime.getURL(`src/confirm/index.html#${confirmation.id}`),
    type: 'popup',
    focused: true,
    ...WINDOW,
  });
  await keep({ ...confirmation, windowId: created.id ?? null });
  return { window: true };
}

/** The prospect where the admin may read it (API, or a fresh load of its page), with its opt-out activities. */
async function prospectWithActivities(org: Org, target: PendingConfirmation['target'], id: string) {
  const read = await readProspectWhereAllowed({ ...target, id }, org).finally(() => closeTabsOpenedBy(id));
  // A prospect read by API has its activities read by API too (v5 visitor activities).
  if (read.prospect.source === 'api' && read.prospect.optOutActivities === undefined)
    Object.assign(
      read.prospect,
      await activitiesByApi(org, target.aeHost, target.prospectId, target.businessUnitId ?? null),
    );
  return read;
}

/** Both sides as the window shows them, and what keeps the person unmailable after the opt-in. */
function sidesShown(
  target: PendingConfirmation['target'],
  record: RecordFields,
  prospect: ProspectRead,
): Pick<ConfirmationView, 'prospect' | 'record' | 'stillUnmailable'> {
  return {
    prospect: prospectView(target.aeHost, target.prospectId, prospect),
    // The record the confirmation is for, by the id it names.
    record: { ...recordView(target.object, record), id: target.recordId },
    stillUnmailable: stillUnmailable({
      isDoNotEmail: prospect.isDoNotEmail,
      isEmailHardBounced: prospect.isEmailHardBounced || Boolean(record.pi__pardot_hard_bounced__c),
    }),
  };
}

/**
 * The pair as it is now: Salesforce by REST, the prospect by API or a fresh
 * load of its page in a background tab (closed at once). What the window
 * shows, and the clock of its expiry, start here.
 */
export async function readConfirmation(id: string): Promise<ConfirmationView> {
  const confirmation = await pending(id);
  const { target } = confirmation;
  const org = await orgForHost(target.salesforceHost);
  const [record, { prospect, frameFound }, restorations] = await Promise.all([
    org.salesforce.getRecord(target.object, target.recordId),
    prospectWithActivities(org, target, id),
    earlierRestorations(org, target.recordId),
  ]);
  const history = await optOutHistory(
    org,
    target.object,
    target.recordId,
    prospect.optOutActivities,
    prospect.emailActivities,
  );
  if (!record.Email) throw new GuardError('link-mismatch');
  const units = await businessUnitOf(org);
  const unit = units.all.find((u) => u.id === target.businessUnitId) ?? units.current;
  const settings = await settingsFor(unit ?? null, units.all.length || 1);
  const readAt = Date.now();
  const shown = { email: record.Email, readAt, expiresAt: readAt + CONFIRMATION_TTL_MS };
  // Where AE refused the admin at its host, the job writes in the app's frame found here.
  await keep({ ...confirmation, shown, target: frameFound ? { ...target, aeFrameHost: frameFound } : target });
  return {
    id,
    readAt,
    expiresAt: shown.expiresAt,
    email: record.Email,
    orgHost: target.salesforceHost,
    businessUnitName: unit?.name ?? null,
    ...sidesShown(target, record, prospect),
    advice: adviseOptIn(settings),
    recordTask: (await read('options')).recordTask ?? null,
    restorations,
    history,
  };
}

export async function cancelConfirmation(id: string): Promise<void> {
  await keep(null, id);
}

/** The window was closed: its confirmation cannot be used any more. */
export async function forgetWindow(windowId: number): Promise<void> {
  const all = (await readSession('confirmations')) ?? {};
  for (const confirmation of Object.values(all))
    if (confirmation.windowId === windowId) await keep(null, confirmation.id);
}

/** A refused confirmation is in the audit log too: for whom, why, and that nothing was written. */
export async function recordRefusal(confirmation: PendingConfirmation, reason: string, email: string, error: unknown) {
  const { target } = confirmation;
  await recordEntry({
    jobId: crypto.randomUUID(),
    at: Date.now(),
    admin: 'unknown',
    orgId: target.orgId,
    businessUnitId: target.businessUnitId,
    prospectId: target.prospectId,
    email,
    object: target.object,
    recordId: target.recordId,
    reason,
    attempts: [],
    outcome: 'refused',
    error: error instanceof GuardError ? error.code : 'internal',
    written: [],
  });
}
