/**
 * Ordinary use at scale: twenty Lightning tabs on twenty records, each with
 * its own correct overlay, then an hour's worth of in-place navigation, with
 * the worker's memory measured before and after.
 */
import { describe, expect, it } from 'vitest';
import { useOrg } from './fixture';
import { LIGHTNING, overlay, workerHeapBytes } from './harness';

const fx = useOrg({ sandbox: { extraLinkedPairs: 12 }, reset: 'once' });

describe('twenty Lightning tabs', () => {
  it('each get one overlay with their own record, and the worker stays bounded through many navigations', async () => {
    const records = [...fx.sandbox.org.records.values()].slice(0, 20);
    const pages = await Promise.all(records.map(() => fx.browser.context.newPage()));
    await Promise.all(
      pages.map((page, i) => page.goto(`${LIGHTNING}/lightning/r/${records[i]?.object}/${records[i]?.Id}/view`)),
    );
    for (const [i, page] of pages.entries()) {
      const record = records[i];
      await expect
        .poll(() => overlay(page).locator('[data-field="record"]').textContent(), { timeout: 15_000 })
        .toContain(record?.Id);
      await expect
        .poll(() => overlay(page).locator('[data-field="hasOptedOutOfEmail"]').textContent())
        .toBe(record?.HasOptedOutOfEmail ? 'Yes' : 'No');
      expect(await overlay(page).count()).toBe(1);
    }

    // An hour of use, compressed: every tab moves through the records in place, again and again.
    const navigate = async (rounds: number) => {
      for (let round = 0; round < rounds; round++) {
        await Promise.all(
          pages.map(async (page, i) => {
            const target = records[(i + round + 1) % records.length];
            await page.evaluate((path) => {
              history.pushState({}, '', path);
              dispatchEvent(new PopStateEvent('popstate'));
            }, `/lightning/r/${target?.object}/${target?.Id}/view`);
            await expect
              .poll(() => overlay(page).locator('[data-field="record"]').textContent(), { timeout: 15_000 })
              .toContain(target?.Id);
          }),
        );
      }
    };
    await navigate(5);
    const warm = await workerHeapBytes(fx.browser);
    await navigate(15);
    const after = await workerHeapBytes(fx.browser);
    console.log(
      `service worker heap after 100 navigations: ${(warm / 1024).toFixed(0)} KiB; after 400: ${(after / 1024).toFixed(0)} KiB`,
    );
    expect(after).toBeLessThan(warm * 1.5 + 512 * 1024);
    for (const page of pages) expect(await overlay(page).count()).toBe(1);
    await Promise.all(pages.map((page) => page.close()));
  }, 300_000);
});
