/**
 * The connector's sync of the Opted Out ⇄ Email Opt Out pair, as
 * docs/account-engagement.md ("The sync of Opted Out ⇄ Email Opt Out")
 * describes it. This is the oracle the product's own advisor is judged
 * against, so it is written from the description, not from src/.
 */
import {
  type BusinessUnit,
  linkedRecord,
  type Org,
  type Prospect,
  type SalesforceRecord,
  salesforceTime,
} from './model';

type Side = 'ae' | 'salesforce';

export interface SyncDecision {
  prospectId: number;
  recordId: string;
  before: { optedOut: boolean; HasOptedOutOfEmail: boolean };
  after: boolean;
  winner: Side;
  reason: string;
  wrote: Side[];
}

/** A side's value as the connector sees it: with the option off a false is just blank. */
function seen(value: boolean, bu: BusinessUnit): boolean | 'blank' {
  if (value) return true;
  return bu.overwriteOptedOut ? false : 'blank';
}

function preferredSide(bu: BusinessUnit, prospect: Prospect, record: SalesforceRecord): { side: Side; why: string } {
  switch (bu.optedOutSyncBehavior) {
    case 'ae':
      return { side: 'ae', why: "uses Account Engagement's value" };
    case 'salesforce':
      return { side: 'salesforce', why: "uses Salesforce's value" };
    case 'most-recent-field': {
      const ae = Date.parse(prospect.optedOutUpdatedAt);
      const sf = Date.parse(record.emailOptOutChangedAt);
      return ae > sf
        ? { side: 'ae', why: 'Opted Out changed most recently' }
        : { side: 'salesforce', why: 'Email Opt Out changed most recently' };
    }
    default: {
      const ae = Date.parse(prospect.updatedAt);
      const sf = Date.parse(record.LastModifiedDate);
      return ae > sf
        ? { side: 'ae', why: 'the prospect was updated most recently' }
        : { side: 'salesforce', why: 'the Salesforce record was updated most recently' };
    }
  }
}

function decide(bu: BusinessUnit, prospect: Prospect, record: SalesforceRecord) {
  const values = {
    ae: seen(prospect.optedOut, bu),
    salesforce: seen(record.HasOptedOutOfEmail, bu),
  };
  const preferred = preferredSide(bu, prospect, record);
  const other: Side = preferred.side === 'salesforce' ? 'ae' : 'salesforce';
  let winner = preferred.side;
  let reason = preferred.why;
  if (values[winner] === 'blank' && values[other] !== 'blank') {
    winner = other;
    reason = `${reason}, but its value is blank and cannot overwrite`;
  }
  return { winner, reason, value: values[winner] === true };
}

function pairChanged(prospect: Prospect, record: SalesforceRecord): boolean {
  if (!prospect.salesforceLastSync) return true;
  const last = Date.parse(prospect.salesforceLastSync);
  return Date.parse(prospect.updatedAt) > last || Date.parse(record.LastModifiedDate) > last;
}

/** One connector pass over a business unit. Writes only the Opted Out pair and the sync time. */
export function syncPass(org: Org, bu: BusinessUnit, now: number): SyncDecision[] {
  const decisions: SyncDecision[] = [];
  const nowIso = new Date(now).toISOString();
  for (const prospect of org.prospects.values()) {
    if (prospect.businessUnitId !== bu.id || prospect.isDeleted) continue;
    const record = linkedRecord(org, prospect);
    if (!record || record.IsDeleted || !pairChanged(prospect, record)) continue;
    if (bu.optedOutMapped) {
      const before = { optedOut: prospect.optedOut, HasOptedOutOfEmail: record.HasOptedOutOfEmail };
      const { winner, reason, value } = decide(bu, prospect, record);
      const wrote: Side[] = [];
      if (prospect.optedOut !== value) {
        prospect.optedOut = value;
        prospect.optedOutUpdatedAt = nowIso;
        prospect.updatedAt = nowIso;
        wrote.push('ae');
      }
      if (record.HasOptedOutOfEmail !== value) {
        record.HasOptedOutOfEmail = value;
        record.emailOptOutChangedAt = nowIso;
        record.LastModifiedDate = salesforceTime(now);
        wrote.push('salesforce');
      }
      decisions.push({ prospectId: prospect.id, recordId: record.Id, before, after: value, winner, reason, wrote });
    }
    prospect.salesforceLastSync = nowIso;
  }
  return decisions;
}
