/** What Restore a list reads in bulk: SOQL `IN (…)` lists and the org's daily API allowance. */
import { describe, expect, it } from 'vitest';
import { browserSession, call, configure, useSandbox } from './client';

const sb = useSandbox(async (running) => ({ sid: await browserSession(running) }));

const rest = (path: string) =>
  call(sb.running, {
    method: 'GET',
    path: `/services/data/v62.0/${path}`,
    headers: { authorization: `Bearer ${sb.session.sid}` },
  });
const soql = (query: string) => rest(`query?q=${encodeURIComponent(query)}`);

describe('bulk reads', () => {
  it('answers Email IN (…) for every record with one of the emails, in any case', async () => {
    const reply = await soql(
      "SELECT Id, Email, HasOptedOutOfEmail FROM Contact WHERE Email IN ('SHARED@sandbox.example', 'nobody@example.com')",
    );
    expect(reply.json).toMatchObject({ totalSize: 1, records: [{ Email: 'shared@sandbox.example' }] });
  });

  it('answers Id IN (…) with 15- or 18-character ids', async () => {
    const ids = [...sb.running.sandbox.org.records.values()].filter((r) => r.object === 'Lead').map((r) => r.Id);
    const reply = await soql(`SELECT Id FROM Lead WHERE Id IN ('${ids[0]?.slice(0, 15)}', '${ids[1]}')`);
    expect((reply.json as { records: { Id: string }[] }).records.map((r) => r.Id).sort()).toEqual(
      [ids[0], ids[1]].sort(),
    );
  });

  it('refuses what it does not parse, as MALFORMED_QUERY', async () => {
    expect((await soql("SELECT Id FROM Contact WHERE Email IN ('a@example.com'")).json).toEqual([
      expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }),
    ]);
    expect((await soql('SELECT Id FROM Contact WHERE Email IN ()')).json).toEqual([
      expect.objectContaining({ errorCode: 'MALFORMED_QUERY' }),
    ]);
  });
});

describe('limits', () => {
  it('counts the daily allowance down with each REST call', async () => {
    await configure(sb.running, { sfDailyLimit: 1_000 });
    const first = (await rest('limits')).json as { DailyApiRequests: { Max: number; Remaining: number } };
    await rest('sobjects');
    const second = (await rest('limits')).json as { DailyApiRequests: { Max: number; Remaining: number } };
    expect(first.DailyApiRequests.Max).toBe(1_000);
    expect(second.DailyApiRequests.Remaining).toBe(first.DailyApiRequests.Remaining - 2);
  });
});

describe('a batch incident', () => {
  it('opts N linked pairs out on both sides, as after the unsubscribe link and the next sync', async () => {
    const reply = await call(sb.running, { method: 'POST', path: '/__sandbox/incident', body: { count: 3 } });
    const { prospectIds } = reply.json as { prospectIds: number[] };
    expect(prospectIds).toHaveLength(3);
    for (const id of prospectIds) {
      const prospect = sb.running.sandbox.org.prospects.get(id);
      const record = sb.running.sandbox.org.records.get(
        prospect?.salesforceContactId ?? prospect?.salesforceLeadId ?? '',
      );
      expect(prospect?.optedOut).toBe(true);
      expect(record?.HasOptedOutOfEmail).toBe(true);
    }
  });
});
