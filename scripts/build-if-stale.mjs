// Builds dist/ when it is missing or older than any source it is made from.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const inputs = ['src', 'public', 'manifest.json', 'vite.config.ts', 'package.json', 'tsconfig.json'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function buildIfStale() {
  const built = 'dist/manifest.json';
  const stale = !existsSync(built) || Math.max(...inputs.filter(existsSync).map(newest)) > statSync(built).mtimeMs;
  if (stale) {
    console.log('Building dist/ for the end-to-end tests…');
    // As `npm run build` makes it: under vitest NODE_ENV is `test`, which would give a development
    // JSX transform (source file paths in every component) and a bigger, different extension.
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  }
  return stale;
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfStale();
