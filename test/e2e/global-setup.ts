// @ts-expect-error: a plain ES module script, shared with `npm start`.
import { buildIfStale } from '../../scripts/build-if-stale.mjs';
import { CHROMIUM_MISSING, findChromium } from './chromium';

export default function setup(): void {
  if (!findChromium()) throw new Error(CHROMIUM_MISSING);
  buildIfStale();
}
