/**
 * What every chaos run works in: the sandbox org, one Chromium profile kept
 * across browser restarts, and the extension configured as the runs need it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, bounded, configureExtension, launchBrowser, resetExtension, signIn } from '../e2e/harness';
import { type RunningSandbox, startSandbox } from '../sandbox/server';
import type { Fault } from './faults';

export const SYNC_MS = 2000;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How one run ended: what it counts toward the outcomes, and the invariants it broke. */
export interface RunResult {
  /** One outcome for a single opt-in, one per row for a batch. */
  outcomes: string[];
  problems: string[];
  /** The run's line in the log, without its problems. */
  line: string;
}

/** A run's draw: which run, the seed to replay it, its random stream and its faults. */
export interface RunDraw {
  run: number;
  seed: number;
  random: () => number;
  faults: Fault[];
  /** Set when the run stalled and was abandoned: code that wakes up later must leave the next run alone. */
  abandoned: () => boolean;
}

export class Lab {
  private constructor(
    readonly org: RunningSandbox,
    readonly dir: string,
    public browser: Browser,
  ) {}

  static async open(linkedPairs: number): Promise<Lab> {
    const org = await startSandbox({ syncIntervalMs: SYNC_MS, extraLinkedPairs: linkedPairs });
    const dir = mkdtempSync(join(tmpdir(), 'optout-chaos-'));
    const lab = new Lab(org, dir, await launchBrowser(org, { userDataDir: dir }));
    await resetExtension(lab.browser);
    await lab.configure();
    return lab;
  }

  /** Signed in, with a fast sync; each done job also writes its evidence Task, which the invariants admit and nothing else. */
  async configure(): Promise<void> {
    await signIn(this.browser.context);
    await configureExtension(this.browser, {
      syncIntervalSeconds: SYNC_MS / 1000,
      marginSeconds: 2,
      pollSeconds: 1,
      recordTask: true,
    });
  }

  /** The admin quits the browser and starts it again on the same profile, then signs in. */
  async restartBrowser(random: () => number): Promise<void> {
    await this.browser.context.close();
    await sleep(random() * 1000);
    this.browser = await launchBrowser(this.org, { userDataDir: this.dir });
    await signIn(this.browser.context);
  }

  /** After a stall: a new browser on the same profile, the sandbox without faults. */
  async relaunch(): Promise<void> {
    await this.browser.close();
    this.org.sandbox.faults = [];
    this.org.sandbox.latencyMs = {};
    this.browser = await bounded('relaunching the browser', 60_000, launchBrowser(this.org, { userDataDir: this.dir }));
    await this.configure();
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.org.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
