/**
 * Revoking an OAuth refresh token at the host that issued it, and nowhere else: on disconnect, and
 * before stored data from a newer version (whose connection would otherwise be forgotten, still
 * valid) is reset. Apart from oauth.ts so that store.ts can use it.
 */
import { isMyDomainHost } from '../core/hosts';
import { isLoginHost } from '../core/login-hosts';
import { fetchJson } from './http';

export async function revokeRefreshToken(connection: { refreshToken: string; loginHost: string }): Promise<void> {
  const host = connection.loginHost;
  // Only a Salesforce login host or a My Domain can have issued it; the token is sent nowhere else.
  if (!isLoginHost(host) && !isMyDomainHost(host)) return;
  await fetchJson(
    `https://${host}/services/oauth2/revoke`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: connection.refreshToken }).toString(),
    },
    () => 'oauth-failed',
  ).catch(() => undefined);
}
