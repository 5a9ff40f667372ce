/** The sandbox's Tasks answer as Salesforce REST does: creation on a Lead/Contact, and the one query shape. */
import { describe, expect, it } from 'vitest';
import { browserSession, call, useSandbox } from './client';
import { tasksOf } from './tasks';

const sb = useSandbox(browserSession);

const CONTACT = () => [...sb.running.sandbox.org.records.values()].find((r) => r.object === 'Contact')?.Id as string;

const rest = (path: string, init: { method?: string; body?: object } = {}) =>
  call(sb.running, {
    method: init.method ?? 'GET',
    path: `/services/data/v62.0/${path}`,
    headers: { authorization: `Bearer ${sb.session}` },
    body: init.body,
  });

const query = (soql: string) => rest(`query?q=${encodeURIComponent(soql)}`);

describe('Task', () => {
  it('creates a completed Task on a Contact: 201 with its 00T id, logged as a write of a Task by the session user', async () => {
    const reply = await rest('sobjects/Task', {
      method: 'POST',
      body: {
        WhoId: CONTACT(),
        Status: 'Completed',
        Subject: 'Opt-Out Sync Guard: x',
        Description: 'why',
        ActivityDate: '2026-11-28',
      },
    });
    expect(reply.status).toBe(201);
    const body = reply.json as { id: string; success: boolean; errors: unknown[] };
    expect(body).toMatchObject({ success: true, errors: [] });
    expect(body.id).toMatch(/^00T[a-zA-Z0-9]{15}$/);
    expect(tasksOf(sb.running.sandbox.org)).toHaveLength(1);
    const logged = sb.running.sandbox.log.find((entry) => entry.wrote?.object === 'Task');
    expect(logged).toMatchObject({ actor: 'admin@sandbox.example', wrote: { id: body.id } });
  });

  it('refuses a field Task does not have, a WhoId that is no Lead or Contact, and a status outside the picklist', async () => {
    const bad = async (body: object) => (await rest('sobjects/Task', { method: 'POST', body })).status;
    expect(await bad({ WhoId: CONTACT(), Status: 'Completed', HasOptedOutOfEmail: false })).toBe(400);
    expect(await bad({ WhoId: '0015g00000AbCdEAAV', Status: 'Completed' })).toBe(400);
    expect(await bad({ WhoId: CONTACT(), Status: 'Done' })).toBe(400);
    expect(tasksOf(sb.running.sandbox.org)).toEqual([]);
  });

  it('answers the query for a record’s Tasks by subject, with the creator’s name nested', async () => {
    for (const subject of ['Opt-Out Sync Guard: first', 'Call back', 'オプトアウト同期ガード：二回目']) {
      await rest('sobjects/Task', {
        method: 'POST',
        body: { WhoId: CONTACT(), Status: 'Completed', Subject: subject },
      });
    }
    const reply = await query(
      `SELECT Id, Subject, CreatedDate, CreatedBy.Name FROM Task WHERE WhoId = '${CONTACT()}' AND (Subject LIKE 'Opt-Out Sync Guard%' OR Subject LIKE 'オプトアウト同期ガード%') ORDER BY CreatedDate DESC LIMIT 10`,
    );
    expect(reply.status).toBe(200);
    const records = (reply.json as { records: { Subject: string; CreatedBy: { Name: string } }[] }).records;
    expect(records.map((r) => r.Subject).sort()).toEqual([
      'Opt-Out Sync Guard: first',
      'オプトアウト同期ガード：二回目',
    ]);
    expect(records[0]?.CreatedBy.Name).toBe('Sandbox Admin');
    expect((await query('SELECT Id FROM Task')).status).toBe(400);
  });
});
