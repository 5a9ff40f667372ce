/**
 * Whether what a read shows now is still the pair, and the email, the admin
 * confirmed: asked before a job starts, by its preflight, and by the page
 * writer before it saves. One rule for empty values everywhere: an email
 * that is empty never passes; a part a read could not show proves nothing
 * and is left out.
 */
import { backLinkOf } from './links';
import { sameRecordId } from './salesforce-id';

/** The pair and email as the admin confirmed them. */
export interface ConfirmedPair {
  email: string;
  recordId: string;
  aeHost: string;
  prospectId: number;
}

/**
 * What a read shows now. A part left out was not read there; a part given as
 * null or empty was read and is empty.
 */
export interface PairNow {
  /** The Salesforce record's Email. */
  recordEmail?: string | null;
  /** The prospect's email. */
  prospectEmail?: string | null;
  /** The Lead or Contact id the prospect links to (15 or 18 characters). */
  prospectCrmId?: string | null;
  /** The record's link back to its prospect (`pi__url__c`): one naming another prospect is a mismatch. */
  recordBackLink?: string | null;
}

/** Two email addresses are the same one, whatever their case; an empty one is no address. */
export function sameEmail(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a?.trim()) && a?.trim().toLowerCase() === b?.trim().toLowerCase();
}

/**
 * Why what a read shows is not the confirmed pair, or null where it is:
 * `not-linked` when the prospect links to no record, `link-mismatch` when
 * it links elsewhere, the record's back-link names another prospect, or an
 * email read is not the one confirmed (or is empty).
 */
export function pairRefusal(confirmed: ConfirmedPair, now: PairNow): 'not-linked' | 'link-mismatch' | null {
  if (!confirmed.email.trim()) return 'link-mismatch';
  if (now.prospectCrmId !== undefined && !now.prospectCrmId?.trim()) return 'not-linked';
  if (now.prospectCrmId && !sameRecordId(now.prospectCrmId, confirmed.recordId)) return 'link-mismatch';
  // An empty or unreadable back-link proves nothing: the prospect's own CRM id decides.
  const back = backLinkOf(now.recordBackLink);
  if (back.kind === 'prospect' && (back.prospectId !== confirmed.prospectId || back.aeHost !== confirmed.aeHost))
    return 'link-mismatch';
  for (const email of [now.recordEmail, now.prospectEmail])
    if (email !== undefined && !sameEmail(email, confirmed.email)) return 'link-mismatch';
  return null;
}
