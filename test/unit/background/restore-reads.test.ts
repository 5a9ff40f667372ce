/** The preview's Salesforce reads: a few bulk queries for a whole list, each GET under the URL limit. */
import { describe, expect, it } from 'vitest';
import { inChunks, resolveRows } from '../../../src/background/batch-reads';
import type { SalesforceClient } from '../../../src/background/salesforce-rest';
import type { ListRow } from '../../../src/core/batch';

const rowOf = (i: number): ListRow => ({
  line: i + 2,
  email: `person.number${i}@customer-example.co.jp`,
  prospectId: null,
  recordId: null,
  object: null,
  evidence: 'asked',
  evidenceAt: null,
});

/** A client that answers every query with the Contacts whose emails it names (one twice: a duplicate in the org). */
function fakeClient() {
  const queries: string[] = [];
  const client = {
    query: async (soql: string) => {
      queries.push(soql);
      if (!soql.includes('FROM Contact')) return [];
      const emails = [...soql.matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
      return emails.flatMap((email, i) => {
        const record = (n: number) => ({
          Id: `0035g00000${String(i * 2 + n).padStart(5, '0')}`,
          Email: email,
          HasOptedOutOfEmail: true,
          pi__url__c: `http://pi.pardot.com/prospect/read?id=${1000 + i}`,
        });
        return email.startsWith('person.number7@') ? [record(0), record(1)] : [record(0)];
      });
    },
  };
  return { client: client as unknown as SalesforceClient, queries };
}

describe('bulk reads for the preview', () => {
  it('reads 500 rows in at most 0.05 Salesforce calls per row, each URL under 16,000 characters', async () => {
    const { client, queries } = fakeClient();
    const rows = Array.from({ length: 500 }, (_, i) => rowOf(i));
    const { candidates, calls } = await resolveRows(client, rows);
    expect(calls).toBe(queries.length);
    expect(calls / rows.length).toBeLessThanOrEqual(0.05);
    for (const soql of queries)
      expect(`/services/data/v62.0/query?q=${encodeURIComponent(soql)}`.length).toBeLessThan(16_000);
    expect(candidates[0]).toHaveLength(1);
    // An email that matches two records lists both.
    expect(candidates[7]).toHaveLength(2);
  });

  it('quotes what it puts in SOQL, so an email cannot end the string', () => {
    expect(inChunks('SELECT Id FROM Contact WHERE Email', ["o'brien@example.com"])).toEqual([
      "SELECT Id FROM Contact WHERE Email IN ('o\\'brien@example.com')",
    ]);
  });
});
