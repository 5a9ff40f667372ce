// Zips dist/ into a file the Chrome Web Store accepts: manifest.json at the root, nothing else around it.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

const root = 'dist';
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const files = {};
(function add(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) add(path);
    else if (!name.endsWith('.map') && name !== '.vite') files[relative(root, path)] = readFileSync(path);
  }
})(root);
for (const key of Object.keys(files)) if (key.startsWith('.vite/')) delete files[key];
const out = `optout-sync-guard-${manifest.version}.zip`;
writeFileSync(out, zipSync(files, { level: 9 }));
console.log(`${out}: ${Object.keys(files).length} files, ${statSync(out).size} bytes`);
