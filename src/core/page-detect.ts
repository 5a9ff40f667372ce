/**
 * Which page is this? Pure functions of a URL, one per page kind. The real
 * URL variants each must recognise (and the look-alikes none may) are in
 * test/unit/core/page-detect.examples.ts, where no bundle can take them; the test
 * beside it checks every URL against every detector.
 */
import { isAeHost, isMyDomainHost, isSalesforceHost } from './hosts';
import { PATHS } from './page-paths';
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

function parse(url: string): URL | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port) return null;
    return parsed;
  } catch {
    return null;
  }
}

const POSITIVE_INTEGER = /^[1-9][0-9]{0,15}$/;

function prospectIdFrom(text: string | null | undefined): number | null {
  if (!text || !POSITIVE_INTEGER.test(text)) return null;
  const id = Number(text);
  return Number.isSafeInteger(id) ? id : null;
}

function detectProspectPage(url: URL): DetectedPage | null {
  if (!isAeHost(url.hostname)) return null;
  const host = url.hostname;
  const match = PATHS.aeProspect.exec(url.pathname);
  let prospectId: number | null = null;
  if (match && match[1] === undefined) {
    const ids = url.searchParams.getAll('id');
    if (ids.length === 1) prospectId = prospectIdFrom(ids[0]);
  } else if (match) {
    prospectId = prospectIdFrom(match[1]);
  }
  return prospectId === null ? null : { kind: 'ae-prospect', host, prospectId };
}

function recordPage(host: string, object: string | undefined, id: string | undefined, ui: 'lightning' | 'classic') {
  if (!id) return null;
  const recordId = toId18(id);
  const idObject = objectOfId(id);
  if (recordId === null || idObject === null) return null;
  if (object !== undefined && object !== idObject) return null;
  return { kind: 'salesforce-record', host, object: idObject, recordId, ui } as const;
}

function detectLightningRecordPage(url: URL): DetectedPage | null {
  const host = url.hostname;
  if (!isSalesforceHost(host)) return null;
  const match = PATHS.lightningRecord.exec(url.pathname);
  return match ? recordPage(host, match[1], match[2], 'lightning') : null;
}

function detectClassicRecordPage(url: URL): DetectedPage | null {
  if (!isMyDomainHost(url.hostname)) return null;
  const match = PATHS.classicRecord.exec(url.pathname);
  return match ? recordPage(url.hostname, undefined, match[1], 'classic') : null;
}

function detectConnectorSettingsPage(url: URL): DetectedPage | null {
  if (!isAeHost(url.hostname)) return null;
  return PATHS.aeConnectorSettings.test(url.pathname) ? { kind: 'ae-connector-settings', host: url.hostname } : null;
}

function detectFieldSettingsPage(url: URL): DetectedPage | null {
  if (!isAeHost(url.hostname)) return null;
  return PATHS.aeFieldSettings.test(url.pathname) ? { kind: 'ae-field-settings', host: url.hostname } : null;
}

const DETECTORS = [
  detectProspectPage,
  detectLightningRecordPage,
  detectClassicRecordPage,
  detectConnectorSettingsPage,
  detectFieldSettingsPage,
];

/** What every detector says of a URL: a URL of ours is recognised by exactly one (the tests check it). */
export function allDetections(url: string): DetectedPage[] {
  const parsed = parse(url);
  return parsed ? DETECTORS.flatMap((detector) => detector(parsed) ?? []) : [];
}

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
