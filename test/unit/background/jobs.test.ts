/** Which job a confirmation belongs to: one per pair, a pair being a prospect at its AE host and a record in its org. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The browser session is never found, and never refused: each job waits at its first step, unfinished.
const cookies = { get: () => new Promise(() => undefined), getAll: () => new Promise(() => undefined) };
vi.mock('webextension-polyfill', () => ({ default: { ...fakeBrowser, cookies } }));
const { startJob } = await import('../../../src/background/coordinator');
const { activeJobFor } = await import('../../../src/background/jobs');
const { read } = await import('../../../src/background/store');
const { TARGET } = await import('../job-fixture');

beforeEach(() => fakeBrowser.reset());

/** The same prospect id and record id in a full-copy sandbox: another org, and AE at the demo host. */
const SANDBOX = {
  ...TARGET,
  aeHost: 'pi.demo.pardot.com',
  salesforceHost: 'acme--full.sandbox.my.salesforce.com',
  orgId: '00D7e000000FuLl',
};

describe('a confirmation', () => {
  it('for prospect 1001 on the demo host starts its own job, apart from prospect 1001 on pi.pardot.com', async () => {
    const production = await startJob(TARGET, 'admin@example.com', 'asked by phone');
    const demo = await startJob({ ...TARGET, aeHost: 'pi.demo.pardot.com', recordId: '0035g00000ZzZzZAAV' }, 'a', 'b');
    expect(demo.id).not.toBe(production.id);
    expect(demo.aeHost).toBe('pi.demo.pardot.com');
  });

  it('for the same record id in a full-copy sandbox starts its own job, apart from production’s', async () => {
    const production = await startJob(TARGET, 'admin@example.com', 'asked by phone');
    const sandbox = await startJob(SANDBOX, 'admin@example.com', 'testing in the sandbox');
    expect(sandbox.id).not.toBe(production.id);
    expect(sandbox.orgId).toBe(SANDBOX.orgId);
  });

  it('for a pair whose job is running joins that job, and the audit log says who confirmed again and why', async () => {
    const first = await startJob(TARGET, 'admin@example.com', 'asked by phone');
    const second = await startJob(TARGET, 'colleague@example.com', 'asked again by email');
    expect(second.id).toBe(first.id);
    expect(Object.keys(await read('jobs'))).toEqual([first.id]);
    const joined = (await read('audit')).filter((entry) => entry.outcome === 'joined');
    expect(joined).toMatchObject([
      { admin: 'colleague@example.com', reason: 'asked again by email', prospectId: 1001, recordId: TARGET.recordId },
    ]);
  });
});

describe('the job a page shows', () => {
  it('is the job of its own org and AE host, never one of another org with the same ids', async () => {
    const production = await startJob(TARGET, 'admin@example.com', 'asked by phone');
    const sandboxOrg = { orgId: SANDBOX.orgId, salesforceHost: SANDBOX.salesforceHost };
    expect(
      await activeJobFor({
        aeHost: 'pi.demo.pardot.com',
        prospectId: 1001,
        org: sandboxOrg,
        recordId: TARGET.recordId,
      }),
    ).toBeNull();
    // An AE page whose org is not known yet (not linked): its prospect at its host.
    expect((await activeJobFor({ aeHost: 'pi.pardot.com', prospectId: 1001, org: null, recordId: null }))?.id).toBe(
      production.id,
    );
    expect(
      await activeJobFor({ aeHost: 'pi.demo.pardot.com', prospectId: 1001, org: null, recordId: null }),
    ).toBeNull();
    // A Salesforce page: its record in its org.
    const productionOrg = { orgId: TARGET.orgId, salesforceHost: TARGET.salesforceHost };
    expect(
      (await activeJobFor({ aeHost: null, prospectId: null, org: productionOrg, recordId: TARGET.recordId }))?.id,
    ).toBe(production.id);
  });
});
