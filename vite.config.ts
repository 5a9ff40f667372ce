import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

/**
 * Vite wraps every dynamic import in its preload helper, even with
 * modulePreload off (vitejs/vite#18551), to load the CSS a chunk needs; it
 * would cost every Salesforce and AE page 0.9 KB gzipped before anything else.
 * No chunk here has CSS to preload (the overlay's styles live in its Shadow
 * DOM, the extension pages link theirs), so the helper just runs the import;
 * and the build fails if a chunk ever gets dependencies to preload.
 */
function plainDynamicImports(): Plugin {
  const helper = '\0vite/preload-helper.js';
  return {
    name: 'optout-sync-guard:plain-dynamic-imports',
    enforce: 'pre',
    load: (id) => (id === helper ? 'export const __vitePreload = (load) => load();' : null),
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.code.includes('__vite__mapDeps'))
          this.error(
            `${chunk.fileName} needs files preloaded for a dynamic import; plainDynamicImports cannot do that`,
          );
      }
    },
  };
}

// The content scripts' chunks stay web-accessible with `use_dynamic_url: false` (as
// @crxjs/vite-plugin 3.0.0 writes them), so a page on an AE host can tell the extension is
// installed. Set to true (tried as a post-build rewrite, Chromium 156), `chrome.runtime.getURL`
// gives the loader the dynamic URL, but the entry chunk's relative imports (`./page-paths-….js`)
// resolve against the fixed extension id and Chrome refuses them ("Denying load of
// chrome-extension://<id>/assets/…"): no content script loads. Only single-file content scripts
// would work, which would cost every matched page the whole script instead of a 1 KB entry.
export default defineConfig(({ command }) => ({
  // The preset only adds dev tooling (HMR, devtools); the production JSX
  // transform comes from tsconfig's jsxImportSource and gives the same bundle.
  plugins: [...(command === 'serve' ? [preact()] : [plainDynamicImports()]), crx({ manifest })],
  build: {
    target: 'chrome120',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    // Vite's preload helper would add <link rel=modulepreload> tags to the host
    // page for the overlay's chunks; content scripts import them directly.
    modulePreload: false,
    // Keep Vite's module graph (dist/.vite/manifest.json) for the benchmark's size count; not packaged.
    manifest: true,
    // Extension pages the manifest does not name: the confirmation window, opened by the worker.
    rollupOptions: { input: { confirm: 'src/confirm/index.html', restore: 'src/restore/index.html' } },
  },
}));
