/**
 * The setup every e2e file shares: one sandbox org and one Chromium with the
 * built extension per file, and before each test (or once, for files whose
 * tests build on each other) a fresh org, a fresh extension, the demo admin
 * signed in and the file's extension options applied.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ExtensionOptions } from '../../src/core/messages';
import type { SandboxConfig } from '../sandbox/model';
import type { Sandbox, SandboxOptions } from '../sandbox/sandbox';
import type { RunningSandbox } from '../sandbox/server';
import { type Browser, configureExtension, launchBrowser, resetExtension, signIn, startOrg } from './harness';

/** The sandbox's connector syncing every 2 s, and the extension's timings to match. */
export const FAST_SYNC: Partial<ExtensionOptions> = { syncIntervalSeconds: 2, marginSeconds: 3, pollSeconds: 1 };

/**
 * FAST_SYNC for a file whose sandbox connector syncs on its own every 2 s throughout. A job that misses
 * a sync (it ran between a side's save and the page confirming that save, so no later sync stamps the
 * pair) verifies 1 s after the next sync was due instead of 3 s, and the watch after a done job looks
 * 3 s apart instead of 5 s. A test that stops the syncs and needs the job, or the watch after it, to
 * keep waiting meanwhile (a worker stopped mid-wait, a delete refused mid-job, an unsubscribe between
 * the writes, another writer's change after an opt-in synced by hand) uses FAST_SYNC: its file's, or
 * set by the test.
 */
export const STEADY_SYNC: Partial<ExtensionOptions> = { ...FAST_SYNC, marginSeconds: 1 };

/**
 * The AE prospect page as today's orgs draw it (the Mailability section), and as toBe Marketing's 2019 screenshots
 * did, with the 2016 "Opt In" link or without: every e2e that drives the AE page runs on each.
 */
export const AE_LAYOUTS: [string, Partial<SandboxConfig>][] = [
  ['Mailability layout', { aePageLayout: 'mailability' }],
  ['classic layout, "Opt In" link', { aePageLayout: 'classic', aeOptInLink: true }],
  ['classic layout, edit form', { aePageLayout: 'classic', aeOptInLink: false }],
];

export interface FixtureOptions {
  /** How the sandbox org starts: sync interval (0: only when a test syncs), locale, extra linked pairs. */
  sandbox?: SandboxOptions;
  /** Switches of the sandbox org applied after every reset (page layout, API behaviour…). */
  config?: Partial<SandboxConfig>;
  /** Chromium's UI language. */
  locale?: 'en' | 'ja';
  /** Extension options set after every reset, as the options page would store them. */
  extension?: Partial<ExtensionOptions>;
  /** Reset before each test (default) or only once, before the first. */
  reset?: 'each' | 'once';
}

export interface Fixture {
  readonly org: RunningSandbox;
  readonly sandbox: Sandbox;
  readonly browser: Browser;
  /** Resets the org and the extension as before a test, with these switches on top of the file's. */
  prepare(config?: Partial<SandboxConfig>): Promise<void>;
}

export function useOrg(options: FixtureOptions = {}): Fixture {
  let org: RunningSandbox | undefined;
  let browser: Browser | undefined;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test or hook`);
    return value;
  };
  const fixture: Fixture = {
    get org() {
      return need(org, 'the sandbox org');
    },
    get sandbox() {
      return need(org, 'the sandbox org').sandbox;
    },
    get browser() {
      return need(browser, 'Chromium');
    },
    async prepare(config = {}) {
      const running = fixture.org;
      // Pages a failed test left open go first: a hidden page of the same prospect answers the next
      // test's jobs late, and a writer takes a page that does not answer for an edit form still open.
      const { context } = fixture.browser;
      const blank = context.pages().find((page) => page.url() === 'about:blank') ?? (await context.newPage());
      for (const page of context.pages()) if (page !== blank) await page.close().catch(() => undefined);
      // The extension next: work left from the test before must not reach the fresh org.
      await resetExtension(fixture.browser);
      running.sandbox.reset();
      Object.assign(running.sandbox.config, options.config ?? {}, config);
      await signIn(fixture.browser.context, undefined, running);
      if (options.extension) await configureExtension(fixture.browser, options.extension);
    },
  };
  beforeAll(async () => {
    org = await startOrg(options.sandbox);
    browser = await launchBrowser(org, { locale: options.locale ?? 'en' });
    if (options.reset === 'once') await fixture.prepare();
  });
  afterAll(async () => {
    await browser?.close();
    await org?.close();
  });
  if (options.reset !== 'once') beforeEach(() => fixture.prepare());
  return fixture;
}
