/**
 * The harness itself: a Chromium that stops answering must not stall a test
 * run (the chaos run reports it with its seed and goes on with a new browser).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bounded, launchBrowser, Stalled } from './harness';

const chromiumPids = (userDataDir: string) =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${userDataDir}`);
      } catch {
        return false;
      }
    })
    .map(Number);

describe('a browser that stops answering', () => {
  it('is reported as stalled within the bound, then killed by close', async () => {
    const browser = await launchBrowser({ hostRules: 'MAP * ~NOTFOUND' });
    const pids = chromiumPids(browser.userDataDir);
    expect(pids.length).toBeGreaterThan(0);
    // Freeze every Chromium process: DevTools calls are never answered, as in the stall seen in chaos runs.
    for (const pid of pids) process.kill(pid, 'SIGSTOP');
    const started = Date.now();
    const error = await bounded('opening a page', 1_000, browser.context.newPage()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stalled);
    expect(Date.now() - started).toBeLessThan(5_000);
    await browser.close();
    // Killed processes linger as zombies until reaped; a stopped one would still be 'T'.
    const alive = chromiumPids(browser.userDataDir).filter((pid) => {
      try {
        return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    });
    expect(alive).toEqual([]);
  }, 40_000);
});
