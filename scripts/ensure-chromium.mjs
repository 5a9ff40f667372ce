// Fails early, with the fix, when the end-to-end tests cannot find Chromium.
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
if (!candidates.some((path) => path && existsSync(path))) {
  console.error(`Chromium was not found. The end-to-end tests load the extension into real Chromium.
Install it with:   sudo apt-get install -y chromium
or point CHROMIUM_PATH at a Chromium binary.`);
  process.exit(1);
}
