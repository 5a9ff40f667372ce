/** Host name rules shared by the worker and pages: pure functions of a host or URL. */
import { detectPage, isMyDomainHost } from './page-detect';

/**
 * Salesforce REST lives on the My Domain host; a Lightning page's host maps
 * to it (calling the Lightning host would redirect and drop the
 * Authorization header).
 */
export function myDomainHostFor(host: string): string | null {
  if (isMyDomainHost(host)) return host.replace('.my.salesforce-setup.com', '.my.salesforce.com');
  const rules: [string, string][] = [
    ['.lightning.force.com', '.my.salesforce.com'],
    ['.lightning.force.mil', '.my.salesforce.mil'],
    ['.lightning.crmforce.mil', '.my.salesforce.mil'],
  ];
  for (const [from, to] of rules) if (host.endsWith(from)) return host.slice(0, -from.length) + to;
  return null;
}

/** The prospect a record's `pi__url__c` points to, or null when it is not an AE prospect URL. */
export function prospectFromAeUrl(url: string | null | undefined): { aeHost: string; prospectId: number } | null {
  const page = url ? detectPage(url) : null;
  return page?.kind === 'ae-prospect' ? { aeHost: page.host, prospectId: page.prospectId } : null;
}

/** A browser `sid` begins with the 15-character org id and "!": it tells orgs apart. */
export function orgIdOfSession(sid: string): string | null {
  const match = /^(00D[a-zA-Z0-9]{12})!/.exec(sid);
  return match?.[1] ?? null;
}
