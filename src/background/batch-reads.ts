/**
 * The preview's Salesforce reads, in bulk: one SOQL query per object for many
 * rows at once (`Email IN (…)`, `Id IN (…)`), split so each GET stays under
 * ~16,000 characters of URL (Salesforce REST API Developer Guide, "Query":
 * the URI limit of 16,384 characters). Read only: nothing here writes.
 */
import type { Candidate, ListRow } from '../core/batch';
import { GuardError } from '../core/errors';
import { backLinkOf } from '../core/links';
import { type SalesforceObject, toId18 } from '../core/salesforce-id';

const LIST_OBJECTS = ['Lead', 'Contact'] as const;

import type { SalesforceClient } from './salesforce-rest';

const MAX_QUERY_CHARS = 15_000;
const FIELDS = 'Id, Email, HasOptedOutOfEmail, pi__url__c, pi__pardot_hard_bounced__c';
/** An org without the Account Engagement package has no pi__ fields: nothing there is linked. */
const PLAIN_FIELDS = 'Id, Email, HasOptedOutOfEmail';

interface Found {
  Id: string;
  Email: string | null;
  HasOptedOutOfEmail: boolean;
  pi__url__c?: string | null;
  pi__pardot_hard_bounced__c?: boolean | null;
}

const literal = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** `values` in groups whose IN (…) list keeps the encoded query under the URL budget. */
export function inChunks(prefix: string, values: readonly string[]): string[] {
  const queries: string[] = [];
  let chunk: string[] = [];
  const query = (items: string[]) => `${prefix} IN (${items.join(', ')})`;
  for (const value of values.map(literal)) {
    if (chunk.length && encodeURIComponent(query([...chunk, value])).length > MAX_QUERY_CHARS) {
      queries.push(query(chunk));
      chunk = [];
    }
    chunk.push(value);
  }
  if (chunk.length) queries.push(query(chunk));
  return queries;
}

async function select(client: SalesforceClient, object: SalesforceObject, field: string, values: string[]) {
  const run = async (fields: string) => {
    const found: Found[] = [];
    for (const soql of inChunks(`SELECT ${fields} FROM ${object} WHERE ${field}`, values))
      found.push(...(await client.query<Found>(soql)));
    return found;
  };
  try {
    return await run(FIELDS);
  } catch (error) {
    if (error instanceof GuardError && error.code === 'field-not-writable') return run(PLAIN_FIELDS);
    throw error;
  }
}

function candidateOf(object: SalesforceObject, found: Found): Candidate {
  const link = backLinkOf(found.pi__url__c);
  return {
    object,
    recordId: toId18(found.Id) ?? found.Id,
    email: found.Email,
    hasOptedOutOfEmail: found.HasOptedOutOfEmail,
    hardBounced: found.pi__pardot_hard_bounced__c ?? null,
    prospectId: link.kind === 'prospect' ? link.prospectId : null,
    aeHost: link.kind === 'prospect' ? link.aeHost : null,
  };
}

/**
 * Every Lead and Contact each row names: by record id where it gives one,
 * else by email (all of them: an email can match several records). Returns
 * the candidates per row, in the rows' order, and the number of calls made.
 */
export async function resolveRows(
  client: SalesforceClient,
  rows: readonly ListRow[],
): Promise<{ candidates: Candidate[][]; calls: number }> {
  const emails = [...new Set(rows.filter((r) => !r.recordId && r.email).map((r) => r.email as string))];
  const byEmail = new Map<string, Candidate[]>();
  const byId = new Map<string, Candidate>();
  let calls = 0;
  // A list names Leads and Contacts (a person account's person contact is a Contact): never Account.
  for (const object of LIST_OBJECTS) {
    const ids = rows.filter((r) => r.recordId && r.object === object).map((r) => r.recordId as string);
    if (ids.length) {
      const found = await select(client, object, 'Id', ids);
      calls += inChunks('', ids).length;
      for (const record of found) byId.set(toId18(record.Id) ?? record.Id, candidateOf(object, record));
    }
    if (emails.length) {
      const found = await select(client, object, 'Email', emails);
      calls += inChunks('', emails).length;
      for (const record of found) {
        const key = record.Email?.toLowerCase() ?? '';
        byEmail.set(key, [...(byEmail.get(key) ?? []), candidateOf(object, record)]);
      }
    }
  }
  const candidates = rows.map((row) => {
    if (row.recordId) {
      const found = byId.get(row.recordId);
      return found ? [found] : [];
    }
    return row.email ? (byEmail.get(row.email) ?? []) : [];
  });
  return { candidates, calls };
}
