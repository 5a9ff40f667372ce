/** Which browser session serves an org's REST calls, found by org id across the admin's cookies. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

interface Cookie {
  domain: string;
  value: string;
  storeId: string;
}
const jar: Cookie[] = [];
const cookies = {
  get: async ({ url, name, storeId = '0' }: { url: string; name: string; storeId?: string }) =>
    name === 'sid' ? (jar.find((c) => c.domain === new URL(url).hostname && c.storeId === storeId) ?? null) : null,
  getAll: async ({ storeId = '0' }: { storeId?: string }) => jar.filter((c) => c.storeId === storeId),
};
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies } }));
const { SalesforceClient, sessionFor } = await import('../../../src/background/salesforce-rest');

const PROD = '00D5g000004SbOx';
const FULL = '00D7e000000FuLl';
beforeEach(() => {
  jar.length = 0;
});

describe('the session for a Salesforce page', () => {
  it('is the My Domain session of the same org, found by the org id in the page’s own cookie', async () => {
    jar.push(
      { domain: 'acme.lightning.force.com', value: `${PROD}!lightning`, storeId: '0' },
      { domain: 'acme--full.sandbox.my.salesforce.com', value: `${FULL}!full`, storeId: '0' },
      { domain: 'acme.my.salesforce.com', value: `${PROD}!api`, storeId: '0' },
    );
    expect(await sessionFor('acme.lightning.force.com')).toEqual({
      host: 'acme.my.salesforce.com',
      sid: `${PROD}!api`,
      orgId: PROD,
    });
  });

  it('is read from the worker’s own cookie store, the one Chrome uses when no store is named', async () => {
    // Chrome's tabs carry no cookieStoreId, and the extension is not allowed in incognito windows, so
    // the regular profile's store ("0") is the only one the worker reads; an incognito store ("1")
    // that exists meanwhile is never consulted.
    jar.push(
      { domain: 'acme.lightning.force.com', value: `${PROD}!incognito`, storeId: '1' },
      { domain: 'acme.my.salesforce.com', value: `${PROD}!incognito-api`, storeId: '1' },
    );
    expect(await sessionFor('acme.lightning.force.com')).toBeNull();
    jar.push({ domain: 'acme.my.salesforce.com', value: `${PROD}!regular-api`, storeId: '0' });
    expect(await sessionFor('acme.lightning.force.com')).toMatchObject({ sid: `${PROD}!regular-api` });
  });

  it('never hands one org’s page another org’s session, even when it is the only one', async () => {
    jar.push(
      { domain: 'acme.lightning.force.com', value: `${PROD}!lightning`, storeId: '0' },
      { domain: 'acme--full.sandbox.my.salesforce.com', value: `${FULL}!full`, storeId: '0' },
    );
    expect(await sessionFor('acme.lightning.force.com')).toBeNull();
  });

  it('prefers the REST host over the setup domain of the same org', async () => {
    jar.push(
      { domain: 'acme.my.salesforce-setup.com', value: `${PROD}!setup`, storeId: '0' },
      { domain: 'acme.my.salesforce.com', value: `${PROD}!api`, storeId: '0' },
    );
    expect((await sessionFor('acme.my.salesforce-setup.com'))?.host).toBe('acme.my.salesforce.com');
  });

  it('finds the org by its My Domain name when the page host has no cookie of its own', async () => {
    jar.push({ domain: 'acme.my.salesforce.com', value: `${PROD}!api`, storeId: '0' });
    expect((await sessionFor('acme.lightning.force.com'))?.sid).toBe(`${PROD}!api`);
    expect(await sessionFor('other.lightning.force.com')).toBeNull();
  });
});

describe('a dead Salesforce session', () => {
  it('is said to have expired by the identity endpoint too, whose answer is 403 "Bad_OAuth_Token"', async () => {
    vi.stubGlobal('fetch', async () => new Response('"Bad_OAuth_Token"', { status: 403 }));
    try {
      await expect(new SalesforceClient('acme.my.salesforce.com', 'dead').username()).rejects.toMatchObject({
        code: 'session-expired',
      });
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
