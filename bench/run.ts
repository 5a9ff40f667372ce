/**
 * `npm run bench`: the extension measured in real Chromium (with Chrome's
 * throttling of hidden tabs, as admins have it) against the sandbox org in a
 * process of its own — size, cost on pages, write skew, opt-in success per
 * sync cycle against the manual procedure admins used before, and time to a verified
 * opt-in, and a batch restored through the Restore a list page (bench/batch.ts;
 * `BENCH_BATCH_ROWS`, default 500, 0 to leave it out). Prints a table, writes
 * bench/results.json, and exits non-zero when a budget is missed. `BENCH_REAL=1`
 * runs it at real proportions instead (bench/results-real.json): 32 opt-ins on
 * 16 tabs, each confirmed at a random moment of the connector's 120 s sync, the
 * manual baseline alongside, checks no more often than a packed extension's 30 s
 * alarms, and no batch.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { chromium, type Page } from 'playwright-core';
// @ts-expect-error: a plain ES module script, shared with the e2e setup.
import { buildIfStale } from '../scripts/build-if-stale.mjs';
import { CHROMIUM_FLAGS, findChromium, REAL_THROTTLING } from '../test/e2e/chromium';
import {
  AE,
  auditLog,
  configureExtension,
  confirmIn,
  LIGHTNING,
  launchBrowser,
  overlay,
  type StoredAuditEntry,
  signIn,
} from '../test/e2e/harness';
import { call, saveOnAePage } from '../test/sandbox/client';
import type { Prospect, SalesforceRecord } from '../test/sandbox/model';
import { startSandboxProcess } from '../test/sandbox/process';
import { runBatch } from './batch';
import { contentLoaders, gzipBytes, serviceWorkerGzipBytes } from './sizes';
import { mean, percentile, round } from './stats';

const REAL = process.env.BENCH_REAL === '1';
const SYNC_MS = REAL ? 120_000 : Number(process.env.BENCH_SYNC_MS ?? 5000);
const JOBS = Number(process.env.BENCH_JOBS ?? (REAL ? 32 : 200));
const SKEW_JOBS = 50;
const PARALLEL = REAL ? 16 : Number(process.env.BENCH_PARALLEL ?? 8);
/** A packed extension's alarms fire at most every 30 s; the unpacked build under test allows 1 s. */
const POLL_SECONDS = REAL ? 30 : 1;
const MARGIN_SECONDS = REAL ? 30 : 3;
/** `BENCH_RESULTS` writes a trial run elsewhere, leaving the committed figures of a full run alone. */
const RESULTS = process.env.BENCH_RESULTS ?? (REAL ? 'bench/results-real.json' : 'bench/results.json');
const LOADS = Number(process.env.BENCH_LOADS ?? 20);
const FIRST_EXTRA_PROSPECT = 1010; // the sandbox's extra linked pairs follow its nine seeded prospects
/** Rows of the batch scenario (its pairs follow those of the single opt-ins and the baseline). */
const BATCH_ROWS = REAL ? 0 : Number(process.env.BENCH_BATCH_ROWS ?? 500);
/** The Restore page's largest setting: what an admin with a long list picks. */
const BATCH_CONCURRENCY = Number(process.env.BENCH_BATCH_CONCURRENCY ?? 5);
/**
 * `BENCH_ONLY=batch` runs the batch scenario alone: the single opt-ins, the baseline and the page
 * measures are skipped, and only `batch` is replaced in the results file (the other figures stay).
 */
const ONLY_BATCH = process.env.BENCH_ONLY === 'batch';
if (process.env.BENCH_ONLY && !ONLY_BATCH)
  throw new Error(`BENCH_ONLY=${process.env.BENCH_ONLY}: only "batch" is known`);
if (ONLY_BATCH && BATCH_ROWS <= 0) throw new Error('BENCH_ONLY=batch needs BENCH_BATCH_ROWS above 0');
const BUDGET = {
  contentScriptGzipBytes: 20 * 1024,
  unrelatedPageGzipBytes: 3 * 1024,
  writeSkewP95Ms: 50,
  verifiedAfterFirstSyncRate: 0.995,
  batchVerifiedAfterFirstSyncRate: 0.995,
  previewSalesforceCallsPerRow: 0.05,
};

const started = Date.now();
const log = (line: string) => console.log(`[${round((Date.now() - started) / 1000, 0)}s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

buildIfStale();
const org = await startSandboxProcess({ syncIntervalMs: SYNC_MS, extraLinkedPairs: PARALLEL + JOBS + BATCH_ROWS });
const pairOf = (prospectId: number) =>
  org.control<{ prospect: Prospect; record: SalesforceRecord | null }>(
    'GET',
    `/__sandbox/pair?prospectId=${prospectId}`,
  );
const optOutPair = (prospectId: number) => org.control('POST', '/__sandbox/records', { prospectId, optOutPair: true });
const browser = await launchBrowser(org);
if (process.env.BENCH_DEBUG) browser.worker.on('console', (m) => console.log('WORKER', m.text()));
await signIn(browser.context);
await configureExtension(browser, {
  syncIntervalSeconds: SYNC_MS / 1000,
  marginSeconds: MARGIN_SECONDS,
  pollSeconds: POLL_SECONDS,
});
const contact = (await pairOf(1001)).record;

/** The list restored (bench/batch.ts), on pairs of its own after the single opt-ins'. */
const restoreList = () =>
  runBatch({
    browser,
    log: (after) => org.log(after),
    emails: Array.from({ length: BATCH_ROWS }, (_, i) => `load${PARALLEL + JOBS + i + 1}@sandbox.example`),
    syncIntervalMs: SYNC_MS,
    concurrency: BATCH_CONCURRENCY,
    say: log,
  });

if (ONLY_BATCH) {
  const loadAtStart = loadavg();
  const only = await restoreList();
  log(`batch ${JSON.stringify(only)}`);
  const chromiumVersion = browser.context.browser()?.version() ?? 'see chromium --version';
  await browser.close();
  await org.close();
  // Merged into the results of the last full run: its other figures are kept as they were.
  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
  const measured = {
    ...only,
    run: {
      only: 'batch',
      pollSeconds: POLL_SECONDS,
      marginSeconds: MARGIN_SECONDS,
      measuredAt: new Date(started).toISOString(),
      durationSeconds: round((Date.now() - started) / 1000, 0),
      loadAverage: { atStart: loadAtStart.map((n) => round(n, 1)), atEnd: loadavg().map((n) => round(n, 1)) },
      cpus: cpus().length,
      chromium: chromiumVersion,
    },
  };
  writeFileSync(RESULTS, `${JSON.stringify({ ...previous, batch: measured }, null, 2)}\n`);
  console.log(batchTable(only));
  const rate = only.verifiedAfterFirstSyncRate >= BUDGET.batchVerifiedAfterFirstSyncRate;
  const preview = only.previewSalesforceCallsPerRow <= BUDGET.previewSalesforceCallsPerRow;
  console.log(
    `${rate ? 'within budget' : 'OVER BUDGET  '}  batch verifiedAfterFirstSyncRate: ${only.verifiedAfterFirstSyncRate} (budget ${BUDGET.batchVerifiedAfterFirstSyncRate})`,
  );
  console.log(
    `${preview ? 'within budget' : 'OVER BUDGET  '}  batch previewSalesforceCallsPerRow: ${only.previewSalesforceCallsPerRow} (budget ${BUDGET.previewSalesforceCallsPerRow})`,
  );
  process.exit(rate && preview ? 0 : 1);
}

// 1. Size: what each kind of page actually requests from the extension, plus the injected loader.
async function extensionBytes(url: string, loader: string, ready: (page: Page) => Promise<unknown>) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const files = new Set<string>([loader]);
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (event) => {
    const url = event.request.url;
    if (url.startsWith(`chrome-extension://${browser.extensionId}/`)) files.add(new URL(url).pathname.slice(1));
  });
  await page.goto(url);
  await ready(page);
  await page.waitForTimeout(500);
  await page.close();
  return [...files].reduce((sum, file) => sum + gzipBytes(file), 0);
}
const loaders = contentLoaders();
const recognisedAe = await extensionBytes(`${AE}/prospect/read?id=1001`, loaders.ae, (p) =>
  overlay(p).locator('[data-field="optedOut"]').waitFor(),
);
const recognisedSf = await extensionBytes(
  `${LIGHTNING}/lightning/r/Contact/${contact?.Id}/view`,
  loaders.salesforce,
  (p) => overlay(p).locator('[data-field="hasOptedOutOfEmail"]').waitFor(),
);
const unrelatedPageGzipBytes = await extensionBytes(`${LIGHTNING}/lightning/page/home`, loaders.salesforce, (p) =>
  p.locator('#recent a').first().waitFor(),
);
const sizes = {
  contentScriptGzipBytes: Math.max(recognisedAe, recognisedSf),
  unrelatedPageGzipBytes,
  serviceWorkerGzipBytes: serviceWorkerGzipBytes(),
};
log(`sizes ${JSON.stringify(sizes)}`);

// 2. Cost on pages.
const shell: number[] = [];
const status: number[] = [];
const page = await browser.context.newPage();
for (let i = 0; i < LOADS; i++) {
  for (const url of [`${AE}/prospect/read?id=1001`, `${LIGHTNING}/lightning/r/Contact/${contact?.Id}/view`]) {
    await page.goto(url);
    await overlay(page).locator('[data-field="optedOut"], [data-field="hasOptedOutOfEmail"]').first().waitFor();
    await page.waitForFunction(() => performance.getEntriesByName('optout-sync-guard:status').length > 0);
    // (No helper functions inside evaluate: tsx would wrap them in a __name() the page lacks.)
    const marks = await page.evaluate(() =>
      Object.fromEntries(
        ['start', 'shell', 'status'].map((name) => [
          name,
          performance.getEntriesByName(`optout-sync-guard:${name}`)[0]?.startTime ?? Number.NaN,
        ]),
      ),
    );
    shell.push((marks.shell ?? Number.NaN) - (marks.start ?? Number.NaN));
    status.push((marks.status ?? Number.NaN) - (marks.start ?? Number.NaN));
  }
}
await page.close();

async function scriptMs(context: import('playwright-core').BrowserContext): Promise<number[]> {
  const samples: number[] = [];
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Performance.enable');
  for (let i = 0; i < LOADS; i++) {
    await tab.goto(`${LIGHTNING}/lightning/page/home`);
    await tab.locator('#recent a').first().waitFor();
    await tab.waitForTimeout(300);
    const { metrics } = await cdp.send('Performance.getMetrics');
    samples.push((metrics.find((m) => m.name === 'ScriptDuration')?.value ?? Number.NaN) * 1000);
  }
  await tab.close();
  return samples;
}
const withExtension = await scriptMs(browser.context);
const plainDir = (await import('node:fs')).mkdtempSync(`${(await import('node:os')).tmpdir()}/optout-plain-`);
const plain = await chromium.launchPersistentContext(plainDir, {
  ...REAL_THROTTLING,
  executablePath: findChromium() ?? undefined,
  headless: true,
  args: [...CHROMIUM_FLAGS, `--host-resolver-rules=${org.hostRules}`],
});
await signIn(plain);
const withoutExtension = await scriptMs(plain);
await plain.close();
const costOnPages = {
  overlayShellMs: { p50: round(percentile(shell, 50)), p95: round(percentile(shell, 95)) },
  overlayStatusMs: { p50: round(percentile(status, 50)), p95: round(percentile(status, 95)) },
  unrelatedPageScriptMs: {
    withExtension: round(mean(withExtension), 2),
    withoutExtension: round(mean(withoutExtension), 2),
    ratio: round(mean(withExtension) / mean(withoutExtension), 3),
  },
};
log(`cost ${JSON.stringify(costOnPages)}`);

// The manual procedure as a baseline (toBe Marketing's article on the connector option describes
// it): two separate saves a human-like 2–15 s apart (scaled to this interval as 2–15 s are to 2
// minutes), checked after the sync, retried the same way.
const cookieOf = async (host: string) =>
  String((await call(org, { host, path: '/__sandbox/login', insecure: true })).headers['set-cookie']).split(';')[0] ??
  '';
const aeCookie = await cookieOf('pi.pardot.com');
const sidCookie = await cookieOf('sandbox.lightning.force.com');
const syncCount = async () => (await org.log(Number.MAX_SAFE_INTEGER)).syncCount;
async function manualOptIn(prospectId: number): Promise<number | null> {
  // Admins start whenever they start: spread the runs over one sync interval.
  await sleep(Math.random() * SYNC_MS);
  for (let cycle = 1; cycle <= 10; cycle++) {
    const { record } = await pairOf(prospectId);
    if (!record) return null;
    // Uncheck Opted Out on the AE page (the whole form, as the page posts it)…
    await saveOnAePage({ ...org, insecure: true }, aeCookie, prospectId, false);
    await sleep(((2 + Math.random() * 13) / 120) * SYNC_MS);
    // …and Email Opt Out on the Lightning page, 2–15 s later (scaled to the interval).
    await call(org, {
      host: 'sandbox.lightning.force.com',
      method: 'POST',
      path: `/__page/record/${record.Id}`,
      headers: { cookie: sidCookie },
      body: { HasOptedOutOfEmail: false },
      insecure: true,
    });
    const syncs = await syncCount();
    while ((await syncCount()) === syncs) await sleep(REAL ? 1_000 : 50);
    const after = await pairOf(prospectId);
    if (!after.prospect.optedOut && after.record && !after.record.HasOptedOutOfEmail) return cycle;
  }
  return null;
}
const runBaseline = () =>
  Promise.all(Array.from({ length: JOBS }, (_, i) => manualOptIn(FIRST_EXTRA_PROSPECT + PARALLEL + i)));
// At real proportions the baseline runs beside the extension's opt-ins (on pairs of its own), to keep
// the run's length reasonable; at 5 s it runs after them, as it always has.
const baselineRun = REAL ? runBaseline() : null;

// 3–5. Coordinated opt-ins, PARALLEL tabs at a time, each on its own pair.

interface Run {
  prospectId: number;
  confirmedAt: number;
  shownAt: number;
  outcome: string;
}
const runs: Run[] = [];
let next = 0;
let opening: Promise<unknown> = Promise.resolve();
/**
 * The overlay's button and the confirmation window it opens, one tab at a time: windows are told
 * apart only by the order they open in, so two tabs clicking together could each take the other's.
 * Only the click and the window's opening are taken in turn; its reads and the job overlap.
 */
async function openConfirmationAlone(tab: Page): Promise<Page> {
  const turn = opening.then(async () => {
    const opened = tab.context().waitForEvent('page', {
      predicate: (candidate) => candidate.url().includes('/src/confirm/index.html'),
      timeout: 20_000,
    });
    opened.catch(() => undefined);
    await overlay(tab).locator('[data-action="opt-in-both"]').click();
    return opened;
  });
  opening = turn.catch(() => undefined);
  const window = await turn;
  await window
    .locator('[data-field="reason"], [data-field="error"], [data-field="nothing-to-do"]')
    .first()
    .waitFor({ timeout: 40_000 });
  return window;
}
async function worker(prospectId: number) {
  const tab = await browser.context.newPage();
  while (next < JOBS) {
    next++;
    // A page that does not load in time (a loaded machine) costs this opt-in, counted, not the run.
    try {
      await optOutPair(prospectId);
      await tab.goto(`${AE}/prospect/read?id=${prospectId}`);
      // A job of this pair's that started without the bench seeing it (its window lost) is waited out.
      const button = await overlay(tab)
        .locator('[data-action="opt-in-both"]')
        .waitFor({ timeout: 20_000 })
        .then(() => true)
        .catch(async () => {
          await tab
            .waitForFunction(
              () => !/running/.test(document.querySelector('[data-optout-sync-guard]')?.getAttribute('data-job') ?? ''),
              undefined,
              { timeout: 6 * SYNC_MS + 60_000, polling: 500 },
            )
            .catch(() => undefined);
          await optOutPair(prospectId);
          await tab.goto(`${AE}/prospect/read?id=${prospectId}`);
          return overlay(tab)
            .locator('[data-action="opt-in-both"]')
            .waitFor({ timeout: 20_000 })
            .then(
              () => true,
              () => false,
            );
        });
      if (!button) {
        const why = await overlay(tab)
          .locator('section')
          .innerText()
          .catch(() => '');
        runs.push({
          prospectId,
          confirmedAt: Date.now(),
          shownAt: Date.now(),
          outcome: `not started: no opt-in button`,
        });
        log(`prospect ${prospectId}: no opt-in button: ${why.slice(-300).replace(/\n/g, ' ')}`);
        continue;
      }
      // At real proportions each opt-in is confirmed at a moment of its own, independent of the sync's
      // phase and of the other tabs, so confirm → done is a distribution rather than one draw.
      if (REAL) await sleep(Math.random() * SYNC_MS);
      const confirmedAt = Date.now();
      let window: Page;
      try {
        window = await openConfirmationAlone(tab);
        await confirmIn(window, 'benchmark run');
      } catch (error) {
        const why = `not started: ${String(error).split('\n')[0]?.slice(0, 160)}`;
        runs.push({ prospectId, confirmedAt, shownAt: Date.now(), outcome: why });
        log(`prospect ${prospectId}: ${why}`);
        continue;
      }
      const refusal = await window
        .locator('[data-field="error"]')
        .innerText({ timeout: 100 })
        .catch(() => null);
      // The overlay may still show this pair's previous (finished) job until the new one is picked up;
      // a refusal shows in the confirmation window instead.
      const picked = await tab
        .waitForFunction(
          (refused) => {
            const host = document.querySelector('[data-optout-sync-guard]');
            if (host?.getAttribute('data-job') === 'running') return 'running';
            return refused ? 'refused' : false;
          },
          refusal,
          { timeout: 30_000, polling: 100 },
        )
        .then((handle) => handle.jsonValue())
        .catch(() => 'timeout');
      if (!window.isClosed()) await window.close().catch(() => undefined);
      if (picked !== 'running') {
        const why = await overlay(tab)
          .locator('section')
          .innerText()
          .catch(() => '');
        runs.push({ prospectId, confirmedAt, shownAt: Date.now(), outcome: `not started: ${why.slice(-200)}` });
        log(`prospect ${prospectId}: job not started (${picked}): ${why.slice(-300).replace(/\n/g, ' ')}`);
        continue;
      }
      const outcome = await tab
        .waitForFunction(
          () => {
            const state = document.querySelector('[data-optout-sync-guard]')?.getAttribute('data-job') ?? '';
            return /done|failed/.test(state) ? state : false;
          },
          undefined,
          { timeout: 6 * SYNC_MS + 60_000, polling: 200 },
        )
        .then((handle) => handle.jsonValue())
        .catch(() => 'timeout');
      runs.push({ prospectId, confirmedAt, shownAt: Date.now(), outcome: String(outcome) });
      if (outcome === 'timeout') log(`prospect ${prospectId}: no outcome within ${6 * SYNC_MS + 60_000} ms`);
      if (runs.length % 20 === 0) log(`${runs.length}/${JOBS} opt-ins`);
    } catch (error) {
      const why = `not started: ${String(error).split('\n')[0]?.slice(0, 160)}`;
      runs.push({ prospectId, confirmedAt: Date.now(), shownAt: Date.now(), outcome: why });
      log(`prospect ${prospectId}: ${why}`);
    }
  }
  await tab.close();
}
await Promise.all(Array.from({ length: PARALLEL }, (_, i) => worker(FIRST_EXTRA_PROSPECT + i)));

type AuditAttempt = StoredAuditEntry['attempts'][number];
const audit = await auditLog(browser);
const done = audit.filter((entry) => entry.outcome === 'done');
const cycles = done.map((entry) => entry.attempts.length);

// Skew, from the sandbox's own log (its clock, in its own process): the gap between the two writes of
// each attempt landing.
const { entries: sandboxLog } = await org.log();
const skews: number[] = [];
/** Salesforce's write landing after AE's (negative: before), to see which side a long skew waits on. */
const salesforceLags: number[] = [];
/**
 * Where the time goes, page writer only: the worker's Save command to the page's word that it
 * clicked (when the PATCH leaves), then each write's way from leaving the worker to the sandbox.
 */
const legs = { saveToClicked: [] as number[], salesforceTransit: [] as number[], aeTransit: [] as number[] };
/**
 * Why an attempt of a job that ended done was followed by another: a sync pass that ran between its
 * two writes landing, a sync after both that still checked a side, the sync not seen in time, or
 * a side not written.
 */
const retried: Record<string, number> = {};
const retriedBecause = (reason: string) => {
  retried[reason] = (retried[reason] ?? 0) + 1;
};
for (const entry of audit) {
  const { prospect } = await pairOf(entry.prospectId);
  const recordId = prospect.salesforceContactId ?? prospect.salesforceLeadId;
  for (const [index, attempt] of entry.attempts.entries()) {
    const window = (e: { at: number }) =>
      e.at >= attempt.startedAt - 50 && e.at <= (attempt.writtenAt ?? attempt.startedAt) + 2_000;
    const ae = sandboxLog.find(
      (e) =>
        e.wrote?.object === 'Prospect' && e.wrote.id === String(entry.prospectId) && e.kind !== 'control' && window(e),
    );
    const sf = sandboxLog.find((e) => e.wrote?.id === recordId && (e.kind === 'api' || e.kind === 'page') && window(e));
    if (entry.outcome === 'done' && index < entry.attempts.length - 1) {
      const [from, to] = ae && sf ? [Math.min(ae.at, sf.at), Math.max(ae.at, sf.at)] : [0, -1];
      const between = sandboxLog.some((e) => e.kind === 'sync' && e.at >= from && e.at <= to);
      if (between) retriedBecause(`a sync ran between the two writes (${to - from} ms apart)`);
      else if (attempt.verified)
        retriedBecause(
          `a later sync checked ${[attempt.verified.optedOut && 'AE', attempt.verified.hasOptedOutOfEmail && 'Salesforce'].filter(Boolean).join(' and ') || 'neither side'} again`,
        );
      else if (attempt.syncTimedOut) retriedBecause('the sync was not seen before the deadline');
      else retriedBecause('a side was not written');
    }
    if (ae && sf) {
      skews.push(Math.abs(ae.at - sf.at));
      salesforceLags.push(sf.at - ae.at);
      const aeSent = attempt.writes?.ae?.method === 'page' ? attempt.writes.ae.sentAt : undefined;
      const sfSent = attempt.writes?.salesforce?.sentAt;
      if (aeSent !== undefined && sfSent !== undefined) {
        legs.saveToClicked.push(sfSent - aeSent);
        legs.salesforceTransit.push(sf.at - sfSent);
        legs.aeTransit.push(ae.at - aeSent);
      }
    }
  }
}
const skewSample = skews.slice(0, Math.max(SKEW_JOBS, skews.length));
const times = runs.filter((r) => r.outcome === 'done').map((r) => (r.shownAt - r.confirmedAt) / SYNC_MS);
const first = (entry: (typeof audit)[number]) => entry.attempts[0] ?? ({ startedAt: entry.at } as AuditAttempt);
const seen = done.map(first).filter((a) => a.writtenAt && a.syncSeenAt && a.verified);
const median = (values: number[]) => round(percentile(values, 50) / SYNC_MS, 3);
const gap = {
  confirmToWritten: median(done.map((e) => (first(e).writtenAt ?? e.at) - e.at)),
  writtenToSync: median(seen.map((a) => (a.syncSeenAt ?? 0) - (a.writtenAt ?? 0))),
  syncToVerified: median(seen.map((a) => (a.verified?.at ?? 0) - (a.syncSeenAt ?? 0))),
  verifiedToShown: median(
    seen.flatMap((a) => {
      const run = runs.find(
        (r) =>
          r.shownAt >= (a.verified?.at ?? 0) &&
          r.confirmedAt <= a.startedAt &&
          r.shownAt - (a.verified?.at ?? 0) < 60_000,
      );
      return run ? [run.shownAt - (a.verified?.at ?? 0)] : [];
    }),
  ),
  syncNotSeenBeforeDeadline: done.length - seen.length,
};
/** Why the others did not finish: the audit log's error codes, and what the overlay said for jobs never started. */
const failures: Record<string, number> = {};
for (const entry of audit)
  if (entry.outcome !== 'done')
    failures[entry.error ?? entry.outcome] = (failures[entry.error ?? entry.outcome] ?? 0) + 1;
for (const run of runs)
  if (run.outcome.startsWith('not started') || run.outcome === 'timeout')
    failures[run.outcome.slice(0, 80)] = (failures[run.outcome.slice(0, 80)] ?? 0) + 1;
log(
  `opt-ins: ${done.length}/${runs.length} done${Object.keys(failures).length ? `; not done: ${JSON.stringify(failures)}` : ''}`,
);

const baseline = await (baselineRun ?? runBaseline());
const baselineDone = baseline.filter((c): c is number => c !== null);
log(`baseline: ${baselineDone.length}/${JOBS} verified`);

// 6. A batch restored from a list (bench/batch.ts), on pairs of its own.
const batch = BATCH_ROWS > 0 ? await restoreList() : null;
if (batch) log(`batch ${JSON.stringify(batch)}`);

await browser.close();
await org.close();

const verifiedAfterFirstSyncRate = round(
  done.filter((e) => e.attempts.length === 1).length / Math.max(1, runs.length),
  4,
);
const manualBaselineVerifiedAfterFirstSyncRate = round(baselineDone.filter((c) => c === 1).length / JOBS, 4);
const results = {
  ...sizes,
  ...costOnPages,
  writeSkewMs: {
    p50: percentile(skewSample, 50),
    p95: percentile(skewSample, 95),
    max: Math.max(...skewSample),
    samples: skewSample.length,
    salesforceAfterAe: {
      p5: percentile(salesforceLags, 5),
      p50: percentile(salesforceLags, 50),
      p95: percentile(salesforceLags, 95),
    },
    legs: Object.fromEntries(
      Object.entries(legs).map(([name, values]) => [
        name,
        { p50: percentile(values, 50), p95: percentile(values, 95) },
      ]),
    ),
  },
  verifiedAfterFirstSyncRate,
  cyclesToVerified: { mean: round(mean(cycles), 3), max: Math.max(...cycles) },
  retriedAttempts: retried,
  jobs: { run: runs.length, done: done.length, failed: runs.length - done.length, failures },
  manualBaselineVerifiedAfterFirstSyncRate,
  manualBaselineCyclesToVerified: {
    mean: round(mean(baselineDone), 3),
    max: Math.max(...baselineDone),
    neverVerified: JOBS - baselineDone.length,
  },
  timeToVerifiedIntervals: {
    median: round(percentile(times, 50), 3),
    p95: round(percentile(times, 95), 3),
    floor: 0.5,
    gap,
  },
  /** Confirm → the overlay showing done, in sync intervals, over every opt-in that ended done. */
  confirmToDoneIntervals: {
    median: round(percentile(times, 50), 3),
    p95: round(percentile(times, 95), 3),
    samples: times.length,
    floor: 0.5,
  },
  ...(batch ? { batch } : {}),
  setup: {
    realProportions: REAL,
    syncIntervalMs: SYNC_MS,
    pollSeconds: POLL_SECONDS,
    syncPhase: 'random',
    hiddenTabThrottling: 'on (Chromium defaults, as admins have them)',
    sandbox: 'own process',
    parallelTabs: PARALLEL,
    pageLoads: LOADS * 2,
    aeWriter: 'page (AE API refuses optedOut: error 180)',
  },
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: round(totalmem() / 2 ** 30, 0),
    node: process.version,
    chromium: browser.context.browser()?.version() ?? 'see chromium --version',
  },
  versions: JSON.parse((await import('node:fs')).readFileSync('package.json', 'utf8')).devDependencies,
  durationSeconds: round((Date.now() - started) / 1000, 0),
};
writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

const budgetRows: [string, number, number, boolean][] = [
  [
    'contentScriptGzipBytes',
    results.contentScriptGzipBytes,
    BUDGET.contentScriptGzipBytes,
    results.contentScriptGzipBytes <= BUDGET.contentScriptGzipBytes,
  ],
  [
    'unrelatedPageGzipBytes',
    results.unrelatedPageGzipBytes,
    BUDGET.unrelatedPageGzipBytes,
    results.unrelatedPageGzipBytes <= BUDGET.unrelatedPageGzipBytes,
  ],
  ['writeSkewMs p95', results.writeSkewMs.p95, BUDGET.writeSkewP95Ms, results.writeSkewMs.p95 <= BUDGET.writeSkewP95Ms],
  [
    'verifiedAfterFirstSyncRate',
    verifiedAfterFirstSyncRate,
    BUDGET.verifiedAfterFirstSyncRate,
    verifiedAfterFirstSyncRate >= BUDGET.verifiedAfterFirstSyncRate,
  ],
  ...(batch
    ? ([
        [
          'batch verifiedAfterFirstSyncRate',
          batch.verifiedAfterFirstSyncRate,
          BUDGET.batchVerifiedAfterFirstSyncRate,
          batch.verifiedAfterFirstSyncRate >= BUDGET.batchVerifiedAfterFirstSyncRate,
        ],
        [
          'batch previewSalesforceCallsPerRow',
          batch.previewSalesforceCallsPerRow,
          BUDGET.previewSalesforceCallsPerRow,
          batch.previewSalesforceCallsPerRow <= BUDGET.previewSalesforceCallsPerRow,
        ],
      ] as [string, number, number, boolean][])
    : []),
];
console.log(`
| measure | value |
| --- | --- |
| content script on a recognised page (gzip) | ${results.contentScriptGzipBytes} B |
| content script on an unrecognised page (gzip) | ${results.unrelatedPageGzipBytes} B |
| service worker (gzip) | ${results.serviceWorkerGzipBytes} B |
| overlay shell p50 / p95 | ${results.overlayShellMs.p50} / ${results.overlayShellMs.p95} ms |
| overlay with both sides' state p50 / p95 | ${results.overlayStatusMs.p50} / ${results.overlayStatusMs.p95} ms |
| script time on an unrecognised page, with / without | ${results.unrelatedPageScriptMs.withExtension} / ${results.unrelatedPageScriptMs.withoutExtension} ms (×${results.unrelatedPageScriptMs.ratio}) |
| write skew p50 / p95 / max (${results.writeSkewMs.samples} attempts) | ${results.writeSkewMs.p50} / ${results.writeSkewMs.p95} / ${results.writeSkewMs.max} ms |
| Salesforce landing after AE, p5 / p50 / p95 | ${results.writeSkewMs.salesforceAfterAe.p5} / ${results.writeSkewMs.salesforceAfterAe.p50} / ${results.writeSkewMs.salesforceAfterAe.p95} ms |
| Save command → page clicked / PATCH → sandbox / Save command → form post at sandbox, p50 (p95) | ${Object.values(
  results.writeSkewMs.legs,
)
  .map((l) => `${l.p50} (${l.p95})`)
  .join(' / ')} ms |
| verified after the first sync: extension / manual | ${round(verifiedAfterFirstSyncRate * 100, 2)}% / ${round(manualBaselineVerifiedAfterFirstSyncRate * 100, 2)}% (${JOBS} each) |
| attempts followed by another, and why | ${
  Object.entries(retried)
    .map(([reason, count]) => `${count}: ${reason}`)
    .join('; ') || 'none'
} |
| sync cycles to verified, mean (max): extension / manual | ${results.cyclesToVerified.mean} (${results.cyclesToVerified.max}) / ${results.manualBaselineCyclesToVerified.mean} (${results.manualBaselineCyclesToVerified.max}) |
| confirm → done, in sync intervals: median / p95 (floor 0.5, ${times.length} opt-ins) | ${results.timeToVerifiedIntervals.median} / ${results.timeToVerifiedIntervals.p95} |
| …of which confirm→written / written→sync / sync→verified / verified→shown (medians, in intervals) | ${gap.confirmToWritten} / ${gap.writtenToSync} / ${gap.syncToVerified} / ${gap.verifiedToShown} |
| sync interval (random phase) / duration | ${SYNC_MS} ms / ${results.durationSeconds} s |
${batch ? batchTable(batch) : ''}`);
let missed = false;
for (const [name, value, budget, ok] of budgetRows) {
  console.log(`${ok ? 'within budget' : 'OVER BUDGET  '}  ${name}: ${value} (budget ${budget})`);
  missed ||= !ok;
}
process.exit(missed ? 1 : 0);

function batchTable(b: NonNullable<typeof batch>): string {
  const mib = (bytes: number) => `${round(bytes / 2 ** 20, 1)} MiB`;
  const tab = (which: 'withoutBatch' | 'withBatch') =>
    `${b.adminTab.scriptMsPerLoad[which]} ms script per load, timer late p95 ${b.adminTab.timerLateP95Ms[which]} ms, frame gap p95 ${b.adminTab.frameGapP95Ms[which]} ms (mean of ${b.adminTab[which].length} probes, ${b.adminTab[which].reduce((n, r) => n + r.longTasks, 0)} long tasks)`;
  return `
| batch (Restore a list, concurrency ${b.concurrency}) | value |
| --- | --- |
| rows / outcomes | ${b.rows} / ${JSON.stringify(b.outcomes)} |
| preview | ${b.previewSeconds} s, ${b.previewSalesforceCallsPerRow} Salesforce calls per row |
| confirm → finished | ${b.wallSeconds} s = ${b.wallIntervals} sync intervals |
| a row's job, start → verified, median / p95 (of which before its first write, median) | ${b.rowToVerifiedIntervals.median} / ${b.rowToVerifiedIntervals.p95} (${b.rowToVerifiedIntervals.beforeFirstAttemptMedian}) intervals |
| share of the run the ${b.concurrency} slots held a row's job | ${round(b.slotBusyShare * 100, 1)}% |
| page writer's tabs open, mean / share of the run at its bound of 3 | ${b.writerTabs.mean} / ${round(b.writerTabs.atBoundShare * 100, 1)}% (${b.writerTabs.samples} samples) |
| write skew p50 / p95 / max (${b.writeSkewMs.samples} attempts) | ${b.writeSkewMs.p50} / ${b.writeSkewMs.p95} / ${b.writeSkewMs.max} ms |
| not verified after the first sync, and why | ${
    Object.entries(b.notFirstSyncBecause)
      .map(([reason, count]) => `${count}: ${reason}`)
      .join('; ') || 'none'
  } |
| calls per row in the run: Salesforce / AE (API + page saves) | ${b.salesforceCallsPerRow} / ${b.aeCallsPerRow} (${b.aeApiCallsPerRow} + ${b.aePageSavesPerRow}) |
| verified after the first sync | ${round(b.verifiedAfterFirstSyncRate * 100, 2)}% (${b.auditEntriesFound} audit entries) |
| worker JS heap: idle / median / peak | ${mib(b.idleWorkerHeapBytes)} / ${mib(b.medianWorkerHeapBytes)} / ${mib(b.peakWorkerHeapBytes)} |
| browser memory (PSS, all processes): idle / peak | ${mib(b.idleBrowserMemoryBytes)} / ${mib(b.peakBrowserMemoryBytes)} |
| Restore page's own script time over the run | ${b.restorePageScriptSeconds} s |
| Salesforce calls per row by kind | ${Object.entries(b.callsPerRowByKind.salesforce)
    .map(([kind, n]) => `${kind}: ${n}`)
    .join('; ')} |
| admin's tab without the batch (before, after) | ${tab('withoutBatch')} |
| admin's tab with the batch running | ${tab('withBatch')} |
`;
}
