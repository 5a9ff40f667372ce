/**
 * OAuth 2.0 authorization code + PKCE through chrome.identity: for orgs whose
 * AE API refuses the browser session, and for orgs under API Access Control,
 * whose REST API refuses it too. The connection (refresh token, the host that
 * issued it, the org it belongs to) is kept in storage.local; access tokens
 * only in storage.session. A refresh token is only ever sent back to the host
 * that issued it, and is revoked there on disconnect.
 */
import browser from 'webextension-polyfill';
import { GuardError } from '../core/errors';
import { hostOfUrl, isMyDomainHost } from '../core/hosts';
import { isLoginHost, LOGIN_HOSTS } from '../core/login-hosts';
import { fetchJson } from './http';
import { revokeRefreshToken } from './oauth-revoke';
import { read, readSession, update, writeSession } from './store';

/** Salesforce REST (`api`), the AE API (`pardot_api`) and staying connected (`refresh_token`): all used. */

export const OAUTH_SCOPES = 'api pardot_api refresh_token';

const base64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

export function redirectUrl(): string {
  return browser.identity.getRedirectURL();
}

/**
 * The login host an admin typed, as a bare host: one of the login hosts the
 * manifest grants (production's when nothing was typed) or the org's My Domain.
 * Anything else is refused before a code or a token is ever sent there.
 */
export function loginHostOf(configured: string): string {
  const host = configured
    .trim()
    .toLowerCase()
    .replace(/^https:\/\//, '')
    .replace(/\/.*$/, '');
  if (!host) return LOGIN_HOSTS[0] as string;
  if (isLoginHost(host) || isMyDomainHost(host)) return host;
  throw new GuardError('oauth-not-configured', `login host ${host} is not a Salesforce login host`);
}

interface Tokens {
  access_token: string;
  refresh_token?: string;
  instance_url: string;
  id?: string;
}

async function tokenRequest(host: string, form: Record<string, string>): Promise<Tokens> {
  const { body } = await fetchJson(
    `https://${host}/services/oauth2/token`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    },
    () => 'oauth-failed',
  );
  return body as Tokens;
}

/** The org of a token, from its identity URL (`…/id/<org id>/<user id>`). */
function orgIdOfIdentity(id: string | undefined): string | null {
  const match = /\/id\/(00D[a-zA-Z0-9]{12})(?:[a-zA-Z0-9]{3})?\//.exec(id ?? '');
  return match?.[1] ?? null;
}

async function keepAccessToken(tokens: Tokens) {
  await writeSession('accessToken', {
    token: tokens.access_token,
    instanceUrl: tokens.instance_url,
    expiresAt: Date.now() + 60 * 60_000,
  });
}

export async function connect(): Promise<void> {
  const options = await read('options');
  if (!options.oauthClientId) throw new GuardError('oauth-not-configured');
  const host = loginHostOf(options.oauthLoginHost);
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
  if (!tokens.refresh_token)
    throw new GuardError('oauth-failed', 'no refresh token: the app needs the refresh_token scope');
  await update('oauth', () => ({
    refreshToken: tokens.refresh_token as string,
    loginHost: host,
    instanceHost: hostOfUrl(tokens.instance_url),
    orgId: orgIdOfIdentity(tokens.id),
    clientId: options.oauthClientId,
  }));
  await keepAccessToken(tokens);
}

/** Forgets the connection here and revokes its refresh token at the host that issued it. */
export async function disconnect(): Promise<void> {
  const connection = await read('oauth');
  await update('oauth', () => null);
  await writeSession('accessToken', null);
  if (connection) await revokeRefreshToken(connection);
}

/**
 * A current access token, refreshed when needed, at the host that issued the
 * connection; null when OAuth is not set up. With `orgId`, only a connection
 * to that org counts.
 */
export async function accessToken(orgId?: string | null, forceRefresh = false): Promise<string | null> {
  const connection = await read('oauth');
  if (!connection) return null;
  if (orgId !== undefined && (!orgId || connection.orgId !== orgId)) return null;
  const cached = await readSession('accessToken');
  if (cached && !forceRefresh && cached.expiresAt > Date.now()) return cached.token;
  const tokens = await tokenRequest(connection.loginHost, {
    grant_type: 'refresh_token',
    refresh_token: connection.refreshToken,
    client_id: connection.clientId,
  });
  await keepAccessToken(tokens);
  return tokens.access_token;
}

/** The connection, as the options page shows it (no token). */
export async function connectionView(): Promise<{
  connected: boolean;
  loginHost: string | null;
  orgId: string | null;
}> {
  const connection = await read('oauth');
  return { connected: Boolean(connection), loginHost: connection?.loginHost ?? null, orgId: connection?.orgId ?? null };
}
