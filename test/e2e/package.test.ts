/**
 * What the stores get: `node scripts/package.mjs` passes every check of its list and writes the
 * zip, and that zip, unzipped, loads in Chromium as an admin's browser would install it and shows
 * the overlay on a prospect page.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../sandbox/server';
import { CHROMIUM_FLAGS, findChromium, REAL_THROTTLING } from './chromium';
import { AE, bounded, overlay, signIn, startOrg } from './harness';

let org: RunningSandbox;
let context: BrowserContext | undefined;
const work = mkdtempSync(join(tmpdir(), 'optout-guard-package-'));

beforeAll(async () => {
  org = await startOrg();
});
afterAll(async () => {
  await context?.close().catch(() => undefined);
  await org?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the store package', () => {
  let checklist = '';
  let zip: Uint8Array;

  it('passes every store check it prints, and writes the zip', () => {
    const version = JSON.parse(readFileSync('dist/manifest.json', 'utf8')).version;
    checklist = execFileSync('node', ['scripts/package.mjs'], { encoding: 'utf8' });
    expect(checklist).toContain(`Store checks for ${version}`);
    expect(checklist).not.toContain('✗');
    for (const line of ['no update_url', 'every _locales message is used', 'no remote code', 'icons 16, 48, 128'])
      expect(checklist).toContain(line);
    zip = readFileSync(`optout-sync-guard-${version}.zip`);
    expect(zip.length).toBeGreaterThan(10_000);
  });

  it('holds only what runs: no source maps, sources, tests or build bookkeeping', () => {
    const names = Object.keys(unzipSync(zip));
    expect(names).toContain('manifest.json');
    expect(names.filter((name) => /\.(map|ts|tsx|md)$|^\.vite\/|(^|\/)(test|sandbox)\//.test(name))).toEqual([]);
  });

  it('loads in Chromium from the unzipped package and shows the overlay on a prospect page', async () => {
    const unpacked = join(work, 'extension');
    for (const [name, bytes] of Object.entries(unzipSync(zip))) {
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(join(unpacked, name)), { recursive: true });
      writeFileSync(join(unpacked, name), bytes);
    }
    const executablePath = findChromium();
    if (!executablePath) throw new Error('Chromium was not found');
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      ...REAL_THROTTLING,
      executablePath,
      headless: true,
      locale: 'en-US',
      args: [
        `--disable-extensions-except=${unpacked}`,
        `--load-extension=${unpacked}`,
        ...CHROMIUM_FLAGS,
        '--lang=en',
        `--host-resolver-rules=${org.hostRules}`,
      ],
    });
    context.setDefaultTimeout(20_000);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    expect(worker.url()).toMatch(/^chrome-extension:\/\/[a-p]{32}\//);
    await signIn(context);
    const page = await bounded('opening a page', 15_000, context.newPage());
    await page.goto(`${AE}/prospect/read?id=1001`);
    await overlay(page).locator('[data-action="opt-in-both"]').waitFor();
    expect(await overlay(page).locator('[data-side="ae"]').innerText()).toContain('1001');
  });
});
