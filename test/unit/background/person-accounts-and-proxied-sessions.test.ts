/**
 * Salesforce REST for person accounts, and the session behind Defender for Cloud Apps' proxy, as
 * the worker's client sees them (the sandbox's answers are tested in test/sandbox/person-accounts-and-proxies.test.ts).
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const jar: { domain: string; value: string }[] = [];
const cookies = {
  get: async ({ url, name }: { url: string; name: string }) =>
    name === 'sid' ? (jar.find((c) => c.domain === new URL(url).hostname) ?? null) : null,
  getAll: async () => jar,
};
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies } }));
const { SalesforceClient, sessionFor } = await import('../../../src/background/salesforce-rest');

const ORG = '00D5g000004SbOx';
const CONTACT = '0035g0000000001AAA';
const ACCOUNT = '0015g0000000900AAA';

/** A fake REST endpoint: answers by path, and keeps every request. */
function rest(answer: (path: string, init: RequestInit) => Response) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const { pathname, search } = new URL(url);
    const path = decodeURIComponent(pathname.replace('/services/data/v62.0/', '') + search);
    calls.push({ method: init.method ?? 'GET', path, body: init.body ? JSON.parse(String(init.body)) : undefined });
    return answer(path, init);
  });
  return calls;
}
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const invalidField = () => json([{ errorCode: 'INVALID_FIELD', message: 'No such column' }], 400);

beforeEach(() => {
  jar.length = 0;
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a person account, through REST', () => {
  it('is read through its Account under the person contact’s id, and opted in there, never through Contact', async () => {
    const calls = rest((path, init) => {
      if (path.startsWith('query?q=SELECT Id FROM Account WHERE PersonContactId')) {
        return json({ totalSize: 1, records: [{ Id: ACCOUNT }] });
      }
      if (path.startsWith(`sobjects/Account/${ACCOUNT}?fields=`)) {
        return json({
          Id: ACCOUNT,
          IsPersonAccount: true,
          PersonContactId: CONTACT,
          PersonEmail: 'person@example.com',
          PersonHasOptedOutOfEmail: true,
          pi__url__pc: 'http://pi.pardot.com/prospect/read?id=1001',
          pi__pardot_hard_bounced__pc: false,
        });
      }
      if (init.method === 'PATCH') return new Response(null, { status: 204 });
      return json([{ errorCode: 'NOT_FOUND' }], 404);
    });
    const client = new SalesforceClient('person.my.salesforce.com', 'token');
    expect(await client.getRecord('Contact', CONTACT)).toMatchObject({
      Id: CONTACT,
      object: 'Contact',
      personAccountId: ACCOUNT,
      Email: 'person@example.com',
      HasOptedOutOfEmail: true,
      pi__url__c: 'http://pi.pardot.com/prospect/read?id=1001',
    });
    // From the Account page: the same pair, known by the person contact.
    expect(await client.getRecord('Account', ACCOUNT)).toMatchObject({ Id: CONTACT, object: 'Contact' });
    const before = calls.length;
    await client.uncheckEmailOptOut('Contact', CONTACT);
    // The write goes at once (what the read learned), to the Account's person field.
    expect(calls.slice(before)).toEqual([
      { method: 'PATCH', path: `sobjects/Account/${ACCOUNT}`, body: { PersonHasOptedOutOfEmail: false } },
    ]);
    expect(calls.some((c) => c.method === 'PATCH' && c.path.startsWith('sobjects/Contact/'))).toBe(false);
  });

  it('is told apart from a business account, which is no record a prospect syncs with', async () => {
    rest((path) =>
      path.startsWith('sobjects/Account/')
        ? json({ Id: ACCOUNT, IsPersonAccount: false, PersonContactId: null })
        : invalidField(),
    );
    const client = new SalesforceClient('business.my.salesforce.com', 'token');
    await expect(client.getRecord('Account', ACCOUNT)).rejects.toMatchObject({ code: 'not-person-account' });
  });

  it('is not looked for again in an org without person accounts; its Contacts are read and written as ever', async () => {
    const calls = rest((path, init) => {
      if (path.startsWith('query?')) return invalidField();
      if (init.method === 'PATCH') return new Response(null, { status: 204 });
      return json({ Id: CONTACT, Email: 'a@example.com', HasOptedOutOfEmail: true });
    });
    const client = new SalesforceClient('plain.my.salesforce.com', 'token');
    expect(await client.getRecord('Contact', CONTACT)).toMatchObject({ Id: CONTACT, object: 'Contact' });
    await client.getRecord('Contact', CONTACT);
    await client.uncheckEmailOptOut('Contact', CONTACT);
    expect(calls.filter((c) => c.path.startsWith('query?'))).toHaveLength(1);
    expect(calls.at(-1)).toEqual({
      method: 'PATCH',
      path: `sobjects/Contact/${CONTACT}`,
      body: { HasOptedOutOfEmail: false },
    });
    // An Account page there: no person fields at all, so a business account.
    await expect(client.getRecord('Account', ACCOUNT)).rejects.toMatchObject({ code: 'not-person-account' });
  });
});

describe('the session behind Defender for Cloud Apps’ proxy', () => {
  it('is never the proxy’s own encrypted cookie', async () => {
    jar.push(
      { domain: 'acme.lightning.force.com.mcas.ms', value: 'mcasEncryptedValue' },
      { domain: 'acme.my.salesforce.com.mcas.ms', value: 'mcasEncryptedToo' },
    );
    expect(await sessionFor('acme.lightning.force.com.mcas.ms')).toBeNull();
  });

  it('is a Salesforce session of the same My Domain the browser holds: directly first, else through the proxy', async () => {
    jar.push(
      { domain: 'acme.lightning.force.com.mcas.ms', value: 'mcasEncryptedValue' },
      { domain: 'acme.my.salesforce.com.mcas.ms', value: `${ORG}!proxied` },
    );
    expect(await sessionFor('acme.lightning.force.com.mcas.ms')).toEqual({
      host: 'acme.my.salesforce.com.mcas.ms',
      sid: `${ORG}!proxied`,
      orgId: ORG,
    });
    jar.push({ domain: 'acme.my.salesforce.com', value: `${ORG}!direct` });
    expect(await sessionFor('acme.lightning.force.com.mcas.ms')).toMatchObject({ host: 'acme.my.salesforce.com' });
    // Another org's My Domain is never taken for this one.
    jar.length = 0;
    jar.push({ domain: 'other.my.salesforce.com', value: `${ORG}!other` });
    expect(await sessionFor('acme.lightning.force.com.mcas.ms')).toBeNull();
  });
});
