/**
 * The faults chaos injects, how each is injected into the sandbox or the
 * browser, and which of them can explain a job's failure reason.
 */
import type { SalesforceRecord } from '../sandbox/model';
import type { LogEntry } from '../sandbox/sandbox';
import type { RunningSandbox } from '../sandbox/server';

export const FAULTS = [
  'latency',
  'sf-5xx',
  'ae-page-5xx',
  'sf-drop',
  'ae-page-drop',
  'expire-tokens',
  'revoke-tokens',
  'ae-api-5xx',
  'ae-api-drop',
  'ae-api-66',
  'ae-api-daily-limit',
  'worker-stop',
  'browser-restart',
  'record-deleted',
  'relinked',
  'admin-edit',
  // The person clicks the unsubscribe link of an email meanwhile (Sandbox.unsubscribe).
  'unsubscribe',
] as const;
export type Fault = (typeof FAULTS)[number];

/** Which injected faults can explain a job's failure reason. */
const EXPLAINS: Record<string, Fault[]> = {
  'session-expired': ['expire-tokens', 'revoke-tokens', 'browser-restart'],
  'signed-out-of-ae': ['browser-restart'],
  'record-deleted': ['record-deleted'],
  'record-not-found': ['record-deleted', 'relinked'],
  'link-mismatch': ['relinked'],
  'not-linked': ['relinked'],
  'server-error': ['sf-5xx', 'ae-page-5xx', 'ae-api-5xx'],
  network: ['sf-drop', 'ae-page-drop', 'ae-api-drop', 'browser-restart'],
  'save-not-confirmed': ['ae-page-5xx', 'ae-page-drop', 'latency'],
  'control-not-found': ['ae-page-5xx', 'ae-page-drop'],
  'ae-page-unavailable': ['ae-page-5xx', 'ae-page-drop', 'browser-restart', 'worker-stop', 'latency'],
  'rate-limited': ['ae-api-66'],
  'daily-limit': ['ae-api-daily-limit'],
  'not-confirmed': ['worker-stop', 'browser-restart'],
  'not-opted-out': ['admin-edit'],
  'opted-out-again': ['unsubscribe'],
  reverted: [
    'sf-5xx',
    'ae-page-5xx',
    'sf-drop',
    'ae-page-drop',
    'latency',
    'worker-stop',
    'browser-restart',
    'expire-tokens',
    'revoke-tokens',
  ],
};

/**
 * Whether the faults a job met explain its failure: a fault listed for the
 * reason, or a revert the sandbox's connector really made for this prospect.
 */
export function explained(error: string, faults: readonly Fault[], log: readonly LogEntry[], prospectId: number) {
  if ((EXPLAINS[error] ?? []).some((fault) => faults.includes(fault))) return true;
  return error === 'reverted' && log.some((e) => e.decisions?.some((d) => d.prospectId === prospectId && d.after));
}

export function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The pair a fault aimed at one person acts on. */
export interface FaultTarget {
  prospectId: number;
  record: SalesforceRecord;
}

/**
 * Injects a fault that lives in the sandbox (its answers, its data). The
 * browser's faults (worker stop, restart) are the caller's, who owns the browser.
 * Returns when the person unsubscribed, for an `unsubscribe`.
 */
export function injectSandboxFault(
  { sandbox }: RunningSandbox,
  fault: Fault,
  random: () => number,
  target: FaultTarget,
): number | null {
  const { record } = target;
  const prospect = sandbox.org.prospects.get(target.prospectId);
  switch (fault) {
    case 'latency':
      sandbox.latencyMs['*'] = 50 + Math.floor(random() * 350);
      break;
    case 'sf-5xx':
      sandbox.faults.push({
        route: 'sf-rest:PATCH',
        remaining: 1 + Math.floor(random() * 4),
        kind: 'error',
        status: 503,
        errorCode: 'SERVER_UNAVAILABLE',
      });
      break;
    case 'ae-page-5xx':
      sandbox.faults.push({ route: 'ae-page:POST', remaining: 1, kind: 'error', status: 500 });
      break;
    case 'sf-drop':
      sandbox.faults.push({ route: 'sf-rest:GET', remaining: 1, kind: 'drop' });
      break;
    case 'ae-page-drop':
      sandbox.faults.push({ route: 'ae-page:GET', remaining: 1, kind: 'drop' });
      break;
    case 'expire-tokens':
      sandbox.expireTokens();
      break;
    case 'revoke-tokens':
      sandbox.revokeTokens();
      sandbox.expireTokens();
      break;
    case 'ae-api-5xx':
      sandbox.faults.push({
        route: 'ae-api:PATCH',
        remaining: 1 + Math.floor(random() * 4),
        kind: 'error',
        status: 503,
      });
      break;
    case 'ae-api-drop':
      sandbox.faults.push({ route: 'ae-api:GET', remaining: 1, kind: 'drop' });
      break;
    case 'ae-api-66':
      sandbox.faults.push({ route: 'ae-api:PATCH', remaining: 2, kind: 'error', code: 66 });
      break;
    case 'ae-api-daily-limit':
      sandbox.faults.push({ route: 'ae-api:PATCH', remaining: 10, kind: 'error', code: 122 });
      break;
    case 'record-deleted':
      record.IsDeleted = true;
      break;
    case 'relinked': {
      const other = [...sandbox.org.records.values()].find((r) => r.object === record.object && r.Id !== record.Id);
      if (!prospect) break;
      if (record.object === 'Contact') prospect.salesforceContactId = other?.Id ?? null;
      else prospect.salesforceLeadId = other?.Id ?? null;
      break;
    }
    case 'unsubscribe':
      sandbox.unsubscribe(target.prospectId);
      return sandbox.now();
    case 'admin-edit':
      // The admin also unchecks a side by hand meanwhile (never re-checks: that would be a new opt-out).
      if (random() < 0.5) {
        if (prospect) Object.assign(prospect, { optedOut: false, updatedAt: new Date().toISOString() });
      } else
        Object.assign(record, {
          HasOptedOutOfEmail: false,
          LastModifiedDate: new Date().toISOString().replace('Z', '+0000'),
        });
      break;
    case 'worker-stop':
    case 'browser-restart':
      throw new Error(`${fault} is a browser fault: the run injects it`);
  }
  return null;
}

/** The sandbox as it was before the run's faults: no armed faults, no latency, the pair linked and present. */
export function clearSandboxFaults({ sandbox }: RunningSandbox, targets: readonly FaultTarget[]): void {
  sandbox.faults = [];
  sandbox.latencyMs = {};
  Object.assign(sandbox.config, { aeAcceptsSessionId: false, optedOutApiWrite: 'rejected' });
  for (const { prospectId, record } of targets) {
    const prospect = sandbox.org.prospects.get(prospectId);
    if (prospect && record.object === 'Contact') prospect.salesforceContactId = record.Id;
    else if (prospect) prospect.salesforceLeadId = record.Id;
  }
}
