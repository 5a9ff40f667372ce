/**
 * Two org-wide questions about Email Opt Out's field history, as "Check this org" asks them:
 *
 * - Is it tracked? `SELECT IsFieldHistoryTracked FROM FieldDefinition WHERE
 *   EntityDefinition.QualifiedApiName = 'Contact' AND QualifiedApiName = 'HasOptedOutOfEmail'`
 *   (Object Reference / Tooling API, "FieldDefinition" (https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_fielddefinition.htm): `IsFieldHistoryTracked`; FieldDefinition is
 *   queryable by the REST query resource since API 45.0). Answered from the switch
 *   `emailOptOutHistoryTracked`.
 * - Who changed it lately? `SELECT CreatedById, CreatedBy.Name, CreatedBy.Username FROM
 *   ContactHistory WHERE Field = 'HasOptedOutOfEmail' AND CreatedDate = LAST_N_DAYS:30 [LIMIT n]`
 *   (LeadHistory likewise; "SOQL and SOSL Reference", date literals: LAST_N_DAYS:n).
 *
 * Any other shape is refused as malformed rather than guessed at.
 */
import { type Exchange, sendJson } from './http';
import { INTEGRATION_USER, type Org } from './model';
import type { Sandbox } from './sandbox';

const DAY_MS = 86_400_000;

function malformed(x: Exchange) {
  sendJson(x.res, 400, [{ message: 'unexpected token in query', errorCode: 'MALFORMED_QUERY' }]);
}

export function fieldDefinitionQuery(sandbox: Sandbox, x: Exchange, soql: string) {
  const match =
    /^\s*SELECT\s+IsFieldHistoryTracked\s+FROM\s+FieldDefinition\s+WHERE\s+EntityDefinition\.QualifiedApiName\s*=\s*'(Contact|Lead)'\s+AND\s+QualifiedApiName\s*=\s*'HasOptedOutOfEmail'\s*$/i.exec(
      soql,
    );
  if (!match) return malformed(x);
  sendJson(x.res, 200, {
    totalSize: 1,
    done: true,
    records: [
      { attributes: { type: 'FieldDefinition' }, IsFieldHistoryTracked: sandbox.config.emailOptOutHistoryTracked },
    ],
  });
}

/** Whether a query asks the org-wide history (no record named), which `orgHistoryQuery` answers. */
export const isOrgHistoryQuery = (soql: string) =>
  /\bFROM\s+(Contact|Lead)History\b/i.test(soql) && !/\b(ContactId|LeadId)\s*=/i.test(soql);

export function orgHistoryQuery(sandbox: Sandbox, x: Exchange, org: Org, soql: string) {
  const match =
    /^\s*SELECT\s+CreatedById\s*,\s*CreatedBy\.Name\s*,\s*CreatedBy\.Username\s+FROM\s+(Contact|Lead)History\s+WHERE\s+Field\s*=\s*'HasOptedOutOfEmail'\s+AND\s+CreatedDate\s*=\s*LAST_N_DAYS:(\d+)(?:\s+LIMIT\s+(\d+))?\s*$/i.exec(
      soql,
    );
  if (!match) return malformed(x);
  const object = (match[1] as string).toLowerCase() === 'contact' ? 'Contact' : 'Lead';
  const since = sandbox.now() - Number(match[2]) * DAY_MS;
  const toIso = (created: string) => created.replace(/\+0000$/, 'Z');
  let rows = org.fieldHistory.filter(
    (row) => row.object === object && row.Field === 'HasOptedOutOfEmail' && Date.parse(toIso(row.CreatedDate)) >= since,
  );
  if (match[3]) rows = rows.slice(0, Number(match[3]));
  const who = (id: string) =>
    [...org.users, INTEGRATION_USER].find((user) => user.id === id) ?? { name: id, username: id };
  const records = rows.map((row) => ({
    attributes: { type: `${object}History` },
    CreatedById: row.CreatedById,
    CreatedBy: {
      attributes: { type: 'User' },
      Name: who(row.CreatedById).name,
      Username: who(row.CreatedById).username,
    },
  }));
  sendJson(x.res, 200, { totalSize: records.length, done: true, records });
}
