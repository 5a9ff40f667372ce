/**
 * The privacy policy (docs/privacy.md) is true of the code: the extension talks to no host outside
 * the manifest's families, "Export my data" hands over what it keeps (and no token), and "Delete my
 * data" revokes the OAuth connection and leaves nothing behind.
 */
import { readFileSync } from 'node:fs';
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FAST_SYNC, STEADY_SYNC, useOrg } from './fixture';
import {
  auditLog,
  closePage,
  configureExtension,
  connectOAuth,
  jobState,
  liveWorker,
  openProspect,
  openRecord,
  optIn,
  storedJobs,
  storedSettings,
} from './harness';

const fx = useOrg({ sandbox: { syncIntervalMs: 2000 }, extension: STEADY_SYNC });

const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as { host_permissions: string[] };
/** The manifest's host patterns as expressions: `https://*.my.salesforce.com/*` → any subdomain. */
const FAMILIES = manifest.host_permissions.map((pattern) => {
  const host = new URL(pattern.replace('*.', 'wildcard.')).host;
  const source = host.replace(/\./g, '\\.').replace(/^wildcard\\\./, '([a-z0-9-]+\\.)+');
  return new RegExp(`^${source}$`, 'i');
});
const inFamilies = (url: string) => {
  const { protocol, host } = new URL(url);
  if (protocol === 'chrome-extension:' || protocol === 'data:' || protocol === 'blob:') return true;
  return protocol === 'https:' && FAMILIES.some((family) => family.test(host));
};

/** Every request the extension itself sends: its service worker's, and its own pages'. */
function recordExtensionRequests(): { urls: string[]; stop: () => void } {
  const urls: string[] = [];
  const onRequest = (request: Request) => {
    if (request.serviceWorker()) {
      urls.push(request.url());
      return;
    }
    const frameUrl = (() => {
      try {
        return request.frame().url();
      } catch {
        return '';
      }
    })();
    if (frameUrl.startsWith(`chrome-extension://${fx.browser.extensionId}/`)) urls.push(request.url());
  };
  fx.browser.context.on('request', onRequest);
  return { urls, stop: () => fx.browser.context.off('request', onRequest) };
}

describe('the privacy policy holds', () => {
  it('sends requests only to the manifest’s Salesforce and Account Engagement hosts, through a whole opt-in with OAuth', async () => {
    const recorded = recordExtensionRequests();
    await connectOAuth(fx.browser);
    const page = await openRecord(fx.browser, fx.org, 1001);
    await optIn(page, 'Asked by phone');
    await expect.poll(() => jobState(page), { timeout: 40_000 }).toBe('done');
    await closePage(page);
    const options = await fx.browser.context.newPage();
    await options.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
    await options.locator('[data-action="delete-my-data"]').click();
    await options.locator('[data-action="delete-my-data-confirm"]').click();
    await options.locator('[data-field="my-data-done"]').waitFor();
    await closePage(options);
    recorded.stop();
    // The recording saw the worker's calls to both APIs (it can see a stray one too).
    const hosts = [...new Set(recorded.urls.map((url) => new URL(url).host))];
    expect(hosts).toEqual(expect.arrayContaining(['sandbox.my.salesforce.com']));
    expect(recorded.urls.filter((url) => !inFamilies(url))).toEqual([]);
  });

  it('would notice a request to another host (the check itself can fail)', () => {
    expect(inFamilies('https://example.com/collect')).toBe(false);
    expect(inFamilies('https://sandbox.my.salesforce.com.evil.example/')).toBe(false);
    expect(inFamilies('http://pi.pardot.com/')).toBe(false);
    expect(inFamilies('https://acme.my.salesforce.com/services/data')).toBe(true);
  });

  it('exports what it keeps as JSON, with the audit log, and no token', async () => {
    await connectOAuth(fx.browser);
    const page = await openProspect(fx.browser, 1001);
    await optIn(page, 'Asked by phone');
    await expect.poll(() => jobState(page), { timeout: 40_000 }).toBe('done');
    await closePage(page);
    const options = await fx.browser.context.newPage();
    await options.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.locator('[data-action="export-my-data"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^optout-sync-guard-data-\d{4}-\d{2}-\d{2}\.json$/);
    const text = readFileSync(await download.path(), 'utf8');
    const data = JSON.parse(text);
    expect(data.audit).toHaveLength(1);
    expect(data.audit[0].reason).toBe('Asked by phone');
    expect(Object.keys(data.jobs)).toHaveLength(1);
    expect(data.auditCsv).toContain('Asked by phone');
    expect(data.oauth.connected).toBe(true);
    const stored = await (await liveWorker(fx.browser)).evaluate(async () => {
      const { oauth } = (await chrome.storage.local.get('oauth')) as { oauth?: { refreshToken?: string } };
      const { accessToken } = (await chrome.storage.session.get('accessToken')) as { accessToken?: { token?: string } };
      return [oauth?.refreshToken, accessToken?.token].filter(Boolean) as string[];
    });
    expect(stored.length).toBeGreaterThan(0);
    for (const token of stored) expect(text).not.toContain(token);
    await closePage(options);
  });

  it('deletes everything on the device and revokes the OAuth connection in Salesforce', async () => {
    await connectOAuth(fx.browser);
    const page = await openProspect(fx.browser, 1001);
    await optIn(page, 'Asked by phone');
    await expect.poll(() => jobState(page), { timeout: 40_000 }).toBe('done');
    await closePage(page);
    const revoked: number[] = [];
    const onResponse = (response: import('playwright-core').Response) => {
      if (response.url().endsWith('/services/oauth2/revoke')) revoked.push(response.status());
    };
    fx.browser.context.on('response', onResponse);
    const options = await fx.browser.context.newPage();
    await options.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
    await options.locator('[data-action="delete-my-data"]').click();
    await options.locator('[data-action="delete-my-data-confirm"]').click();
    expect(await options.locator('[data-field="my-data-done"]').innerText()).toContain('OAuth connection was revoked');
    fx.browser.context.off('response', onResponse);
    expect(revoked).toEqual([200]);
    expect(await auditLog(fx.browser)).toEqual([]);
    expect(await storedJobs(fx.browser)).toEqual([]);
    expect(await storedSettings(fx.browser)).toEqual({});
    const left = await (await liveWorker(fx.browser)).evaluate(async () => ({
      local: Object.keys(await chrome.storage.local.get(null)),
      session: Object.keys(await chrome.storage.session.get(null)),
    }));
    // Only the schema stamp of an empty store is left, as at a fresh install.
    expect(left.local.filter((key) => key !== 'schemaVersion')).toEqual([]);
    expect(left.session).toEqual([]);
    await expect.poll(() => options.locator('[data-field="oauth-status"]').innerText()).toContain('Not connected');
    await closePage(options);
  });

  it('refuses to delete while an opt-in runs, so no record is left half-written', async () => {
    // The connector does not sync meanwhile: the job stays waiting for it, FAST_SYNC's margin long.
    await configureExtension(fx.browser, FAST_SYNC);
    for (const unit of fx.sandbox.org.businessUnits) unit.syncIntervalMs = 0;
    fx.sandbox.scheduleSyncs();
    const page = await openProspect(fx.browser, 1001);
    await optIn(page, 'Asked by phone');
    await expect.poll(() => jobState(page), { timeout: 20_000 }).toBe('running');
    const options = await fx.browser.context.newPage();
    await options.goto(`chrome-extension://${fx.browser.extensionId}/src/options/index.html`);
    await options.locator('[data-action="delete-my-data"]').click();
    await options.locator('[data-action="delete-my-data-confirm"]').click();
    await expect.poll(() => options.getByRole('alert').innerText()).toContain('still running');
    expect(await storedJobs(fx.browser)).toHaveLength(1);
    await closePage(options);
    await closePage(page);
  });
});
