/**
 * Real Chromium with the built extension, reaching the sandbox org under the
 * real host names. One browser per test file; helpers for what tests do.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { DEFAULT_OPTIONS } from '../../src/core/options';
import { call } from '../sandbox/client';
import type { SandboxOptions } from '../sandbox/sandbox';
import { type RunningSandbox, startSandbox } from '../sandbox/server';
import { CHROMIUM_FLAGS, CHROMIUM_MISSING, findChromium, REAL_THROTTLING } from './chromium';

const DIST = resolve('dist');
export const SF = 'https://sandbox.my.salesforce.com';
export const LIGHTNING = 'https://sandbox.lightning.force.com';
export const AE = 'https://pi.pardot.com';
/** A full-copy sandbox of the org: the same record ids, another org. */
export const FULL_COPY = 'https://sandbox--full.sandbox.my.salesforce.com';

export interface Browser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  userDataDir: string;
  /** Closes the browser; one that does not answer within 15 s is killed. */
  close(): Promise<void>;
}

/** A wait that did not end within its bound: the browser (or the page) stopped answering. */
export class Stalled extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`stalled: ${what} did not finish within ${ms} ms`);
  }
}

/**
 * Every wait on the browser has a bound: some CDP calls (a new page, a target
 * list) never answer when Chromium is wedged, and Playwright gives them no timeout.
 */
export function bounded<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Stalled(what, ms)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, stalled]).finally(() => clearTimeout(timer));
}

/**
 * Closes a page a test is done with. Now and then Chromium never confirms a
 * close (about one run in twenty of the "Opt In" link test, before this was
 * bounded, hung there until the test's timeout); the page is gone for the test
 * either way, so the stall is said and the test goes on.
 */
export async function closePage(page: Page): Promise<void> {
  try {
    await bounded('closing a page', 10_000, page.close());
  } catch (error) {
    if (!(error instanceof Stalled)) throw error;
    console.warn(`${error.message}; the test goes on`);
  }
}

/** Kills every process of the Chromium using this profile directory (Linux: read from /proc). */
function killChromium(userDataDir: string): void {
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (command.includes(`--user-data-dir=${userDataDir}`)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
}

export async function launchBrowser(
  running: Pick<RunningSandbox, 'hostRules'>,
  {
    locale = 'en',
    userDataDir,
    headless = true,
  }: { locale?: 'en' | 'ja'; userDataDir?: string; headless?: boolean } = {},
): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const dir = userDataDir ?? mkdtempSync(join(tmpdir(), 'optout-guard-'));
  const context = await chromium.launchPersistentContext(dir, {
    ...REAL_THROTTLING,
    executablePath,
    headless,
    locale: locale === 'ja' ? 'ja-JP' : 'en-US',
    env: { ...process.env, LANGUAGE: locale, LANG: locale === 'ja' ? 'ja_JP.UTF-8' : 'en_US.UTF-8' },
    args: [
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      ...CHROMIUM_FLAGS,
      `--lang=${locale}`,
      `--host-resolver-rules=${running.hostRules}`,
    ],
  });
  // Every Playwright wait has a bound (its default is none): a stuck step fails naming itself.
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    userDataDir: dir,
    close: async () => {
      await bounded('closing the browser', 15_000, context.close()).catch(() => killChromium(dir));
      if (!userDataDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Signs the demo admin in to Salesforce (My Domain and Lightning) and to Account Engagement, through
 * the sandbox's sign-in page in a tab. With `org`, the same sign-in is asked of the sandbox from Node
 * and its session cookies handed to the browser as the page would have set them (a second instead of
 * three page loads before every test); the extension sees the same cookies either way.
 */
export async function signIn(
  context: BrowserContext,
  origins: string[] = [SF, LIGHTNING, AE],
  org?: RunningSandbox,
): Promise<void> {
  if (org) {
    for (const origin of origins) {
      const reply = await call(org, { host: new URL(origin).host, path: '/__sandbox/login' });
      const header = reply.headers['set-cookie'];
      // A sign-in the sandbox refuses (an AE admin of several business units at pi.pardot.com) sets nothing.
      for (const cookie of reply.status === 200 ? [header ?? []].flat() : []) {
        const [pair = '', ...attributes] = cookie.split(';').map((part) => part.trim());
        const at = pair.indexOf('=');
        const has = (name: string) => attributes.some((attribute) => attribute.toLowerCase() === name);
        await context.addCookies([
          {
            name: pair.slice(0, at),
            value: pair.slice(at + 1),
            url: origin,
            secure: has('secure'),
            httpOnly: has('httponly'),
            sameSite: 'None',
          },
        ]);
      }
    }
    return;
  }
  const page = await bounded('opening a page to sign in', 15_000, context.newPage());
  for (const origin of origins) await page.goto(`${origin}/__sandbox/login`, { timeout: 15_000 });
  await bounded('closing the sign-in page', 15_000, page.close());
}

/** What an admin does in the options page to connect OAuth (the sandbox's connected app, PKCE). */
export async function connectOAuth(browser: Browser): Promise<void> {
  await configureExtension(browser, { oauthClientId: 'sandbox-client', oauthLoginHost: 'sandbox.my.salesforce.com' });
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/src/options/index.html`);
  await options.locator('[data-action="oauth-connect"]').click();
  await options.locator('[data-field="oauth-status"]', { hasText: 'Connected' }).waitFor({ timeout: 15_000 });
  await closePage(options);
}

/** The extension's stored connector settings, by business unit. */
export async function storedSettings(browser: Browser) {
  return (await (
    await liveWorker(browser)
  ).evaluate(async () => (await chrome.storage.local.get('settings')).settings ?? {})) as Record<
    string,
    { overwriteOptedOut: string; optedOutSyncBehavior: string | null; optedOutMapped: boolean | null }
  >;
}

/**
 * Opens an AE settings page (connector or Opted Out field, given by URL) and waits until the
 * extension has stored what it shows, as an admin's visit would leave it.
 */
export async function readSettingsPage(
  browser: Browser,
  url: string,
  learned: (settings: Awaited<ReturnType<typeof storedSettings>>) => boolean,
) {
  const page = await browser.context.newPage();
  await page.goto(url);
  for (let tries = 0; tries < 100 && !learned(await storedSettings(browser)); tries++) await page.waitForTimeout(100);
  await closePage(page);
  if (!learned(await storedSettings(browser))) throw new Error(`the extension did not learn the settings on ${url}`);
}

/** The Account Engagement Lightning app's page framing this AE path. */
export const aeApp = (path: string) =>
  `${LIGHTNING}/lightning/page/pardot/prospect?pardot__path=${encodeURIComponent(path)}`;

export async function startOrg(options: SandboxOptions = {}): Promise<RunningSandbox> {
  return startSandbox({ syncIntervalMs: 0, ...options });
}

export const overlay = (page: Page) => page.locator('[data-optout-sync-guard="overlay"]');
/** The overlay's job state: idle, running, done or failed. */
export const jobState = (page: Page) => overlay(page).getAttribute('data-job');

/** A job as the worker keeps it (the fields tests look at). */
export interface StoredJob {
  id: string;
  prospectId: number;
  phase: string;
  createdAt: number;
  updatedAt: number;
  attempts: { writes: Record<string, { ok?: boolean; error?: string; method: string }> }[];
  outcome?: { result: string; error?: string; written?: string[] };
}
/** An audit log entry as the worker keeps it (the fields tests look at). */
export interface StoredAuditEntry {
  jobId: string;
  prospectId: number;
  at: number;
  outcome: string;
  error: string | null;
  attempts: {
    startedAt: number;
    writes?: Partial<Record<'ae' | 'salesforce', { method: string; sentAt?: number }>>;
    writtenAt?: number;
    syncSeenAt?: number;
    syncTimedOut?: boolean;
    verified?: { at: number; optedOut: boolean; hasOptedOutOfEmail: boolean };
  }[];
}

/** A prospect page the admin opened, once its overlay offers to opt the prospect in. */
export async function openProspect(browser: Browser, prospectId = 1001): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${AE}/prospect/read?id=${prospectId}`);
  await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
  return page;
}

/** The Lightning page of a prospect's Contact or Lead, once its overlay offers to opt in. */
export async function openRecord(browser: Browser, running: RunningSandbox, prospectId = 1001): Promise<Page> {
  const { record } = pairState(running, prospectId);
  if (!record) throw new Error(`prospect ${prospectId} has no Salesforce record`);
  const page = await browser.context.newPage();
  await page.goto(`${LIGHTNING}/lightning/r/${record.object}/${record.Id}/view`);
  await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
  return page;
}

/**
 * Waits until the page's overlay shows the job ended, and fails unless it ended `expected`. A
 * failure shows what the worker stored about the job (its phase, outcome, last error, attempts), so
 * a run that fails once on a loaded machine says why.
 */
export async function jobEnds(
  browser: Browser,
  page: Page,
  expected: 'done' | 'failed',
  timeout = 30_000,
): Promise<void> {
  const until = Date.now() + timeout;
  let shown = await jobState(page).catch(() => null);
  while (shown !== 'done' && shown !== 'failed' && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    shown = await jobState(page).catch(() => null);
  }
  if (shown === expected) return;
  const jobs = await storedJobs(browser).catch((error) => `unreadable: ${error}`);
  throw new Error(
    `the overlay shows the job ${shown ?? 'nowhere'} after ${timeout} ms, not ${expected}; the worker's jobs: ${JSON.stringify(jobs).slice(0, 4000)}`,
  );
}

/** The worker's jobs, read from its storage. */
export async function storedJobs(browser: Browser): Promise<StoredJob[]> {
  const worker = await liveWorker(browser);
  return (await worker.evaluate(async () =>
    Object.values((await chrome.storage.local.get('jobs')).jobs ?? {}),
  )) as StoredJob[];
}

/** The audit log, read from the worker's storage. */
export async function auditLog(browser: Browser): Promise<StoredAuditEntry[]> {
  const worker = await liveWorker(browser);
  return (await worker.evaluate(
    async () => (await chrome.storage.local.get('audit')).audit ?? [],
  )) as StoredAuditEntry[];
}

/**
 * The extension's service worker as it is now: Chrome may have stopped the
 * one we met at launch (tests stop it on purpose); opening an extension page
 * wakes a new one.
 */
export async function liveWorker(browser: Browser): Promise<Worker> {
  // A worker Chrome stopped may never answer: each candidate gets a second.
  const answers = (worker: Worker) =>
    Promise.race([
      worker.evaluate(() => true).catch(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 1_000)),
    ]);
  const find = async () => {
    const candidates = browser.context.serviceWorkers().filter((w) => w.url().includes(browser.extensionId));
    for (const worker of candidates.reverse()) if (await answers(worker)) return worker;
    return null;
  };
  const running = await find();
  if (running) return running;
  // Opening an extension page wakes the worker (a new one, or the same one if it was only slow).
  const page = await bounded('opening a page to wake the worker', 15_000, browser.context.newPage());
  try {
    await page.goto(`chrome-extension://${browser.extensionId}/src/options/index.html`, { timeout: 15_000 });
    for (let tries = 0; tries < 20; tries++) {
      const worker = await find();
      if (worker) return worker;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error('the extension service worker did not start');
  } finally {
    await closePage(page);
  }
}

/** Sets the extension's options (sync timing for a fast sandbox) the way the options page stores them. */
export async function configureExtension(browser: Browser, options: Record<string, unknown>): Promise<void> {
  await (await liveWorker(browser)).evaluate(
    async ([defaults, changes]) => {
      const stored = (await chrome.storage.local.get('options')).options ?? defaults;
      await chrome.storage.local.set({ options: { ...stored, ...changes } });
    },
    [DEFAULT_OPTIONS, options] as const,
  );
}

/** Forgets jobs, settings and the audit log, as a fresh install would have them. */
export async function resetExtension(browser: Browser): Promise<void> {
  const forget = () =>
    liveWorker(browser).then((worker) =>
      worker.evaluate(async () => {
        const { jobs, batches } = await chrome.storage.local.get(['jobs', 'batches']);
        const { writerWindow } = await chrome.storage.session.get('writerWindow');
        // The page writer's window, while it is open: the worker keeps its id after Chrome closed it
        // with its last tab (every job that wrote an AE page leaves one), and a closed window holds no work.
        const writerOpen =
          typeof writerWindow === 'number' &&
          (await chrome.windows.get(writerWindow).then(
            () => true,
            () => false,
          ));
        // Work an earlier test left going: a job or a list's row between its writes and its
        // verification, or the page writer's open window. Its loop lives on in the worker's memory.
        const busy =
          Object.values((jobs ?? {}) as Record<string, { phase: string }>).some(
            (job) => job.phase !== 'done' && job.phase !== 'failed',
          ) ||
          Object.values((batches ?? {}) as Record<string, { state: string }>).some(
            (batch) => batch.state === 'running',
          ) ||
          writerOpen;
        await chrome.alarms.clearAll();
        await chrome.storage.local.clear();
        await chrome.storage.session.clear();
        // The page writer's minimized window: a new page must not open in it.
        for (const window of await chrome.windows.getAll())
          if (window.state === 'minimized' && window.id !== undefined) await chrome.windows.remove(window.id);
        return busy;
      }),
    );
  // A loop still running would write its job back, or open the writer's window again, after the
  // clear: it stops with the worker, and the worker that wakes next finds nothing to resume.
  if (await forget()) {
    await stopServiceWorker(browser);
    await forget();
  }
}

/** The extension's confirmation window, opened from a page's overlay, once it shows what it read. */
export async function openConfirmation(page: Page): Promise<Page> {
  const opened = page.context().waitForEvent('page', {
    predicate: (candidate) => candidate.url().includes('/src/confirm/index.html'),
    timeout: 20_000,
  });
  opened.catch(() => undefined);
  await overlay(page)
    .locator('[data-action="opt-in-both"]')
    .click()
    .catch(async (error) => {
      // What the page showed instead, so a run that fails once on a loaded machine says why.
      const shown = await overlay(page)
        .evaluate((element) => `${element.getAttribute('data-job')}: ${element.shadowRoot?.textContent ?? ''}`)
        .catch(() => 'no overlay');
      const visibility = await page.evaluate(() => document.visibilityState).catch(() => 'unknown');
      throw new Error(
        `no opt-in button on ${page.url()} (page ${visibility}; overlay ${shown.slice(0, 600)}): ${error}`,
      );
    });
  const window = await opened;
  await window
    .locator('[data-field="reason"], [data-field="error"], [data-field="nothing-to-do"]')
    .first()
    .waitFor({ timeout: 40_000 });
  return window;
}

/**
 * What an admin does: the overlay's button, then in the confirmation window a reason and Confirm.
 * Returns the window (closed by itself once the job started; left open with the refusal otherwise).
 */
export async function optIn(page: Page, reason: string): Promise<Page> {
  const window = await openConfirmation(page);
  await confirmIn(window, reason);
  return window;
}

/** The worker's clock passes every open confirmation's deadline (its clock, not the window's, decides). */
export async function expireConfirmations(browser: Browser): Promise<void> {
  await (await liveWorker(browser)).evaluate(async () => {
    const all = (await chrome.storage.session.get('confirmations')).confirmations as Record<
      string,
      { shown: { expiresAt: number } | null }
    >;
    for (const pending of Object.values(all ?? {})) if (pending.shown) pending.shown.expiresAt = Date.now() - 1;
    await chrome.storage.session.set({ confirmations: all });
  });
}

/** In an open confirmation window: the reason, Confirm, and the window's answer. */
export async function confirmIn(window: Page, reason: string): Promise<void> {
  await window.locator('[data-field="reason"]').fill(reason);
  await window.locator('[data-action="confirm"]').click();
  // The window says the job started, then closes itself 1.5 s later: on a loaded machine it may be
  // gone before the words are seen. A refusal keeps it open, so a closed window started the job.
  await window
    .locator('[data-field="started"], [data-field="error"]')
    .first()
    .waitFor()
    .catch((error) => {
      if (!window.isClosed()) throw error;
    });
}

/**
 * Every record change the product made (not the connector, not the test's own control calls): the
 * fields each write changed. A prospect form's Save writes every field on the form; `formPosts`
 * shows those.
 */
export function productWrites(running: RunningSandbox) {
  return running.sandbox.log
    .filter((entry) => entry.wrote && (entry.kind === 'api' || entry.kind === 'page'))
    .map((entry) => ({ object: entry.wrote?.object, fields: entry.changed ?? entry.wrote?.fields }))
    .sort((a, b) => String(a.object).localeCompare(String(b.object)));
}

/** Every prospect form the product posted: the form as the page drew it, and as it was posted. */
export function formPosts(running: RunningSandbox) {
  return running.sandbox.log.flatMap((entry) => (entry.form && entry.kind === 'page' ? [entry.form] : []));
}

/** What an admin does by hand on the AE prospect page, in either layout: uncheck Opted Out and save. */
export async function uncheckOnAePage(page: Page, running: RunningSandbox): Promise<void> {
  const step = { timeout: 10_000 };
  const l = running.sandbox.config.locale === 'ja';
  await page
    .getByRole(running.sandbox.config.aePageLayout === 'classic' ? 'button' : 'link', {
      name: l ? '編集' : 'Edit',
      exact: true,
    })
    .click(step);
  if (running.sandbox.config.aePageLayout === 'classic') {
    await page.getByRole('button', { name: l ? '追加の項目' : 'Additional fields' }).click(step);
    await page.getByLabel(l ? 'プロスペクトオプトアウト済み' : 'Opted Out', { exact: true }).uncheck(step);
  } else {
    await page.getByRole('link', { name: l ? 'メール送信可否' : 'Mailability', exact: true }).click(step);
    await page.getByLabel(l ? 'オプトアウト済み' : 'Opted Out', { exact: true }).selectOption('0', step);
  }
  await page.getByRole('button', { name: l ? 'プロスペクトを保存' : 'Save prospect' }).click(step);
  await page.waitForURL(/prospect\/read/, step);
}

/** Stops the extension's service worker through the DevTools protocol, as Chrome does after 30 idle seconds. */
export async function stopServiceWorker(browser: Browser): Promise<void> {
  const page = await bounded('opening a page to stop the worker', 15_000, browser.context.newPage());
  await page.goto(`chrome-extension://${browser.extensionId}/src/options/index.html`, { timeout: 15_000 });
  const cdp = await bounded('a DevTools session', 15_000, browser.context.newCDPSession(page));
  await bounded('ServiceWorker.enable', 15_000, cdp.send('ServiceWorker.enable'));
  await bounded('ServiceWorker.stopAllWorkers', 15_000, cdp.send('ServiceWorker.stopAllWorkers'));
  await bounded('detaching DevTools', 15_000, cdp.detach());
  await bounded('closing the page', 15_000, page.close());
}

/**
 * The service worker's JS heap in use, after a garbage collection, read
 * through the DevTools protocol from an extension page (Playwright cannot
 * open a CDP session on a worker itself).
 */
export async function workerHeapBytes(browser: Browser): Promise<number> {
  await liveWorker(browser);
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/src/popup/index.html`);
  const cdp = await browser.context.newCDPSession(page);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId));
    if (!worker) throw new Error('no service worker target');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
    let nextId = 1;
    const ask = (method: string) =>
      new Promise<Record<string, number>>((resolve) => {
        const id = nextId++;
        const listener = (event: { message: string }) => {
          const reply = JSON.parse(event.message);
          if (reply.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', listener);
          resolve(reply.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', listener);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    await ask('HeapProfiler.collectGarbage');
    const usage = await ask('Runtime.getHeapUsage');
    await cdp.send('Target.detachFromTarget', { sessionId });
    return usage.usedSize ?? Number.NaN;
  } finally {
    await cdp.detach().catch(() => undefined);
    await closePage(page);
  }
}

/** What the sandbox holds for a prospect's pair right now. */
export function pairState(running: RunningSandbox, prospectId: number) {
  const prospect = running.sandbox.org.prospects.get(prospectId);
  const record = running.sandbox.org.records.get(prospect?.salesforceContactId ?? prospect?.salesforceLeadId ?? '');
  return { aeOptedOut: prospect?.optedOut, sfOptedOut: record?.HasOptedOutOfEmail, record };
}
