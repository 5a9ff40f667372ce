/**
 * Least privilege, read from the built manifest Chrome actually loads
 * (dist/manifest.json, rebuilt when stale): anything broader than what the
 * extension uses fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, shared with the e2e setup.
import { buildIfStale } from '../../../scripts/build-if-stale.mjs';

buildIfStale();
const manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8'));

/** The manifest as written: the one place the host families are named (src/core/hosts.ts derives from it). */
const source = JSON.parse(readFileSync('manifest.json', 'utf8'));
const patternHost = (pattern: string) => /^https:\/\/([^/*]+|\*\.[^/*]+)\/\*$/.exec(pattern)?.[1];

describe('the manifest asks only for what is used', () => {
  it('has exactly the permissions the extension uses', () => {
    expect([...manifest.permissions].sort()).toEqual(['alarms', 'cookies', 'identity', 'notifications', 'storage']);
    expect(manifest.optional_permissions ?? []).toEqual([]);
  });

  it('has host permissions only for the hosts its pages run on and the OAuth login hosts, as written', () => {
    expect(manifest.host_permissions).toEqual(source.host_permissions);
    const pageHosts = manifest.content_scripts.flatMap((s: { matches: string[] }) => s.matches);
    for (const pattern of manifest.host_permissions as string[]) {
      const host = patternHost(pattern);
      // https only, one host or one family of subdomains: never a whole top-level domain.
      expect(host, pattern).toBeTruthy();
      expect(host?.replace(/^\*\./, '').split('.').length, pattern).toBeGreaterThanOrEqual(3);
      if (!pageHosts.includes(pattern))
        expect(host, `${pattern} is neither a page host nor a login host`).toMatch(/^(login|test)\./);
    }
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(JSON.stringify(manifest)).not.toMatch(/"http:\/\//);
  });

  it('cannot be enabled in incognito windows, so one worker alone drives jobs and writes the audit log', () => {
    // Split mode runs a second worker for incognito windows that shares storage.local (jobs, the audit
    // log, what was learned per org) with the regular one but cannot talk to it: each would resume the
    // other's jobs with its own cookies, and their read-modify-writes of the log would race.
    expect(manifest.incognito).toBe('not_allowed');
  });

  it('injects content scripts only where it has host permissions', () => {
    for (const script of manifest.content_scripts) {
      for (const match of script.matches) expect(manifest.host_permissions).toContain(match);
    }
  });

  it('exposes its chunks only to the pages its content scripts run on', () => {
    const scriptOrigins = new Set(manifest.content_scripts.flatMap((s: { matches: string[] }) => s.matches));
    for (const resource of manifest.web_accessible_resources ?? []) {
      for (const match of resource.matches) expect(scriptOrigins).toContain(match);
      for (const file of resource.resources) expect(file).toMatch(/^assets\/[\w.-]+\.js$/);
    }
  });

  it('lets no web page talk to it and loads no remote code', () => {
    expect(manifest.externally_connectable).toBeUndefined();
    const csp = manifest.content_security_policy.extension_pages as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  });
});
