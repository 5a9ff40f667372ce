/**
 * The links that tie a prospect and its Lead/Contact together, read from
 * what each side shows: a record's `pi__url__c` back to the prospect, and a
 * prospect page's link to the record in Salesforce.
 */
import { isSalesforceHost, unproxiedHost } from './hosts';
import { detectPage } from './page-detect';
import { PATHS } from './page-paths';
import { objectOfId, type SalesforceObject, toId18 } from './salesforce-id';

export type BackLink =
  | { kind: 'prospect'; aeHost: string; prospectId: number }
  /** The field is empty: the record is not linked, as far as Salesforce says. */
  | { kind: 'none' }
  /** Something is there that is not a prospect URL we can read: it proves nothing either way. */
  | { kind: 'unknown' };

/**
 * The prospect a record's `pi__url__c` (on a person account, `pi__url__pc`) points to. Account Engagement writes it
 * with `http://` (public scripts that read it split on
 * `http://pi.pardot.com/prospect/read?id=`), so both schemes are accepted
 * here, though the page detector itself refuses `http://` pages.
 */
export function backLinkOf(value: string | null | undefined): BackLink {
  const text = value?.trim();
  if (!text) return { kind: 'none' };
  const https = text.replace(/^http:\/\//i, 'https://');
  const page = detectPage(https);
  // A link through Defender for Cloud Apps' proxy still names AE's own host.
  return page?.kind === 'ae-prospect'
    ? { kind: 'prospect', aeHost: unproxiedHost(page.host), prospectId: page.prospectId }
    : { kind: 'unknown' };
}

export interface RecordLink {
  /** The Salesforce host the link goes to: it names the org the prospect syncs with. */
  host: string;
  object: SalesforceObject;
  /** 18 characters. */
  recordId: string;
}

/**
 * A Lead or Contact that a link on a page points to, in any of the forms
 * Salesforce uses (`/003…`, `/lightning/r/Contact/003…/view`, `?id=003…`),
 * on a Salesforce host. An 18-character id must carry a valid checksum.
 */
export function recordLinkOf(href: string, base?: string): RecordLink | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || !isSalesforceHost(url.hostname)) return null;
  const candidates = [
    // The record paths the page detectors know (page-paths.ts), a Classic one with or without its slash.
    PATHS.lightningRecord.exec(url.pathname)?.[2],
    PATHS.classicRecord.exec(url.pathname.replace(/(.)\/$/, '$1'))?.[1],
    url.searchParams.get('id') ?? undefined,
  ];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const object = objectOfId(candidate);
    const recordId = toId18(candidate);
    // An Account link on a prospect page is its prospect account (the company), never the record it
    // syncs with: a person account's prospect shows its person contact's id (003).
    if (object && object !== 'Account' && recordId) return { host: url.hostname, object, recordId };
  }
  return null;
}
