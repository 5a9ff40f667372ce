/**
 * OAuth 2.0 authorization code + PKCE through chrome.identity, for orgs
 * whose AE API refuses the browser session. The refresh token is kept in
 * storage.local; access tokens only in storage.session.
 */
import browser from 'webextension-polyfill';
import { GuardError } from '../core/errors';
import { fetchJson } from './http';
import { read, readSession, update, writeSession } from './store';

export const OAUTH_SCOPES = 'api pardot_api refresh_token';

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export function redirectUrl(): string {
  return browser.identity.getRedirectURL();
}

function loginHost(configured: string): string {
  const host = configured.replace(/^https:\/\//, '').replace(/\/.*$/, '');
  return host || 'login.salesforce.com';
}

async function tokenRequest(host: string, form: Record<string, string>) {
  const { body } = await fetchJson(
    `https://${host}/services/oauth2/token`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    },
    () => 'oauth-failed',
  );
  return body as { access_token: string; refresh_token?: string; instance_url: string; issued_at?: string };
}

export async function connect(): Promise<void> {
  const options = await read('options');
  if (!options.oauthClientId) throw new GuardError('oauth-not-configured');
  const host = loginHost(options.oauthLoginHost);
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(48)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const url = new URL(`https://${host}/services/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: options.oauthClientId,
    redirect_uri: redirectUrl(),
    scope: OAUTH_SCOPES,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state,
  }).toString();
  let returned: string;
  try {
    returned = await browser.identity.launchWebAuthFlow({ url: url.toString(), interactive: true });
  } catch {
    throw new GuardError('oauth-failed', 'the sign-in window was closed or refused');
  }
  const params = new URL(returned).searchParams;
  const code = params.get('code');
  if (params.get('state') !== state || !code) throw new GuardError('oauth-failed', params.get('error') ?? 'no code');
  const tokens = await tokenRequest(host, {
    grant_type: 'authorization_code',
    code,
    client_id: options.oauthClientId,
    redirect_uri: redirectUrl(),
    code_verifier: verifier,
  });
  await update('refreshToken', () => tokens.refresh_token ?? null);
  await writeSession('accessToken', {
    token: tokens.access_token,
    instanceUrl: tokens.instance_url,
    expiresAt: Date.now() + 60 * 60_000,
  });
}

export async function disconnect(): Promise<void> {
  await update('refreshToken', () => null);
  await writeSession('accessToken', null);
}

/** A current access token, refreshed when needed; null when OAuth is not set up. */
export async function accessToken(forceRefresh = false): Promise<string | null> {
  const cached = await readSession('accessToken');
  if (cached && !forceRefresh && cached.expiresAt > Date.now()) return cached.token;
  const refreshToken = await read('refreshToken');
  const options = await read('options');
  if (!refreshToken || !options.oauthClientId) return null;
  const tokens = await tokenRequest(loginHost(options.oauthLoginHost), {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: options.oauthClientId,
  });
  await writeSession('accessToken', {
    token: tokens.access_token,
    instanceUrl: tokens.instance_url,
    expiresAt: Date.now() + 60 * 60_000,
  });
  return tokens.access_token;
}
