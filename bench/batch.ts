/**
 * The batch scenario of `npm run bench`: opted-out linked pairs restored
 * from a CSV through the extension's Restore a list page, as an admin does
 * it — the file chosen, the preview read, Confirm once, the page left open
 * until the batch is finished. Measured from the sandbox's call log (calls
 * per row, preview and run apart), the audit log (verified after the first
 * sync), the DevTools protocol and /proc (memory), and an ordinary tab in
 * front of the admin (responsiveness, with and without the batch running).
 */
import type { Page } from 'playwright-core';
import { auditLog, type Browser, LIGHTNING, liveWorker, type StoredAuditEntry } from '../test/e2e/harness';
import type { LogEntry } from '../test/sandbox/sandbox';
import { type Responsiveness, sampleBrowserMemory, sampleWorkerHeap, tabResponsiveness } from './probes';
import { percentile, round } from './stats';

export interface BatchSetup {
  browser: Browser;
  /** The sandbox's log after a sequence number (test/sandbox/process.ts). */
  log(after?: number): Promise<{ entries: LogEntry[] }>;
  /** The emails of the opted-out linked pairs to restore, one row each. */
  emails: string[];
  syncIntervalMs: number;
  /** Rows the batch runs at once: the Restore page allows 1 to 5. */
  concurrency: number;
  say(line: string): void;
}

export interface BatchResults {
  rows: number;
  syncIntervalMs: number;
  concurrency: number;
  wallSeconds: number;
  wallIntervals: number;
  previewSeconds: number;
  /**
   * Rows whose audit entry ended done with one attempt, verified on both
   * sides by the first connector sync after that attempt's writes, over all
   * rows confirmed (a row failed, expired or retried counts against it).
   */
  verifiedAfterFirstSyncRate: number;
  previewSalesforceCallsPerRow: number;
  salesforceCallsPerRow: number;
  aeCallsPerRow: number;
  /** Of aeCallsPerRow: AE API calls, and form posts of the AE prospect page (the Opted Out writes). */
  aeApiCallsPerRow: number;
  aePageSavesPerRow: number;
  /** Loads of an AE prospect page (a job's reads of the AE side without an API connection), not in aeCallsPerRow. */
  aePageLoadsPerRow: number;
  /** The run's Salesforce and AE API calls per row by kind (method, resource, a query's object and filter). */
  callsPerRowByKind: { salesforce: Record<string, number>; ae: Record<string, number> };
  outcomes: Record<string, number>;
  /**
   * A row's job, start to verified, in sync intervals (audit entries of rows done), and of that the
   * reads before its first attempt.
   */
  rowToVerifiedIntervals: { median: number; p95: number; beforeFirstAttemptMedian: number };
  /** How much of confirm → finished the concurrency's slots held a row's job (start to verified). */
  slotBusyShare: number;
  /**
   * The page writer's window, sampled every second or so while the batch runs: its tabs (the bound is
   * 3) and the share of samples at the bound, when a row needing a page waits for one.
   */
  writerTabs: { samples: number; mean: number; atBoundShare: number };
  /** The gap between a row's two writes landing (the sandbox's log), per attempt: p50 / p95 / max. */
  writeSkewMs: { p50: number; p95: number; max: number; samples: number };
  /**
   * Why a row was not verified after its first sync: a sync that ran between its two writes, a later
   * sync that still checked a side, a side not written, or its job not done.
   */
  notFirstSyncBecause: Record<string, number>;
  auditEntriesFound: number;
  peakWorkerHeapBytes: number;
  medianWorkerHeapBytes: number;
  idleWorkerHeapBytes: number;
  peakBrowserMemoryBytes: number;
  idleBrowserMemoryBytes: number;
  /** The Restore page's own script time over the run (its 1.5 s refresh of every row). */
  restorePageScriptSeconds: number;
  /**
   * The admin's own tab (Lightning home, in front): probed before and after
   * the batch, and a few times while it runs. The means are the figures to compare.
   */
  adminTab: {
    scriptMsPerLoad: { withoutBatch: number; withBatch: number };
    timerLateP95Ms: { withoutBatch: number; withBatch: number };
    frameGapP95Ms: { withoutBatch: number; withBatch: number };
    withoutBatch: Responsiveness[];
    withBatch: Responsiveness[];
  };
}

/** Probes of the admin's tab while the batch runs (the first after a few syncs, then every two minutes). */
const PROBES_WHILE_RUNNING = 4;

const lastSeq = (entries: LogEntry[], after: number) => entries.reduce((max, e) => Math.max(max, e.seq), after);
/** One request the sandbox answered as an API (a write it logs besides is not a second call). */
const isCall = (e: LogEntry, prefix: string) =>
  e.kind === 'api' && e.path !== undefined && (e.route ?? '').startsWith(prefix);
const perRow = (count: number, rows: number) => round(count / Math.max(1, rows), 4);

/** A call's kind, for the breakdown: method and resource, ids left out, a query by its object and filter. */
function kindOf(e: LogEntry): string {
  const [path = '', search = ''] = (e.path ?? '').split('?');
  const resource = path
    .replace(/^\/services\/data\/v[\d.]+/, '')
    .replace(/^\/api\/[a-z]+\/version\/\d+/, '')
    .replace(/\/[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?(?=\/|$)/g, '/:id')
    .replace(/\/\d+(?=\/|$)/g, '/:n');
  const soql = new URLSearchParams(search).get('q');
  const query = soql ? / FROM (\w+)(?: WHERE (\w+))?/i.exec(soql) : null;
  return `${e.method} ${resource}${query ? ` ${query[1]}${query[2] ? ` by ${query[2]}` : ''}` : ''}`;
}

function perRowByKind(entries: LogEntry[], rows: number): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const e of entries) counts[kindOf(e)] = (counts[kindOf(e)] ?? 0) + 1;
  return Object.fromEntries(
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([kind, count]) => [kind, perRow(count, rows)]),
  );
}

export async function runBatch(setup: BatchSetup): Promise<BatchResults> {
  const { browser, emails, say } = setup;
  const rows = emails.length;
  const csv = ['email,evidence', ...emails.map((email) => `${email},replied to the 3 Feb email asking to stay`)].join(
    '\n',
  );

  // The admin's own tab: the Lightning home page, measured before anything of the batch runs.
  const adminTab = await browser.context.newPage();
  const adminCdp = await browser.context.newCDPSession(adminTab);
  await adminCdp.send('Performance.enable');
  const home = `${LIGHTNING}/lightning/page/home`;
  const homeReady = (p: Page) => p.locator('#recent a').first().waitFor();
  const probe = async (what: string, into: Responsiveness[]) => {
    const found = await tabResponsiveness(adminTab, adminCdp, home, homeReady);
    say(`admin tab ${what}: ${JSON.stringify(found)}`);
    into.push(found);
  };
  const withoutBatch: Responsiveness[] = [];
  const withBatch: Responsiveness[] = [];
  await probe('without a batch', withoutBatch);

  const page = await browser.context.newPage();
  const pageCdp = await browser.context.newCDPSession(page);
  await pageCdp.send('Performance.enable');
  await page.goto(`chrome-extension://${browser.extensionId}/src/restore/index.html`);
  await page.locator('[data-field="org"] option').first().waitFor({ state: 'attached' });
  await page.locator('[data-field="concurrency"]').fill(String(setup.concurrency));
  // The list as a file, the way an admin brings an export from a spreadsheet.
  await page.locator('[data-field="file"]').setInputFiles({
    name: 'restore.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf8'),
  });
  await page.waitForFunction(
    (length) => (document.querySelector('[data-field="list"]') as HTMLTextAreaElement | null)?.value.length === length,
    csv.length,
  );

  const idleWorkerHeapBytes = (await sampleOnce(browser)).peakBytes;
  const idleBrowserMemoryBytes = sampleBrowserMemory(browser.userDataDir).stop().peakBytes;

  let seq = lastSeq((await setup.log()).entries, 0);
  const previewFrom = seq;
  const previewStarted = Date.now();
  await page.locator('[data-field="preview"]').click();
  await page
    .locator('[data-field="count"], [data-field="error"], [data-field="list-problem"]')
    .first()
    .waitFor({ timeout: 120_000 });
  if (!(await page.locator('[data-field="count"]').isVisible()))
    throw new Error(`the preview refused the list: ${await page.locator('main').innerText()}`.slice(0, 2_000));
  const previewSeconds = (Date.now() - previewStarted) / 1000;
  const countText = await page.locator('[data-field="count"]').innerText();
  if (!countText.startsWith(`${rows} `))
    throw new Error(`the preview offers "${countText}", not the ${rows} rows of the list`);
  const previewLog = (await setup.log(previewFrom)).entries;
  seq = lastSeq(previewLog, seq);
  const previewSf = previewLog.filter((e) => isCall(e, 'sf-rest')).length;
  say(`preview: ${rows} rows in ${round(previewSeconds)} s, ${previewSf} Salesforce calls`);

  const heap = await sampleWorkerHeap(browser);
  const memory = sampleBrowserMemory(browser.userDataDir);
  const scriptBefore = await scriptSeconds(pageCdp);
  const runFrom = seq;
  const confirmedAt = Date.now();
  await page.locator('[data-field="confirm-batch"]').click();
  await page.locator('[data-field="counts"]').waitFor();
  const batchId = new URL(page.url()).hash.slice(1);

  const bound = Math.ceil(rows / setup.concurrency) * 6 * setup.syncIntervalMs + 10 * 60_000;
  const finished = page.locator('[data-field="batch"][data-state="finished"]');
  const until = Date.now() + bound;
  let said = Date.now();
  // Once the batch is under way the admin works in their own tab a while, then comes back to the
  // Restore page; again every two minutes, a few times.
  let nextProbe = confirmedAt + Math.min(20_000, 4 * setup.syncIntervalMs);
  const writerTabCounts: number[] = [];
  while (!(await finished.isVisible())) {
    if (Date.now() > until) throw new Error(`the batch did not finish within ${bound / 1000} s`);
    await page.waitForTimeout(500);
    writerTabCounts.push(await writerTabsOpen(browser).catch(() => Number.NaN));
    if (withBatch.length < PROBES_WHILE_RUNNING && Date.now() > nextProbe) {
      await probe('with the batch running', withBatch);
      await page.bringToFront();
      nextProbe = Date.now() + 120_000;
    }
    if (Date.now() - said < 60_000) continue;
    said = Date.now();
    say(`batch: ${await page.locator('[data-field="counts"]').innerText()}`);
  }
  const wallMs = Date.now() - confirmedAt;
  const restorePageScriptSeconds = round((await scriptSeconds(pageCdp)) - scriptBefore, 2);
  const heapFigures = await heap.stop();
  const memoryFigures = memory.stop();
  const states = await page
    .locator('[data-field="rows"] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-state')}`));
  const outcomes: Record<string, number> = {};
  for (const state of states) outcomes[state] = (outcomes[state] ?? 0) + 1;

  const runLog = (await setup.log(runFrom)).entries;
  const sfCalls = runLog.filter((e) => isCall(e, 'sf-rest'));
  const aeCalls = runLog.filter((e) => isCall(e, 'ae-api'));
  const sf = sfCalls.length;
  const aeApi = aeCalls.length;
  const aeSaves = runLog.filter((e) => e.kind === 'page' && e.route === 'ae-page:POST' && e.wrote).length;
  const aePageLoads = runLog.filter((e) => e.kind === 'page' && e.route === 'ae-page:GET' && e.note?.endsWith(' read'));

  const entries = ((await auditLog(browser)) as BatchEntry[]).filter((e) => e.batchId === batchId);
  const firstSync = entries.filter(
    (e) => e.outcome === 'done' && e.attempts.length === 1 && e.attempts[0]?.verified !== undefined,
  );
  // A row's job from its start (the reads before the first write included) to both sides verified.
  const spans = entries
    .filter((e) => e.outcome === 'done')
    .map((e) => ({
      from: e.at,
      first: e.attempts[0]?.startedAt ?? e.at,
      to: e.attempts.at(-1)?.verified?.at ?? Number.NaN,
    }))
    .filter((span) => Number.isFinite(span.to));
  const toVerified = spans.map((span) => (span.to - span.from) / setup.syncIntervalMs);
  const beforeFirstWrite = spans.map((span) => (span.first - span.from) / setup.syncIntervalMs);
  const busyMs = spans.reduce((sum, span) => sum + span.to - span.from, 0);
  const { skews, notFirstSyncBecause } = explainAttempts(entries, runLog);
  const tabCounts = writerTabCounts.filter(Number.isFinite);
  await page.close();
  await probe('after the batch', withoutBatch);
  await adminTab.close();
  const meanOf = (probes: Responsiveness[], figure: (r: Responsiveness) => number) =>
    probes.length ? round(probes.reduce((sum, r) => sum + figure(r), 0) / probes.length, 2) : Number.NaN;
  const both = (figure: (r: Responsiveness) => number) => ({
    withoutBatch: meanOf(withoutBatch, figure),
    withBatch: meanOf(withBatch, figure),
  });

  return {
    rows,
    syncIntervalMs: setup.syncIntervalMs,
    concurrency: setup.concurrency,
    wallSeconds: round(wallMs / 1000),
    wallIntervals: round(wallMs / setup.syncIntervalMs, 1),
    previewSeconds: round(previewSeconds, 2),
    verifiedAfterFirstSyncRate: round(firstSync.length / Math.max(1, rows), 4),
    previewSalesforceCallsPerRow: perRow(previewSf, rows),
    salesforceCallsPerRow: perRow(sf, rows),
    aeCallsPerRow: perRow(aeApi + aeSaves, rows),
    aeApiCallsPerRow: perRow(aeApi, rows),
    aePageSavesPerRow: perRow(aeSaves, rows),
    aePageLoadsPerRow: perRow(aePageLoads.length, rows),
    callsPerRowByKind: { salesforce: perRowByKind(sfCalls, rows), ae: perRowByKind(aeCalls, rows) },
    outcomes,
    rowToVerifiedIntervals: {
      median: round(percentile(toVerified, 50), 3),
      p95: round(percentile(toVerified, 95), 3),
      beforeFirstAttemptMedian: round(percentile(beforeFirstWrite, 50), 3),
    },
    slotBusyShare: round(busyMs / (wallMs * setup.concurrency), 3),
    writerTabs: {
      samples: tabCounts.length,
      mean: round(tabCounts.reduce((sum, n) => sum + n, 0) / Math.max(1, tabCounts.length), 2),
      atBoundShare: round(tabCounts.filter((n) => n >= WRITER_TABS).length / Math.max(1, tabCounts.length), 3),
    },
    writeSkewMs: {
      p50: percentile(skews, 50),
      p95: percentile(skews, 95),
      max: skews.length ? Math.max(...skews) : Number.NaN,
      samples: skews.length,
    },
    notFirstSyncBecause,
    auditEntriesFound: entries.length,
    peakWorkerHeapBytes: heapFigures.peakBytes,
    medianWorkerHeapBytes: heapFigures.medianBytes,
    idleWorkerHeapBytes,
    peakBrowserMemoryBytes: memoryFigures.peakBytes,
    idleBrowserMemoryBytes,
    restorePageScriptSeconds,
    adminTab: {
      scriptMsPerLoad: both((r) => r.scriptMsPerLoad),
      timerLateP95Ms: both((r) => r.timerLateMs.p95),
      frameGapP95Ms: both((r) => r.frameGapMs.p95),
      withoutBatch,
      withBatch,
    },
  };
}

/** The page writer's bound (src/background/writer-window.ts), which the bench compares with its samples. */
const WRITER_TABS = 3;

/** Tabs showing an AE prospect page: in this scenario only the page writer's, in its own window. */
async function writerTabsOpen(browser: Browser): Promise<number> {
  const worker = await liveWorker(browser);
  return worker.evaluate(
    async () => (await chrome.tabs.query({})).filter((tab) => /\/prospect\/read/.test(tab.url ?? '')).length,
  );
}

type BatchEntry = StoredAuditEntry & { batchId?: string; recordId?: string };

/**
 * Each attempt's two writes as the sandbox logged them landing, and why a row was not verified after
 * its first sync (from the sandbox's log: was there a sync pass between its two writes?).
 */
function explainAttempts(
  entries: BatchEntry[],
  log: LogEntry[],
): { skews: number[]; notFirstSyncBecause: Record<string, number> } {
  const skews: number[] = [];
  const because: Record<string, number> = {};
  const count = (reason: string) => {
    because[reason] = (because[reason] ?? 0) + 1;
  };
  const syncs = log.filter((e) => e.kind === 'sync').map((e) => e.at);
  for (const entry of entries) {
    const landed = entry.attempts.map((attempt) => {
      const within = (e: LogEntry) =>
        e.at >= attempt.startedAt - 50 && e.at <= (attempt.writtenAt ?? attempt.startedAt) + 2_000;
      const ae = log.find(
        (e) =>
          e.wrote?.object === 'Prospect' &&
          e.wrote.id === String(entry.prospectId) &&
          e.kind !== 'control' &&
          within(e),
      );
      const sf = log.find(
        (e) =>
          entry.recordId !== undefined &&
          e.wrote?.id.slice(0, 15) === entry.recordId.slice(0, 15) &&
          e.kind === 'api' &&
          within(e),
      );
      if (ae && sf) skews.push(Math.abs(ae.at - sf.at));
      return { ae, sf };
    });
    const firstSync = entry.outcome === 'done' && entry.attempts.length === 1 && entry.attempts[0]?.verified;
    if (firstSync) continue;
    if (entry.outcome !== 'done') {
      count(`not done: ${entry.error ?? entry.outcome}`);
      continue;
    }
    const [first] = entry.attempts;
    const { ae, sf } = landed[0] ?? {};
    if (!ae || !sf) count('a side of the first attempt not written');
    else if (syncs.some((at) => at >= Math.min(ae.at, sf.at) && at <= Math.max(ae.at, sf.at)))
      count(`a sync ran between the two writes (${Math.abs(ae.at - sf.at)} ms apart)`);
    else if (first?.verified)
      count(
        `a later sync checked ${[first.verified.optedOut && 'AE', first.verified.hasOptedOutOfEmail && 'Salesforce'].filter(Boolean).join(' and ') || 'neither side'} again`,
      );
    else count('the first attempt was not verified');
  }
  return { skews, notFirstSyncBecause: because };
}

/** One heap sample of the idle worker (the sampler's first). */
async function sampleOnce(browser: Browser) {
  const heap = await sampleWorkerHeap(browser, 100);
  await new Promise((resolve) => setTimeout(resolve, 300));
  return heap.stop();
}

async function scriptSeconds(cdp: import('playwright-core').CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN;
}
