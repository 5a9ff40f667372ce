import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

export default defineConfig(({ command }) => ({
  // The preset only adds dev tooling (HMR, devtools); the production JSX
  // transform comes from tsconfig's jsxImportSource and gives the same bundle.
  plugins: [...(command === 'serve' ? [preact()] : []), crx({ manifest })],
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
  },
}));
