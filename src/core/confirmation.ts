/**
 * A confirmation of one opt-in, as the worker keeps it between the page's
 * request and the admin's decision in the extension's own window, and the
 * rule that says when it may still be used.
 */
import { sameEmail } from './confirmed-pair';
import type { JobTarget } from './job';

/** How long what the window shows may be confirmed: after it, the admin reads the pair again. */
export const CONFIRMATION_TTL_MS = 5 * 60_000;

export interface PendingConfirmation {
  id: string;
  createdAt: number;
  windowId: number | null;
  /** The tab whose panel offered it: told at once when the job starts (its page may show another record of the pair, as a person account's Account page does). */
  tabId: number | null;
  /** Everything a job needs but the email, fixed when the admin asked from the page. */
  target: Omit<JobTarget, 'email'>;
  /** What the window showed, once the worker read it; the Confirm must come before `expiresAt`. */
  shown: { email: string; readAt: number; expiresAt: number } | null;
}

/**
 * Why a Confirm must be refused, or null: the pair was never read for the
 * window, the confirmation expired, or the email confirmed is not the one
 * the window showed.
 */
export function confirmationRefusal(
  confirmation: Pick<PendingConfirmation, 'shown'>,
  email: string,
  now: number,
): 'confirmation-expired' | 'link-mismatch' | null {
  const { shown } = confirmation;
  if (!shown || now > shown.expiresAt) return 'confirmation-expired';
  if (!sameEmail(shown.email, email)) return 'link-mismatch';
  return null;
}

/** Two confirmations of the same pair share one window. */
export const samePairTarget = (a: PendingConfirmation['target'], b: PendingConfirmation['target']): boolean =>
  a.salesforceHost === b.salesforceHost &&
  a.recordId === b.recordId &&
  a.aeHost === b.aeHost &&
  a.prospectId === b.prospectId;
