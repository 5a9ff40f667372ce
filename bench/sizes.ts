/** Sizes of what the extension makes Chromium load, gzipped as a server or the Web Store would. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface ViteChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
}

export const gzipBytes = (file: string): number => gzipSync(readFileSync(join('dist', file)), { level: 9 }).length;

/** The content-script loaders the manifest injects (they are not network requests). */
export function contentLoaders(): { ae: string; salesforce: string } {
  const manifest = JSON.parse(readFileSync('dist/manifest.json', 'utf8'));
  return { ae: manifest.content_scripts[0].js[0], salesforce: manifest.content_scripts[1].js[0] };
}

/** The service worker and every module it can import, from Vite's module graph. */
export function serviceWorkerGzipBytes(): number {
  const graph = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Record<string, ViteChunk>;
  const seen = new Set<string>(['service-worker-loader.js']);
  const visit = (key: string) => {
    const chunk = graph[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const next of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(next);
  };
  visit('src/background/index.ts');
  return [...seen].reduce((sum, file) => sum + gzipBytes(file), 0);
}
