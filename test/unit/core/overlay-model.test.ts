/**
 * What the overlay says of a pair (src/core/overlay-model.ts): its state at a glance, its tone, the
 * address the admin is asked to confirm, and whether opting in is offered at all.
 */
import { describe, expect, it } from 'vitest';
import type { JobView, PairStatus, Response } from '../../../src/core/messages';
import { overlayModel, pairState } from '../../../src/core/overlay-model';
import type { ConnectorSettings } from '../../../src/core/sync-model';
import { TARGET } from '../job-fixture';

const prospect = (optedOut: boolean | null, email: string | null = TARGET.email) => ({
  id: TARGET.prospectId,
  aeHost: TARGET.aeHost,
  email,
  optedOut,
  isDoNotEmail: false,
  isEmailHardBounced: false,
  salesforceLastSync: null,
  source: 'api' as const,
});
const record = (hasOptedOutOfEmail: boolean, email: string | null = TARGET.email) => ({
  object: TARGET.object,
  id: TARGET.recordId,
  email,
  hasOptedOutOfEmail,
  hardBounced: null,
});
const job = (phase: JobView['phase']) => ({ id: 'job-1', phase }) as JobView;

/** A linked pair, both sides read and opted out, Overwrite Opted Out on, no job: what `change` does not say. */
function status(
  change: Partial<PairStatus> = {},
  overwriteOptedOut: ConnectorSettings['overwriteOptedOut'] = 'on',
): Response<PairStatus> {
  const value = {
    prospect: prospect(true),
    record: record(true),
    linkProblem: null,
    problem: null,
    job: null,
    settings: { overwriteOptedOut },
    ...change,
  } as PairStatus;
  return { ok: true, value: { ...value, state: pairState(value) } };
}
const offered = (change: Partial<PairStatus>) => overlayModel(status(change)).canOptIn;

describe('the pair at a glance', () => {
  it('says the pair is not linked before anything the connector settings would say', () => {
    expect(pairState({ ...value(status({ linkProblem: 'link-mismatch' })) })).toBe('not-linked');
  });

  it('is an error only when neither side could be read; one side read still shows the settings', () => {
    expect(pairState(value(status({ problem: 'session-expired', prospect: null, record: null })))).toBe('error');
    expect(pairState(value(status({ problem: 'session-expired', prospect: null })))).toBe('option-on');
  });

  it('follows Overwrite Opted Out: on, off, or not known yet', () => {
    for (const option of ['on', 'off', 'unknown'] as const)
      expect(value(status({}, option)).state).toBe(`option-${option}`);
  });
});

describe('whether opting in is offered', () => {
  it('is offered for a linked pair, both sides read, opted out on either side, with an address', () => {
    expect(offered({})).toBe(true);
    expect(offered({ prospect: prospect(true), record: record(false) })).toBe(true);
    expect(offered({ prospect: prospect(false), record: record(true) })).toBe(true);
    expect(offered({ job: job('done') })).toBe(true);
  });

  it.each([
    ['the pair is not linked both ways', { linkProblem: 'not-linked' }],
    ['the Salesforce record could not be read', { record: null }],
    ['the prospect could not be read', { prospect: null }],
    ['neither side is opted out', { prospect: prospect(false), record: record(false) }],
    ['neither side has an address', { prospect: prospect(true, null), record: record(true, null) }],
    ['a job of the pair is running', { job: job('waiting-for-sync') }],
  ] as [string, Partial<PairStatus>][])('is not offered when %s', (_why, change) => {
    expect(offered(change)).toBe(false);
  });

  it('is not offered before the worker answers, nor when it answers with an error', () => {
    expect(overlayModel(null)).toEqual({ tone: 'info', email: '', job: 'idle', canOptIn: false });
    expect(overlayModel({ ok: false, error: 'session-expired' })).toMatchObject({ tone: 'error', canOptIn: false });
  });
});

describe('what the panel says', () => {
  it('asks to confirm the prospect’s address, else the record’s', () => {
    const differ = { prospect: prospect(true, 'ae@example.com'), record: record(true, 'sf@example.com') };
    expect(overlayModel(status(differ)).email).toBe('ae@example.com');
    expect(overlayModel(status({ ...differ, prospect: prospect(true, null) })).email).toBe('sf@example.com');
  });

  it('is green where Overwrite Opted Out is on, amber where it is off or not known, red on a problem', () => {
    expect(overlayModel(status({}, 'on')).tone).toBe('ok');
    expect(overlayModel(status({}, 'off')).tone).toBe('warning');
    expect(overlayModel(status({}, 'unknown')).tone).toBe('warning');
    expect(overlayModel(status({ problem: 'ae-page-unavailable' })).tone).toBe('error');
  });
});

function value(response: Response<PairStatus>): PairStatus {
  if (!response.ok) throw new Error('a status was expected');
  return response.value;
}
