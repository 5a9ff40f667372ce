/**
 * Which page is this? Pure functions of a URL, one per page kind, with the
 * real URL variants each must recognise listed right beside it
 * (test/unit/page-detect.test.ts checks every URL against every detector).
 * The URL lists are only imported by tests, so bundlers drop them.
 */
import { objectOfId, type SalesforceObject, toId18 } from './salesforce-id';

export type DetectedPage =
  | { kind: 'ae-prospect'; host: string; prospectId: number }
  | {
      kind: 'salesforce-record';
      host: string;
      object: SalesforceObject;
      recordId: string;
      ui: 'lightning' | 'classic';
    }
  | { kind: 'ae-connector-settings'; host: string }
  | { kind: 'ae-field-settings'; host: string };

export type PageKind = DetectedPage['kind'];

export const AE_HOSTS: readonly string[] = ['pi.pardot.com', 'pi.demo.pardot.com'];
/** My Domain hosts (sandboxes are `name--box.sandbox.my.salesforce.com`). */
const MY_DOMAIN_SUFFIXES = ['.my.salesforce.com', '.my.salesforce.mil', '.my.salesforce-setup.com'];
const LIGHTNING_SUFFIXES = ['.lightning.force.com', '.lightning.force.mil', '.lightning.crmforce.mil'];
const HOST_PREFIX = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9-]+)?$/;

function parse(url: string): URL | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return null;
    return parsed;
  } catch {
    return null;
  }
}

function hasSuffix(host: string, suffixes: readonly string[]): boolean {
  return suffixes.some((suffix) => host.endsWith(suffix) && HOST_PREFIX.test(host.slice(0, -suffix.length)));
}

export const isAeHost = (host: string): boolean => AE_HOSTS.includes(host);
export const isMyDomainHost = (host: string): boolean => hasSuffix(host, MY_DOMAIN_SUFFIXES);
export const isLightningHost = (host: string): boolean => hasSuffix(host, LIGHTNING_SUFFIXES);
export const isSalesforceHost = (host: string): boolean => isMyDomainHost(host) || isLightningHost(host);

const POSITIVE_INTEGER = /^[1-9][0-9]{0,15}$/;

function prospectIdFrom(text: string | null | undefined): number | null {
  if (!text || !POSITIVE_INTEGER.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

export function detectProspectPage(url: URL): DetectedPage | null {
  if (!isAeHost(url.hostname)) return null;
  const host = url.hostname;
  const path = url.pathname.replace(/\/+$/, '');
  let prospectId: number | null = null;
  if (path === '/prospect/read') {
    const ids = url.searchParams.getAll('id');
    if (ids.length === 1) prospectId = prospectIdFrom(ids[0]);
  } else {
    prospectId = prospectIdFrom(/^\/prospect\/read\/id\/([^/]+)$/.exec(path)?.[1]);
  }
  return prospectId === null ? null : { kind: 'ae-prospect', host, prospectId };
}
const prospectPageUrls = [
  'https://pi.pardot.com/prospect/read?id=123',
  'https://pi.pardot.com/prospect/read/id/123',
  'https://pi.pardot.com/prospect/read/id/123/',
  'https://pi.demo.pardot.com/prospect/read?id=98765432',
  'https://pi.pardot.com/prospect/read?id=123&sfdc_lightning=1#activities',
  'https://pi.pardot.com/prospect/read?sessionid=x&id=42',
];

function recordPage(host: string, object: string | undefined, id: string | undefined, ui: 'lightning' | 'classic') {
  if (!id) return null;
  const recordId = toId18(id);
  const idObject = objectOfId(id);
  if (recordId === null || idObject === null) return null;
  if (object !== undefined && object !== idObject) return null;
  return { kind: 'salesforce-record', host, object: idObject, recordId, ui } as const;
}

export function detectLightningRecordPage(url: URL): DetectedPage | null {
  const host = url.hostname;
  if (!isLightningHost(host) && !host.endsWith('.my.salesforce-setup.com')) return null;
  const match = /^\/lightning\/r\/(Contact|Lead)\/([a-zA-Z0-9]{15,18})(\/[^?#]*)?$/.exec(url.pathname);
  return match ? recordPage(host, match[1], match[2], 'lightning') : null;
}
const lightningRecordUrls = [
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdE/view',
  'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000XyZ12EAF/view?ws=%2Flightning%2Fr%2FLead',
  'https://acme.lightning.force.com/lightning/r/Lead/00Q5g00000XyZ12EAF/edit',
  'https://acme--uat.sandbox.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
  'https://acme-dev-ed.develop.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
  'https://defense.lightning.crmforce.mil/lightning/r/Contact/0035g00000AbCdEAAV/view',
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/related/Opportunities/view',
];

export function detectClassicRecordPage(url: URL): DetectedPage | null {
  if (!isMyDomainHost(url.hostname)) return null;
  const match = /^\/([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})$/.exec(url.pathname);
  return match ? recordPage(url.hostname, undefined, match[1], 'classic') : null;
}
const classicRecordUrls = [
  'https://acme.my.salesforce.com/0035g00000AbCdE',
  'https://acme.my.salesforce.com/00Q5g00000XyZ12EAF',
  'https://acme.my.salesforce.com/0035g00000AbCdE?nooverride=1',
  'https://acme--uat.sandbox.my.salesforce.com/0035g00000AbCdE',
  'https://agency.my.salesforce.mil/0035g00000AbCdE',
];

export function detectConnectorSettingsPage(url: URL): DetectedPage | null {
  if (!isAeHost(url.hostname)) return null;
  return /^\/connector(\/|$)/.test(url.pathname) ? { kind: 'ae-connector-settings', host: url.hostname } : null;
}
const connectorSettingsUrls = [
  'https://pi.pardot.com/connector',
  'https://pi.pardot.com/connector/read/id/7',
  'https://pi.demo.pardot.com/connector/edit/id/7',
];

export function detectFieldSettingsPage(url: URL): DetectedPage | null {
  if (!isAeHost(url.hostname)) return null;
  return /^\/prospectFieldDefault(\/|$)/.test(url.pathname) ? { kind: 'ae-field-settings', host: url.hostname } : null;
}
const fieldSettingsUrls = [
  'https://pi.pardot.com/prospectFieldDefault',
  'https://pi.pardot.com/prospectFieldDefault/read/id/12',
  'https://pi.demo.pardot.com/prospectFieldDefault/edit/id/12',
];

const unrelatedUrls = [
  'https://pi.pardot.com/',
  'https://pi.pardot.com/prospect',
  'https://pi.pardot.com/prospect/read?id=',
  'https://pi.pardot.com/prospect/read?id=abc',
  'https://pi.pardot.com/prospect/read?id=0',
  'https://pi.pardot.com/prospect/read?id=-5',
  'https://pi.pardot.com/prospect/read?id=12.5',
  'https://pi.pardot.com/prospect/read?id=1&id=2',
  'https://pi.pardot.com/prospect/read/id/',
  'https://pi.pardot.com/prospect/read/id/12x',
  'https://pi.pardot.com/prospect/read?id=99999999999999999999',
  'http://pi.pardot.com/prospect/read?id=123',
  'https://pi.pardot.com:8443/prospect/read?id=123',
  'https://pi.pardot.com.evil.example/prospect/read?id=123',
  'https://evil.example/pi.pardot.com/prospect/read?id=123',
  'https://pi.pardot.com@evil.example/prospect/read?id=123',
  'https://go.pardot.com/prospect/read?id=123',
  'https://pi.pardot.com/form/read/id/5',
  'https://pi.pardot.com/connectors-are-elsewhere',
  'https://acme.lightning.force.com/lightning/page/home',
  'https://acme.lightning.force.com/lightning/o/Contact/list?filterName=Recent',
  'https://acme.lightning.force.com/lightning/r/Account/0015g00000AbCdEAAV/view',
  'https://acme.lightning.force.com/lightning/r/Contact/0015g00000AbCdEAAV/view',
  'https://acme.lightning.force.com/lightning/r/Lead/0035g00000AbCdEAAV/view',
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAA/view',
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCd/view',
  'https://acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAVX/view',
  'https://acme.lightning.force.com/lightning/page/pardot/prospect?pardot__path=%2Fprospect%2Fread%3Fid%3D123',
  'https://acme.lightning.force.com.evil.example/lightning/r/Contact/0035g00000AbCdEAAV/view',
  'https://lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
  'https://evil.example/acme.lightning.force.com/lightning/r/Contact/0035g00000AbCdEAAV/view',
  'https://acme.my.salesforce.com/0015g00000AbCdE',
  'https://acme.my.salesforce.com/0035g00000AbCdE/e',
  'https://acme.my.salesforce.com/home/home.jsp',
  'https://acme.my.salesforce.com/',
  'https://acme.my.salesforce.com.evil.example/0035g00000AbCdE',
  'https://acme.lightning.force.com/0035g00000AbCdE',
  'not a url',
  '',
  'chrome://extensions/',
];

/** Real URLs per page kind, for tests; unused consts are dropped from bundles. */
export const pageExamples: Record<PageKind | 'none', string[]> = {
  'ae-prospect': prospectPageUrls,
  'salesforce-record': [...lightningRecordUrls, ...classicRecordUrls],
  'ae-connector-settings': connectorSettingsUrls,
  'ae-field-settings': fieldSettingsUrls,
  none: unrelatedUrls,
};

const DETECTORS = [
  detectProspectPage,
  detectLightningRecordPage,
  detectClassicRecordPage,
  detectConnectorSettingsPage,
  detectFieldSettingsPage,
];

export function detectPage(url: string): DetectedPage | null {
  const parsed = parse(url);
  if (!parsed) return null;
  for (const detector of DETECTORS) {
    const page = detector(parsed);
    if (page) return page;
  }
  return null;
}

/** Two detections name the same record (the worker checks a message's claim against its sender's URL). */
export function samePage(a: DetectedPage, b: DetectedPage): boolean {
  if (a.kind !== b.kind || a.host !== b.host) return false;
  if (a.kind === 'ae-prospect' && b.kind === 'ae-prospect') return a.prospectId === b.prospectId;
  if (a.kind === 'salesforce-record' && b.kind === 'salesforce-record') {
    return a.recordId === b.recordId && a.object === b.object && a.ui === b.ui;
  }
  return true;
}
