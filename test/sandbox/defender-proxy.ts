/**
 * Microsoft Defender for Cloud Apps' session proxy in front of the org's Salesforce hosts (see
 * SandboxConfig.defenderProxy for the switch and its evidence).
 *
 * - Every host of the app gets the proxy's suffix appended (`sandbox.my.salesforce.com.mcas.ms`),
 *   `.mcas.ms`, or `.mcas-gov.us` / `.mcas-gov.ms` for government clouds (Microsoft Learn,
 *   "Troubleshooting - What is cas.ms, mcas.ms, or mcas-gov.us?"); links and redirects to the
 *   app's hosts are rewritten to the proxied hosts (the same page: "replace all relevant URLs and
 *   cookies").
 * - The proxy keeps Salesforce's `sid` and gives the browser an encrypted value of its own under
 *   the same name on the proxied host (Salesforce Inspector Reloaded PR #239: "the sid cookie
 *   available to the .mcas.ms domain is encrypted by Microsoft Defender for Cloud Apps, and cannot
 *   be used as-is"); page requests carrying it are signed in, a REST call with it as a bearer token
 *   is not (Salesforce sees a token it never issued).
 * - Headers other than cookies (Authorization included) pass through as they are.
 * - Account Engagement's hosts come behind the proxy with Salesforce (`pi.pardot.com.mcas.ms`) when
 *   SandboxConfig.aeBehindDefenderProxy is on: the proxy "still adds a suffix to domains not associated
 *   with the app to ensure a seamless user experience" (Microsoft Learn, "Manual onboarding of apps
 *   using Entra ID", "To add domains for an app"), and AE is reached from a Salesforce session (its
 *   Lightning app's frame, the records' links to it, its sign-in through Salesforce). Its cookies are
 *   the proxy's like Salesforce's.
 * - Pages come back with their app hosts rewritten, links, scripts and frames alike ("all the relevant
 *   URLs, Java scripts, and cookies within the app session are replaced", Microsoft Learn, "Protect
 *   apps with Conditional Access App Control", "How session control works"). JSON (REST) answers pass
 *   as they are: nothing public says the proxy rewrites API bodies.
 */
import { randomBytes } from 'node:crypto';
import type { Exchange } from './http';
import type { Sandbox } from './sandbox';

export const DEFENDER_SUFFIXES = ['.mcas.ms', '.mcas-gov.us', '.mcas-gov.ms'];
const APP_HOST = /\.(my\.salesforce\.com|lightning\.force\.com|my\.salesforce-setup\.com)$/;
const AE_HOST = /^pi(\.demo)?\.pardot\.com$/;
/** An app host written in a page (a link, a frame's src, a script's config), not already behind a suffix. */
const HOST_IN_PAGE =
  /(?<![A-Za-z0-9.-])((?:[a-z0-9-]+\.)+(?:my\.salesforce\.com|lightning\.force\.com|my\.salesforce-setup\.com)|pi(?:\.demo)?\.pardot\.com)(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g;
const behind = (sandbox: Sandbox, host: string) =>
  APP_HOST.test(host) || (sandbox.config.aeBehindDefenderProxy && AE_HOST.test(host));

/** The proxy's encrypted cookie values, each with the Salesforce session it stands for. */
const encrypted = new WeakMap<Sandbox, Map<string, string>>();
function vault(sandbox: Sandbox): Map<string, string> {
  const map = encrypted.get(sandbox) ?? new Map<string, string>();
  encrypted.set(sandbox, map);
  return map;
}

/**
 * A request to a proxied host, turned into the request the proxy sends Salesforce: the real host,
 * the real session cookie. Its answer is turned back on the way out. 'direct' for any other host;
 * 'not-served' for a proxied host when the org is not behind the proxy.
 */
export function throughDefenderProxy(sandbox: Sandbox, x: Exchange): 'direct' | 'proxied' | 'not-served' {
  const suffix = DEFENDER_SUFFIXES.find((s) => x.host.endsWith(s));
  const real = suffix ? x.host.slice(0, -suffix.length) : '';
  if (!suffix || !(APP_HOST.test(real) || AE_HOST.test(real))) return 'direct';
  const mode = sandbox.config.defenderProxy;
  if (mode === 'off' || !behind(sandbox, real)) return 'not-served';
  sandbox.record({ kind: 'proxy', method: x.method, host: x.host, path: x.url.pathname });
  x.host = real;
  if (mode === 'encrypted-session') {
    for (const [name, value] of Object.entries(x.cookies)) x.cookies[name] = vault(sandbox).get(value) ?? '';
  }
  const writeHead = x.res.writeHead.bind(x.res) as (status: number, headers?: Record<string, unknown>) => unknown;
  let html = false;
  x.res.writeHead = ((status: number, headers?: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...(headers ?? {}) };
    for (const [name, value] of Object.entries(out)) {
      if (name.toLowerCase() === 'set-cookie') {
        const cookies = Array.isArray(value) ? value : [value];
        out[name] = cookies.map((cookie) =>
          mode === 'encrypted-session' ? encryptCookie(sandbox, String(cookie)) : cookie,
        );
      }
      if (name.toLowerCase() === 'location' && typeof value === 'string')
        out[name] = proxiedUrl(sandbox, value, suffix);
      if (name.toLowerCase() === 'content-type') html = String(value).startsWith('text/html');
    }
    return writeHead(status, out);
  }) as typeof x.res.writeHead;
  const end = x.res.end.bind(x.res) as (body?: unknown) => unknown;
  x.res.end = ((body?: unknown) =>
    end(
      html && (typeof body === 'string' || Buffer.isBuffer(body)) ? proxiedPage(sandbox, String(body), suffix) : body,
    )) as typeof x.res.end;
  return 'proxied';
}

/** The proxy's own value for a cookie the app set; the app's value stays with the proxy. */
function encryptCookie(sandbox: Sandbox, cookie: string): string {
  const match = /^([^=;]+)=([^;]*)(.*)$/.exec(cookie);
  if (!match) return cookie;
  const value = `mcas${randomBytes(24).toString('base64url')}`;
  vault(sandbox).set(value, decodeURIComponent(match[2] as string));
  return `${match[1]}=${value}${match[3]}`;
}

function proxiedUrl(sandbox: Sandbox, location: string, suffix: string): string {
  try {
    const url = new URL(location);
    if (behind(sandbox, url.hostname)) url.hostname += suffix;
    return url.toString();
  } catch {
    return location;
  }
}

function proxiedPage(sandbox: Sandbox, html: string, suffix: string): string {
  return html.replace(HOST_IN_PAGE, (host) => (behind(sandbox, host) ? `${host}${suffix}` : host));
}
