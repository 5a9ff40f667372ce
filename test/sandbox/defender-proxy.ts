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
 */
import { randomBytes } from 'node:crypto';
import type { Exchange } from './http';
import type { Sandbox } from './sandbox';

export const DEFENDER_SUFFIXES = ['.mcas.ms', '.mcas-gov.us', '.mcas-gov.ms'];
const APP_HOST = /\.(my\.salesforce\.com|lightning\.force\.com|my\.salesforce-setup\.com)$/;

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
  if (!suffix || !APP_HOST.test(real)) return 'direct';
  const mode = sandbox.config.defenderProxy;
  if (mode === 'off') return 'not-served';
  x.host = real;
  if (mode === 'encrypted-session' && x.cookies.sid) x.cookies.sid = vault(sandbox).get(x.cookies.sid) ?? '';
  const writeHead = x.res.writeHead.bind(x.res) as (status: number, headers?: Record<string, unknown>) => unknown;
  x.res.writeHead = ((status: number, headers?: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...(headers ?? {}) };
    for (const [name, value] of Object.entries(out)) {
      if (name.toLowerCase() === 'set-cookie') {
        const cookies = Array.isArray(value) ? value : [value];
        out[name] = cookies.map((cookie) =>
          mode === 'encrypted-session' ? encryptSid(sandbox, String(cookie)) : cookie,
        );
      }
      if (name.toLowerCase() === 'location' && typeof value === 'string') out[name] = proxiedUrl(value, suffix);
    }
    return writeHead(status, out);
  }) as typeof x.res.writeHead;
  return 'proxied';
}

function encryptSid(sandbox: Sandbox, cookie: string): string {
  const match = /^sid=([^;]*)(.*)$/.exec(cookie);
  if (!match) return cookie;
  const value = `mcas${randomBytes(24).toString('base64url')}`;
  vault(sandbox).set(value, decodeURIComponent(match[1] as string));
  return `sid=${value}${match[2]}`;
}

function proxiedUrl(location: string, suffix: string): string {
  try {
    const url = new URL(location);
    if (APP_HOST.test(url.hostname)) url.hostname += suffix;
    return url.toString();
  } catch {
    return location;
  }
}
