/** The OAuth connection: a refresh token only ever goes back to the host that issued it. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const identity = { getRedirectURL: () => 'https://extension.chromiumapp.org/', launchWebAuthFlow: vi.fn() };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, identity } }));
const { accessToken, connect, disconnect, loginHostOf, OAUTH_SCOPES } = await import('../../../src/background/oauth');
const { DEFAULT_OPTIONS } = await import('../../../src/background/store');

const requests: { url: string; body: string }[] = [];
const tokens = {
  access_token: 'access-1',
  refresh_token: 'refresh-1',
  instance_url: 'https://acme.my.salesforce.com',
  id: 'https://login.salesforce.com/id/00D5g000004SbOxEAK/0055g00000AbCdEAAV',
};

beforeEach(() => {
  fakeBrowser.reset();
  requests.length = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      requests.push({ url, body: String(init.body ?? '') });
      return new Response(JSON.stringify(tokens), { status: 200 });
    }),
  );
  identity.launchWebAuthFlow.mockImplementation(async ({ url }: { url: string }) => {
    const state = new URL(url).searchParams.get('state');
    return `https://extension.chromiumapp.org/?code=the-code&state=${state}`;
  });
});
afterEach(() => vi.unstubAllGlobals());

const setOptions = (changes: Partial<typeof DEFAULT_OPTIONS>) =>
  fakeBrowser.storage.local.set({ options: { ...DEFAULT_OPTIONS, oauthClientId: 'client', ...changes } });

describe('the OAuth login host', () => {
  it('is a login host the manifest grants or a My Domain, never anything else', () => {
    expect(loginHostOf('')).toBe('login.salesforce.com');
    expect(loginHostOf('https://test.salesforce.com/')).toBe('test.salesforce.com');
    expect(loginHostOf('ACME.my.salesforce.com')).toBe('acme.my.salesforce.com');
    for (const host of [
      'evil.example',
      'login.salesforce.com.evil.example',
      'acme.lightning.force.com',
      'pi.pardot.com',
    ])
      expect(() => loginHostOf(host), host).toThrow(expect.objectContaining({ code: 'oauth-not-configured' }));
  });

  it('refuses to connect to a host outside the family, sending nothing', async () => {
    await setOptions({ oauthLoginHost: 'login.evil.example' });
    await expect(connect()).rejects.toMatchObject({ code: 'oauth-not-configured' });
    expect(identity.launchWebAuthFlow).not.toHaveBeenCalled();
    expect(requests).toEqual([]);
  });

  it('asks only for the scopes the extension uses', async () => {
    await setOptions({ oauthLoginHost: 'acme.my.salesforce.com' });
    await connect();
    const authorize = new URL(identity.launchWebAuthFlow.mock.calls[0]?.[0].url);
    expect(authorize.host).toBe('acme.my.salesforce.com');
    expect(authorize.searchParams.get('scope')).toBe(OAUTH_SCOPES);
    expect(OAUTH_SCOPES.split(' ').sort()).toEqual(['api', 'pardot_api', 'refresh_token']);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  });
});

describe('the refresh token', () => {
  it('is sent back only to the host that issued it, even after the options name another host', async () => {
    await setOptions({ oauthLoginHost: 'acme.my.salesforce.com' });
    await connect();
    await setOptions({ oauthLoginHost: 'test.salesforce.com' });
    await fakeBrowser.storage.session.clear();
    requests.length = 0;
    expect(await accessToken()).toBe('access-1');
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0]?.url ?? '').host).toBe('acme.my.salesforce.com');
    expect(requests[0]?.body).toContain('refresh_token=refresh-1');
  });

  it('is not used for another org than the one it belongs to', async () => {
    await setOptions({});
    await connect();
    await fakeBrowser.storage.session.clear();
    requests.length = 0;
    expect(await accessToken('00D000000000001')).toBeNull();
    expect(requests).toEqual([]);
  });

  it('is revoked at the issuing host on disconnect, and forgotten', async () => {
    await setOptions({ oauthLoginHost: 'acme.my.salesforce.com' });
    await connect();
    requests.length = 0;
    await disconnect();
    expect(requests.map((r) => r.url)).toEqual(['https://acme.my.salesforce.com/services/oauth2/revoke']);
    expect(requests[0]?.body).toBe('token=refresh-1');
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('refresh-1');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('access-1');
  });
});
