/**
 * The Salesforce and Account Engagement host families. They are written in
 * one place, manifest.json (its content-script matches are the pages the
 * extension runs on; its host permissions add the OAuth login hosts), and
 * every host check in the code is derived from there. Only the content-script
 * matches are imported here, so content scripts carry nothing else of the
 * manifest; the OAuth login hosts are in login-hosts.ts.
 */
import { content_scripts } from '../../manifest.json';

/** The host of a manifest match pattern (`https://host/*`), or '' for any other form. */
export const patternHost = (pattern: string): string => /^https:\/\/([^/]+)\/\*$/.exec(pattern)?.[1] ?? '';
/** The hosts (and `*.` families) content scripts run on. */
export const PAGE_HOSTS: readonly string[] = content_scripts.flatMap((script) => script.matches).map(patternHost);
const suffixes = PAGE_HOSTS.filter((host) => host.startsWith('*.')).map((host) => host.slice(1));
/** Hosts written whole: Account Engagement's, directly and behind the session proxy. */
const exactHosts = PAGE_HOSTS.filter((host) => host && !host.startsWith('*.'));
/** What follows `base` in `host` when the manifest writes `host` as `base` plus a suffix (`.mcas.ms`), else null. */
const suffixAfter = (host: string, bases: readonly string[]): string | null => {
  const base = bases.find((candidate) => candidate !== host && host.startsWith(`${candidate}.`));
  return base ? host.slice(base.length) : null;
};

/** Account Engagement's own hosts (production, and `demo` for sandboxes and developer orgs): who a prospect is. */
export const AE_HOSTS: readonly string[] = exactHosts.filter((host) => suffixAfter(host, exactHosts) === null);
/**
 * My Domain hosts (`acme.my.salesforce.com`, `acme--uat.sandbox.my.salesforce.com`, …), in the
 * manifest's order, which is also the order of preference for the REST host of an org.
 */
export const MY_DOMAIN_SUFFIXES: readonly string[] = suffixes.filter((suffix) => suffix.startsWith('.my.'));
/** Lightning Experience hosts (`acme.lightning.force.com`, …). */
export const LIGHTNING_SUFFIXES: readonly string[] = suffixes.filter((suffix) => suffix.startsWith('.lightning.'));

/**
 * The suffixes Microsoft Defender for Cloud Apps' session proxy appends to every host of an app it
 * protects (`acme.my.salesforce.com.mcas.ms`; Microsoft Learn, "Troubleshooting - What is cas.ms,
 * mcas.ms, or mcas-gov.us?": `.mcas.ms`, and `.mcas-gov.us`, `.mcas-gov.ms` for government
 * clouds). Derived, not written: a family written in the manifest once directly and once with a
 * suffix after it names that suffix.
 */
export const PROXY_SUFFIXES: readonly string[] = [
  ...new Set(
    [
      ...exactHosts.map((host) => suffixAfter(host, exactHosts)),
      ...suffixes.map((host) => suffixAfter(host, suffixes)),
    ].filter((suffix): suffix is string => suffix !== null),
  ),
];

/**
 * The proxy suffix a host carries, or null for a host reached directly. Account Engagement's pages come
 * behind the proxy too (`pi.pardot.com.mcas.ms`): Microsoft Learn, "Manual onboarding of apps using
 * Entra ID": the proxy "still adds a suffix to domains not associated with the app", which is what AE is to
 * a proxied Salesforce (its Lightning app's frame, the links to it, its sign-in through Salesforce).
 */
export function proxySuffixOf(host: string): string | null {
  return (
    PROXY_SUFFIXES.find(
      (suffix) => host.endsWith(suffix) && (isSalesforceHost(host) || AE_HOSTS.includes(host.slice(0, -suffix.length))),
    ) ?? null
  );
}

/** The host the proxy stands for (`acme.my.salesforce.com` for `acme.my.salesforce.com.mcas.ms`), or the host itself. */
export function unproxiedHost(host: string): string {
  const suffix = proxySuffixOf(host);
  return suffix ? host.slice(0, -suffix.length) : host;
}

/** A My Domain name: letters, digits and hyphens (`acme`, `acme--uat`), then optionally one more label (`.sandbox`). */
const HOST_PREFIX = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9-]+)?$/;

function suffixIndex(host: string, list: readonly string[]): number {
  return list.findIndex((suffix) => host.endsWith(suffix) && HOST_PREFIX.test(host.slice(0, -suffix.length)));
}

/** A host AE's pages are on: its own, or one of them behind the session proxy. */
export const isAeHost = (host: string): boolean => exactHosts.includes(host);

/**
 * Where an AE page is opened: at the AE host itself, or behind the proxy the admin reaches it through
 * (a suffix the manifest writes for that host; any other is ignored).
 */
export function aePageHost(aeHost: string, proxySuffix: string | null | undefined): string {
  const proxied = `${aeHost}${proxySuffix ?? ''}`;
  return proxySuffix && AE_HOSTS.includes(aeHost) && exactHosts.includes(proxied) ? proxied : aeHost;
}
export const isMyDomainHost = (host: string): boolean => suffixIndex(host, MY_DOMAIN_SUFFIXES) >= 0;
export const isLightningHost = (host: string): boolean => suffixIndex(host, LIGHTNING_SUFFIXES) >= 0;
export const isSalesforceHost = (host: string): boolean => isMyDomainHost(host) || isLightningHost(host);
/** A page of the family: AE or Salesforce. A frame counts only inside one (an AE page framed by another site gets nothing). */
export const isFamilyHost = (host: string): boolean => isAeHost(host) || isSalesforceHost(host);

/** The host of a URL or an origin, or '' for none or one that does not parse. */
export function hostOfUrl(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}
/** How much an org's host is preferred for REST calls (lower first); -1 when it is no My Domain host. */
export const myDomainPreference = (host: string): number => suffixIndex(host, MY_DOMAIN_SUFFIXES);

/** The My Domain name a Salesforce host is under (`acme--uat.sandbox` for `acme--uat.sandbox.lightning.force.com`). */
export function myDomainName(host: string): string | null {
  for (const list of [MY_DOMAIN_SUFFIXES, LIGHTNING_SUFFIXES]) {
    const index = suffixIndex(host, list);
    if (index >= 0) return host.slice(0, -(list[index] as string).length);
  }
  return null;
}

/** A browser `sid` begins with the 15-character org id and "!": it tells orgs apart. */
export function orgIdOfSession(sid: string): string | null {
  const match = /^(00D[a-zA-Z0-9]{12})!/.exec(sid);
  return match?.[1] ?? null;
}
