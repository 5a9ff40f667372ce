/**
 * The coordinator under the conditions an admin's browser meets: the worker
 * stopped mid-wait, expired sessions, server errors, AE's concurrency limit,
 * deleted records, OAuth, an AE API that refuses or ignores Opted Out, and
 * two tabs on one prospect.
 */
import { describe, expect, it } from 'vitest';
import { AE_LAYOUTS, FAST_SYNC, STEADY_SYNC, useOrg } from './fixture';
import {
  AE,
  auditLog,
  closePage,
  configureExtension,
  confirmIn,
  connectOAuth,
  jobEnds,
  jobState,
  LIGHTNING,
  launchBrowser,
  liveWorker,
  openConfirmation,
  openProspect as openProspectPage,
  optIn,
  overlay,
  pairState,
  productWrites,
  signIn,
  stopServiceWorker,
  storedJobs,
} from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC });

const pair = (prospectId: number) => pairState(fx.org, prospectId);
const openProspect = (prospectId = 1001) => openProspectPage(fx.browser, prospectId);

describe('the job survives the service worker', () => {
  it('finishes after the worker is stopped in the middle of the wait for the sync', async () => {
    // The test holds the sync back: FAST_SYNC's margin keeps the job waiting while the worker is stopped.
    await configureExtension(fx.browser, FAST_SYNC);
    for (const bu of fx.sandbox.org.businessUnits) bu.syncIntervalMs = 0;
    fx.sandbox.scheduleSyncs();
    const page = await openProspect();
    await optIn(page, 'asked at the event');
    await expect
      .poll(async () => (await storedJobs(fx.browser))[0]?.phase, { timeout: 15_000 })
      .toBe('waiting-for-sync');
    const before = await liveWorker(fx.browser);
    await before.evaluate(() => {
      (globalThis as { marker?: string }).marker = 'set before the stop';
    });
    await stopServiceWorker(fx.browser);
    fx.sandbox.syncAll();
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
    // It was a new worker that finished the job: the old one's memory is gone.
    const after = await liveWorker(fx.browser);
    expect(await after.evaluate(() => (globalThis as { marker?: string }).marker)).toBeUndefined();
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    await closePage(page);
  });
});

/**
 * A browser of its own (its profile in `dir`) with a job for prospect 1008 waiting for a sync that
 * the sandbox holds back, then closed mid-job; `reopen` starts it again on the same profile.
 */
async function closedMidJob(reason: string) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'optout-guard-restart-'));
  for (const bu of fx.sandbox.org.businessUnits) bu.syncIntervalMs = 0;
  fx.sandbox.scheduleSyncs();
  let own = await launchBrowser(fx.org, { userDataDir: dir });
  const restarted = {
    job: async () => (await storedJobs(own))[0],
    reopen: async () => {
      own = await launchBrowser(fx.org, { userDataDir: dir });
      return own;
    },
    close: async () => {
      await own.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await signIn(own.context);
    await configureExtension(own, FAST_SYNC);
    const page = await own.context.newPage();
    await page.goto(`${AE}/prospect/read?id=1008`);
    await expect.poll(() => overlay(page).locator('[data-action="opt-in-both"]').count()).toBe(1);
    await optIn(page, reason);
    await expect.poll(async () => (await restarted.job())?.phase, { timeout: 15_000 }).toBe('waiting-for-sync');
    await own.context.close();
    return restarted;
  } catch (error) {
    await restarted.close();
    throw error;
  }
}

describe('the job survives the browser', () => {
  it('resumes after the browser is closed and reopened mid-job, and no job is left running', async () => {
    const restarted = await closedMidJob('asked before lunch');
    try {
      fx.sandbox.syncAll();
      const own = await restarted.reopen();
      // Salesforce's sid is a session cookie: after a restart the admin signs in again, and the job carries on.
      await signIn(own.context);
      await expect.poll(async () => (await restarted.job())?.phase, { timeout: 30_000 }).toMatch(/done|failed/);
      expect(JSON.stringify(await restarted.job())).toContain('"phase":"done"');
      const prospect = fx.sandbox.org.prospects.get(1008);
      expect(prospect?.optedOut).toBe(false);
      expect(fx.sandbox.org.records.get(prospect?.salesforceLeadId ?? '')?.HasOptedOutOfEmail).toBe(false);
    } finally {
      await restarted.close();
    }
  });
});

describe('a job that wrote, after a browser restart', () => {
  it('resumed long past its sync deadline before the admin signs in again, waits for the sign-in and ends done', async () => {
    const restarted = await closedMidJob('asked at the fair');
    const { job } = restarted;
    try {
      fx.sandbox.syncAll();
      // The browser stays closed well past the job's sync deadline (interval 2 s + margin 3 s, and two
      // intervals' grace), then opens: the worker resumes the job before the admin has signed in again.
      await new Promise((resolve) => setTimeout(resolve, 12_000));
      const own = await restarted.reopen();
      await expect
        .poll(async () => ((await job()) as { lastError?: string } | undefined)?.lastError, { timeout: 15_000 })
        .toMatch(/session-expired|signed-out-of-ae|ae-page-unavailable/);
      expect((await job())?.phase).not.toBe('failed');
      await signIn(own.context);
      await expect.poll(async () => (await job())?.phase, { timeout: 30_000 }).toMatch(/done|failed/);
      expect((await job())?.outcome).toEqual({ result: 'done' });
      expect(pair(1008)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    } finally {
      await restarted.close();
    }
  });
});

describe('failures end in a clear, truthful state with nothing else written', () => {
  it('an expired Salesforce session mid-job: failed, saying so, with what was written', async () => {
    // The test holds the sync back, so the job is still waiting for it when the session expires: with
    // the connector's own 2 s passes, a loaded machine saw the job done before the test could expire it.
    await configureExtension(fx.browser, FAST_SYNC);
    for (const bu of fx.sandbox.org.businessUnits) bu.syncIntervalMs = 0;
    fx.sandbox.scheduleSyncs();
    const page = await openProspect();
    await optIn(page, 'asked by phone');
    await expect
      .poll(async () => (await storedJobs(fx.browser))[0]?.phase, { timeout: 15_000 })
      .toBe('waiting-for-sync')
      .catch(async (error: Error) => {
        // A job that never waits for the sync says why in the failure (its attempts, their errors).
        throw new Error(`${error.message}; the worker's jobs: ${JSON.stringify(await storedJobs(fx.browser))}`);
      });
    fx.sandbox.expireTokens();
    // The job waits about two sync intervals for a new sign-in, then says why it stopped.
    await expect.poll(() => jobState(page), { timeout: 40_000 }).toBe('failed');
    const [job] = await storedJobs(fx.browser);
    expect(job?.outcome).toMatchObject({ result: 'failed', error: 'session-expired' });
    await expect
      .poll(() => overlay(page).locator('[data-field="job"]').innerText())
      .toContain('Salesforce session has expired');
    // Both sides were written before the session expired, and nothing but the two opt-out fields.
    const writes = productWrites(fx.org);
    expect(writes.map((w) => w.object).sort()).toEqual(expect.arrayContaining(['Contact', 'Prospect']));
    for (const write of writes) expect(Object.values(write.fields ?? {})).toEqual([false]);
    await closePage(page);
  });

  it('a 5xx on the Salesforce side: the attempt is reported, retried, and the pair ends opted in', async () => {
    fx.sandbox.faults.push({
      route: 'sf-rest:PATCH',
      remaining: 3,
      kind: 'error',
      status: 503,
      errorCode: 'SERVER_UNAVAILABLE',
    });
    const page = await openProspect();
    await optIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 40_000 }).toBe('done');
    const [job] = await storedJobs(fx.browser);
    expect(job?.attempts[0]?.writes.salesforce).toMatchObject({ ok: false, error: 'server-error' });
    expect(job?.attempts.length).toBe(2);
    expect(pair(1001)).toMatchObject({ aeOptedOut: false, sfOptedOut: false });
    await closePage(page);
  });

  it('a record deleted after the admin opened the confirmation: refused, nothing written, in the audit log', async () => {
    const page = await openProspect();
    const window = await openConfirmation(page);
    const record = pair(1001).record;
    if (record) record.IsDeleted = true;
    await confirmIn(window, 'asked by phone');
    await expect
      .poll(() => overlay(page).locator('[data-field="job"], [data-field="status"]').first().innerText(), {
        timeout: 20_000,
      })
      .toContain('deleted');
    expect(productWrites(fx.org)).toEqual([]);
    const audit = await auditLog(fx.browser);
    expect(audit).toEqual([
      expect.objectContaining({ outcome: 'failed', error: 'record-deleted', prospectId: 1001, written: [] }),
    ]);
    await closePage(page);
  });
});

describe('the AE API writer', () => {
  it('retries AE’s concurrency error (66) and writes Opted Out by API where the org allows it', async () => {
    Object.assign(fx.sandbox.config, { aeAcceptsSessionId: true, optedOutApiWrite: 'allowed' });
    fx.sandbox.faults.push({ route: 'ae-api:PATCH', remaining: 1, kind: 'error', code: 66 });
    const page = await openProspect();
    await optIn(page, 'asked by phone');
    // A job that fails says why (its attempts, their errors) in the failure.
    await jobEnds(fx.browser, page, 'done');
    const apiWrites = fx.sandbox.log.filter((e) => e.route === 'ae-api:PATCH' && e.wrote);
    // One write per attempt (a sync may fall between the two writes and cause a retry), only ever optedOut: false.
    expect(apiWrites.length).toBeGreaterThanOrEqual(1);
    expect(apiWrites.every((e) => JSON.stringify(e.wrote?.fields) === '{"optedOut":false}')).toBe(true);
    expect(fx.sandbox.log.some((e) => e.route === 'ae-api:PATCH' && e.error === 'injected')).toBe(true);
    expect(fx.sandbox.log.some((e) => e.route === 'ae-page:POST')).toBe(false);
    await closePage(page);
  });

  it.each(AE_LAYOUTS)(
    'falls back to the page writer when the AE API silently ignores Opted Out (%s)',
    async (_name, layout) => {
      Object.assign(fx.sandbox.config, layout, { aeAcceptsSessionId: true, optedOutApiWrite: 'ignored' });
      const page = await openProspect();
      await optIn(page, 'asked by phone');
      await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
      expect(fx.sandbox.log.some((e) => e.route === 'ae-page:POST' && e.changed?.optedOut === false)).toBe(true);
      const method = await (await liveWorker(fx.browser)).evaluate(
        async () => (await chrome.storage.local.get('aeOptedOutApiWrite')).aeOptedOutApiWrite,
      );
      expect(Object.values(method ?? {})).toEqual(['refused']);
      await closePage(page);
    },
  );

  it('signs in with OAuth (PKCE) when the AE API refuses the browser session, then writes by API', async () => {
    Object.assign(fx.sandbox.config, { optedOutApiWrite: 'allowed' });
    await connectOAuth(fx.browser);
    const page = await openProspect();
    await optIn(page, 'asked by phone');
    await expect.poll(() => jobState(page), { timeout: 30_000 }).toBe('done');
    expect(fx.sandbox.log.some((e) => e.route === 'ae-api:PATCH' && e.wrote?.fields.optedOut === false)).toBe(true);
    expect(fx.sandbox.log.some((e) => e.route === 'oauth:authorize')).toBe(true);
    await closePage(page);
  });
});

describe('two tabs on one prospect', () => {
  it('share one confirmation window and run one job', async () => {
    const first = await openProspect();
    const record = pair(1001).record;
    const second = await fx.browser.context.newPage();
    await second.goto(`${LIGHTNING}/lightning/r/Contact/${record?.Id}/view`);
    await expect.poll(() => overlay(second).locator('[data-action="opt-in-both"]').count()).toBe(1);
    const window = await openConfirmation(first);
    // The Contact's tab asks too: the pair's window comes to the front, no second one opens.
    await overlay(second).locator('[data-action="opt-in-both"]').click();
    await overlay(second).locator('[data-field="offered"]').waitFor();
    const windows = fx.browser.context.pages().filter((p) => p.url().includes('/src/confirm/'));
    expect(windows).toEqual([window]);
    await confirmIn(window, 'asked once');
    await expect.poll(() => jobState(first), { timeout: 30_000 }).toBe('done');
    await expect.poll(() => jobState(second), { timeout: 10_000 }).toBe('done');
    expect(await storedJobs(fx.browser)).toHaveLength(1);
    expect(productWrites(fx.org).filter((w) => w.object === 'Prospect')).toHaveLength(1);
    const audit = await auditLog(fx.browser);
    expect(audit.map((entry) => entry.outcome)).toEqual(['done']);
    await closePage(first);
    await closePage(second);
  });
});
