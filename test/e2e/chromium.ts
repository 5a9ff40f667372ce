import { existsSync } from 'node:fs';

/** Debian's /usr/bin/chromium is a wrapper script; the binary beside it starts without its extra flags. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  return candidates.find((path): path is string => Boolean(path && existsSync(path))) ?? null;
}

export const CHROMIUM_MISSING = `Chromium was not found. The end-to-end tests load the extension into real Chromium.
Install it with:   sudo apt-get install -y chromium
or point CHROMIUM_PATH at a Chromium binary.`;

/** Flags this closed network needs, plus the ones that make a test run hermetic and quiet. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--ignore-certificate-errors',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

/**
 * Playwright starts Chromium with these by default, which hides how Chrome throttles timers in
 * hidden tabs for real users (wake-ups aligned to about a second): every launch drops them.
 */
export const REAL_THROTTLING = {
  ignoreDefaultArgs: [
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
    '--disable-renderer-backgrounding',
  ],
};
