/** What the built extension carries into every page it runs on. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script, shared with the e2e setup.
import { buildIfStale } from '../../../scripts/build-if-stale.mjs';
import { pageExamples } from '../core/page-detect.examples';

buildIfStale();
const manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8'));
/** Every file a content script loads: the injected loaders and the chunks they may import. */
const contentFiles = new Set<string>([
  ...manifest.content_scripts.flatMap((script: { js: string[] }) => script.js),
  ...(manifest.web_accessible_resources ?? []).flatMap((entry: { resources: string[] }) => entry.resources),
]);
const assets = [...contentFiles].map((file) => ({ file, text: readFileSync(join('dist', file), 'utf8') }));

describe('the built extension', () => {
  it('loads none of the detector’s example URLs into pages (they live in test/, not in the bundle)', () => {
    const examples = Object.values(pageExamples)
      .flat()
      // Only URLs with a path: a bare origin is also in the manifest's host patterns.
      .filter((url) => /^https?:\/\/[^/]+\/./.test(url));
    for (const { file, text } of assets) {
      const shipped = examples.filter((url) => text.includes(url));
      expect(shipped, file).toEqual([]);
    }
  });

  it('loads no module-preload code into pages (Vite adds it to every dynamic import unless told not to)', () => {
    expect(assets.length).toBeGreaterThan(5);
    for (const { file, text } of assets) {
      expect(text, file).not.toContain('modulepreload');
      expect(text, file).not.toContain('vite:preloadError');
    }
  });

  it('is the production build, whoever built it (no development JSX with source paths)', () => {
    for (const { file, text } of assets) expect(text, file).not.toMatch(/\/src\/(ui|content)\/\w+\.tsx/);
  });

  it('loads only the manifest’s content-script matches into pages, not its host permissions', () => {
    // Login hosts are only in host_permissions: a content chunk carrying them carries the whole list.
    for (const { file, text } of assets) expect(text, file).not.toContain('login.salesforce.com');
  });
});
