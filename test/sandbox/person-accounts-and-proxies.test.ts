/**
 * The sandbox's person accounts and Defender for Cloud Apps' session proxy answer as the public
 * evidence named in test/sandbox/person-accounts.ts and test/sandbox/defender-proxy.ts says.
 */
import { describe, expect, it } from 'vitest';
import { browserSession, call, configure, useSandbox } from './client';
import { BUSINESS_ACCOUNT_ID } from './model';

const sb = useSandbox(async (running) => ({ sid: await browserSession(running) }));

const rest = (path: string, init: { method?: string; body?: object; host?: string; auth?: string } = {}) =>
  call(sb.running, {
    ...(init.host ? { host: init.host } : {}),
    method: init.method ?? 'GET',
    path: `/services/data/v62.0/${path}`,
    headers: { authorization: `Bearer ${init.auth ?? sb.session.sid}` },
    body: init.body,
  });
const soql = (query: string) => rest(`query?q=${encodeURIComponent(query)}`);
const contactOf = (prospectId: number) =>
  sb.running.sandbox.org.prospects.get(prospectId)?.salesforceContactId as string;

describe('person accounts', () => {
  it('do not exist in an org without them: every person field is an unknown column', async () => {
    const query = await soql(`SELECT Id FROM Account WHERE PersonContactId = '${contactOf(1001)}'`);
    expect(query.status).toBe(400);
    expect(query.json).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD' })]);
    const read = await rest(`sobjects/Account/${BUSINESS_ACCOUNT_ID}?fields=Id,IsPersonAccount`);
    expect(read.status).toBe(400);
    expect(() => sb.running.sandbox.makePersonAccount(1001)).toThrow();
  });

  it('show the person contact on the Account with the Person prefix and __pc suffix, found by PersonContactId', async () => {
    await configure(sb.running, { personAccounts: true });
    const accountId = sb.running.sandbox.makePersonAccount(1001);
    const contact = sb.running.sandbox.org.records.get(contactOf(1001));
    const query = await soql(`SELECT Id FROM Account WHERE PersonContactId = '${contactOf(1001)}'`);
    expect(query.json).toMatchObject({ totalSize: 1, records: [{ Id: accountId }] });
    const fields = 'Id,IsPersonAccount,PersonContactId,PersonEmail,PersonHasOptedOutOfEmail,pi__url__pc';
    const read = await rest(`sobjects/Account/${accountId}?fields=${fields}`);
    expect(read.json).toMatchObject({
      Id: accountId,
      IsPersonAccount: true,
      PersonContactId: contact?.Id,
      PersonEmail: contact?.Email,
      PersonHasOptedOutOfEmail: true,
      pi__url__pc: 'http://pi.pardot.com/prospect/read?id=1001',
    });
    const business = await rest(`sobjects/Account/${BUSINESS_ACCOUNT_ID}?fields=Id,IsPersonAccount,PersonContactId`);
    expect(business.json).toMatchObject({ IsPersonAccount: false, PersonContactId: null });
  });

  it('are written through the Account; the person contact refuses a write through Contact', async () => {
    await configure(sb.running, { personAccounts: true });
    const accountId = sb.running.sandbox.makePersonAccount(1001);
    const throughContact = await rest(`sobjects/Contact/${contactOf(1001)}`, {
      method: 'PATCH',
      body: { HasOptedOutOfEmail: false },
    });
    expect(throughContact.status).toBe(400);
    expect(throughContact.json).toEqual([expect.objectContaining({ errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' })]);
    const name = await rest(`sobjects/Account/${accountId}`, { method: 'PATCH', body: { Name: 'New Name' } });
    expect(name.json).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE' })]);
    const write = await rest(`sobjects/Account/${accountId}`, {
      method: 'PATCH',
      body: { PersonHasOptedOutOfEmail: false },
    });
    expect(write.status).toBe(204);
    expect(sb.running.sandbox.org.records.get(contactOf(1001))?.HasOptedOutOfEmail).toBe(false);
    // The person contact reads the same through Contact.
    const read = await rest(`sobjects/Contact/${contactOf(1001)}?fields=HasOptedOutOfEmail`);
    expect(read.json).toMatchObject({ HasOptedOutOfEmail: false });
  });

  it.each([
    ['PersonHasOptedOutOfEmail', 'PersonHasOptedOutOfEmail'],
    ['HasOptedOutOfEmail', 'HasOptedOutOfEmail'],
  ] as const)(
    'keep their Email Opt Out changes in AccountHistory (Field %s), none in ContactHistory',
    async (_name, field) => {
      await configure(sb.running, { personAccounts: true, personAccountHistoryField: field });
      const accountId = sb.running.sandbox.makePersonAccount(1001);
      const write = await rest(`sobjects/Account/${accountId}`, {
        method: 'PATCH',
        body: { PersonHasOptedOutOfEmail: false },
      });
      expect(write.status).toBe(204);
      const account = await soql(
        `SELECT Field, OldValue, NewValue, CreatedBy.Name FROM AccountHistory WHERE AccountId = '${accountId}' ORDER BY CreatedDate DESC`,
      );
      expect(account.json).toMatchObject({
        totalSize: 1,
        records: [{ Field: field, OldValue: true, NewValue: false, CreatedBy: { Name: 'Sandbox Admin' } }],
      });
      const contact = await soql(
        `SELECT Field FROM ContactHistory WHERE ContactId = '${contactOf(1001)}' AND Field = 'HasOptedOutOfEmail'`,
      );
      expect(contact.json).toMatchObject({ totalSize: 0 });
    },
  );

  it('lets the person contact be written through Contact where that switch allows it', async () => {
    await configure(sb.running, { personAccounts: true, personContactWrite: 'allowed' });
    sb.running.sandbox.makePersonAccount(1001);
    const write = await rest(`sobjects/Contact/${contactOf(1001)}`, {
      method: 'PATCH',
      body: { HasOptedOutOfEmail: false },
    });
    expect(write.status).toBe(204);
  });
});

describe("Defender for Cloud Apps' session proxy", () => {
  const PROXIED = 'sandbox.my.salesforce.com.mcas.ms';
  /** A Lightning page through the proxy, signed in there. */
  async function lightningShell() {
    const host = 'sandbox.lightning.force.com.mcas.ms';
    const login = await call(sb.running, { host, path: '/__sandbox/login' });
    const sid = /sid=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? '';
    return call(sb.running, { host, path: '/lightning/page/home', headers: { cookie: `sid=${sid}` } });
  }

  it('is not there unless the org is behind it', async () => {
    expect((await call(sb.running, { host: PROXIED, path: '/' })).status).toBe(404);
  });

  it('gives the browser an encrypted session of its own, which REST through the proxy does not take', async () => {
    await configure(sb.running, { defenderProxy: 'encrypted-session' });
    const login = await call(sb.running, { host: PROXIED, path: '/__sandbox/login' });
    const cookie = String(login.headers['set-cookie']);
    const value = /sid=([^;]+)/.exec(cookie)?.[1] ?? '';
    expect(value).not.toMatch(/^00D/);
    expect((await rest('sobjects/Contact/describe', { host: PROXIED, auth: value })).status).toBe(401);
    // A page, through the proxy, is signed in with it (and not without it).
    const path = `/${contactOf(1001).slice(0, 15)}`;
    const signedIn = await call(sb.running, { host: PROXIED, path, headers: { cookie: `sid=${value}` } });
    expect(signedIn.text).toContain('record-name');
    const without = await call(sb.running, { host: PROXIED, path });
    expect(without.text).not.toContain('record-name');
  });

  it('passes a real session through where that switch says so, and REST through the proxy takes it', async () => {
    await configure(sb.running, { defenderProxy: 'session-passed-through' });
    const login = await call(sb.running, { host: `sandbox.my.salesforce.com.mcas-gov.us`, path: '/__sandbox/login' });
    const value = decodeURIComponent(/sid=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? '');
    expect(value).toMatch(/^00D[a-zA-Z0-9]{12}!/);
    const describe = await rest('sobjects/Contact/describe', {
      host: 'sandbox.my.salesforce.com.mcas-gov.us',
      auth: value,
    });
    expect(describe.status).toBe(200);
  });

  it('serves Account Engagement’s pages behind it too, their links and cookies the proxy’s', async () => {
    await configure(sb.running, { defenderProxy: 'encrypted-session' });
    const login = await call(sb.running, { host: 'pi.pardot.com.mcas.ms', path: '/__sandbox/login' });
    const value = /pardot=([^;]+)/.exec(String(login.headers['set-cookie']))?.[1] ?? '';
    expect(value).toMatch(/^mcas/);
    const page = await call(sb.running, {
      host: 'pi.pardot.com.mcas.ms',
      path: '/prospect/read?id=1001',
      headers: { cookie: `pardot=${value}` },
    });
    expect(page.status).toBe(200);
    // The prospect's link to its Contact goes through the proxy as well.
    expect(page.text).toContain(`https://sandbox.my.salesforce.com.mcas.ms/${contactOf(1001).slice(0, 15)}`);
    expect(page.text).not.toMatch(/https:\/\/sandbox\.my\.salesforce\.com\//);
    // A Lightning page frames AE behind the proxy.
    expect((await lightningShell()).text).toContain('"pi.pardot.com.mcas.ms"');
  });

  it('leaves Account Engagement at its own host where that switch says the proxy lets it pass', async () => {
    await configure(sb.running, { defenderProxy: 'encrypted-session', aeBehindDefenderProxy: false });
    expect((await call(sb.running, { host: 'pi.pardot.com.mcas.ms', path: '/prospect/read?id=1001' })).status).toBe(
      404,
    );
    const shell = await lightningShell();
    expect(shell.text).toContain('"pi.pardot.com"');
    expect(shell.text).toContain('"sandbox.my.salesforce.com.mcas.ms"');
  });
});
