/**
 * Two lines of "Check this org" about Email Opt Out's field history (src/core/org-check.ts):
 * - `history-tracked`: is Field History Tracking on for the field (FieldDefinition's
 *   `IsFieldHistoryTracked`)? Without it the extension cannot say who checked it, and the "most
 *   recently updated field" sync behaviour cannot work.
 * - `other-writers`: how many users other than the connector's changed it in the last 30 days (a sign
 *   of another email tool or automation writing the field: the field is not exclusive to Account
 *   Engagement). Counts only: the report holds no names.
 */
import type { CheckLine, CheckNote } from '../core/org-check';
import { isConnectorUser } from './history';
import type { Org } from './org';

interface WriterRow {
  CreatedById?: string;
  CreatedBy?: { Name?: string; Username?: string } | null;
}

const others = (n: number): CheckNote => (n === 1 ? '1 other user' : `${n} other users`);

export async function historyLines(org: Org, object: 'Lead' | 'Contact'): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const tracked = await org.salesforce
    .query<{ IsFieldHistoryTracked?: boolean }>(
      `SELECT IsFieldHistoryTracked FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = '${object}' AND QualifiedApiName = 'HasOptedOutOfEmail'`,
    )
    .then((rows) => rows[0]?.IsFieldHistoryTracked ?? null)
    .catch(() => null);
  if (tracked === true) lines.push({ id: 'history-tracked', result: 'passed', note: object });
  else if (tracked === false) lines.push({ id: 'history-tracked', result: 'failed', note: object });
  if (tracked !== true) return lines;
  const writers = await org.salesforce
    .query<WriterRow>(
      `SELECT CreatedById, CreatedBy.Name, CreatedBy.Username FROM ${object}History WHERE Field = 'HasOptedOutOfEmail' AND CreatedDate = LAST_N_DAYS:30 LIMIT 2000`,
    )
    .catch(() => null);
  if (!writers) return lines;
  const ids = new Set(
    writers
      .filter((row) => !isConnectorUser(row.CreatedBy?.Username ?? '', row.CreatedBy?.Name ?? ''))
      .map((row) => row.CreatedById ?? ''),
  );
  // The admins who opt people in by hand or with this extension change it too: more than one other is the sign.
  lines.push({ id: 'other-writers', result: ids.size > 1 ? 'failed' : 'passed', note: others(ids.size) });
  return lines;
}
