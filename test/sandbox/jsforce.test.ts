/** A real, widely used Salesforce client talks to the sandbox: if it cannot, the sandbox is wrong. */
import { globalAgent } from 'node:https';
import jsforce, { type Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSandbox, startSandbox } from './server';

let running: RunningSandbox;
let conn: Connection;

beforeAll(async () => {
  running = await startSandbox({ syncIntervalMs: 0 });
  // jsforce goes through Node's global HTTPS agent: trust the sandbox's certificate there.
  globalAgent.options.ca = running.cert;
  conn = new jsforce.Connection({
    oauth2: {
      loginUrl: `https://127.0.0.1:${running.port}`,
      clientId: 'sandbox-client',
      clientSecret: 'sandbox-secret',
    },
    version: '62.0',
  });
  await conn.login('admin@sandbox.example', 'sandbox');
});
afterAll(() => running.close());

describe('jsforce against the sandbox', () => {
  it('logs in with the OAuth password flow and knows the org and user', () => {
    expect(conn.userInfo?.organizationId).toBe('00D5g000004SbOxEAK');
    expect(conn.accessToken).toMatch(/^00D5g000004SbOx!/);
  });

  it('queries, retrieves and updates a Contact', async () => {
    const result = await conn.query<{ Id: string; HasOptedOutOfEmail: boolean }>(
      "SELECT Id, HasOptedOutOfEmail FROM Contact WHERE Email = 'aiko.tanaka@sandbox.example'",
    );
    expect(result.totalSize).toBe(1);
    const id = result.records[0]?.Id as string;
    const record = await conn.sobject('Contact').retrieve(id);
    expect(record).toMatchObject({ Id: id, HasOptedOutOfEmail: true });
    const saved = await conn.sobject('Contact').update({ Id: id, HasOptedOutOfEmail: false });
    expect(saved).toMatchObject({ id, success: true });
    expect((await conn.sobject('Contact').retrieve(id)).HasOptedOutOfEmail).toBe(false);
  });

  it('sees Salesforce-shaped errors for a bad field and a missing record', async () => {
    await expect(conn.query('SELECT Nope FROM Contact')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
    await expect(conn.sobject('Contact').retrieve('0035g0000000999')).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});
