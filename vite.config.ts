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

/**
 * The chunks a recognised page loads, a few instead of fifteen. Left to itself the bundler makes a
 * chunk of every set of modules a different set of entries shares (the worker, the extension pages,
 * the two content scripts), and a page fetched 15 files, each compressed on its own: about 3 KB of
 * the 22 KB gzipped an AE prospect page cost was the split, not code. Each group below is one file;
 * a module in no group is placed as before. Only modules are grouped, never what they import
 * (`includeDependenciesRecursively: false`): grouping a module's imports along would pull the whole
 * overlay into the entries every page pays for. The entries' own modules (ae.ts, salesforce.ts,
 * ae-main.ts, salesforce-main.ts, overlay.tsx) stay out of every group: a module in a group is
 * reached through a namespace object, which costs every page the bundler's runtime.
 */
const CHUNK_GROUPS = [
  // What every entry needs first: tiny, on every matched page. The paths that may be ours, and the
  // content scripts' lifetime (the Salesforce entry follows Lightning's navigation under it).
  { name: 'page-paths', test: /src[\\/]core[\\/]page-paths\.ts$|src[\\/]content[\\/]lifetime\.ts$|preload-helper/ },
  // The worker's, the pages' and the content scripts' common core.
  {
    name: 'core',
    test: /src[\\/]core[\\/](hosts|page-detect|salesforce-id|overlay-model|links|ae-page-protocol|ae-parts)\.ts$/,
  },
  // The content scripts' own: the overlay's host, the page reader's helpers and words.
  { name: 'content', test: /src[\\/]content[\\/](boot|dom)\.ts$|src[\\/]core[\\/]labels\.ts$/ },
  // The overlay's UI and Preact, which the extension pages share.
  {
    name: 'ui',
    test: /node_modules[\\/]preact[\\/]|src[\\/]ui[\\/](Overlay|overlay-[a-z]+|JobProgress|i18n|status)\.tsx?$/,
  },
];

/** The build fails if two chunks import each other: grouping without dependencies could make such a circle. */
function noChunkCircles(): Plugin {
  return {
    name: 'optout-sync-guard:no-chunk-circles',
    generateBundle(_, bundle) {
      const visiting = new Set<string>();
      const done = new Set<string>();
      const visit = (file: string, path: string[]) => {
        if (done.has(file)) return;
        if (visiting.has(file)) this.error(`chunks import each other: ${[...path, file].join(' → ')}`);
        visiting.add(file);
        const chunk = bundle[file];
        if (chunk?.type === 'chunk') for (const next of chunk.imports) visit(next, [...path, file]);
        visiting.delete(file);
        done.add(file);
      };
      for (const file of Object.keys(bundle)) visit(file, []);
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
  plugins: [...(command === 'serve' ? [preact()] : [plainDynamicImports(), noChunkCircles()]), crx({ manifest })],
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
    rollupOptions: {
      input: { confirm: 'src/confirm/index.html', restore: 'src/restore/index.html' },
      // Entry chunks may export what their group partners need (the loaders import them for their side effects).
      preserveEntrySignatures: 'allow-extension',
      output: { codeSplitting: { includeDependenciesRecursively: false, groups: CHUNK_GROUPS } },
    },
  },
}));
