/**
 * The overlay's shell: one Shadow DOM host per frame, reused across
 * Lightning's in-place navigations, isolated from the page's CSS and
 * keyboard shortcuts, and removed if the extension is reloaded under it.
 */
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { DetectedPage } from '../core/page-detect';
import { Overlay } from '../ui/Overlay';
import css from '../ui/overlay.css?inline';

let host: HTMLElement | null = null;
let root: ShadowRoot | null = null;

function ensureHost(): ShadowRoot {
  if (host?.isConnected && root) return root;
  host = document.createElement('div');
  host.setAttribute('data-optout-sync-guard', 'overlay');
  root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  // Keys typed in the overlay must not trigger the page's shortcuts.
  for (const type of ['keydown', 'keyup', 'keypress']) {
    host.addEventListener(type, (event) => event.stopPropagation());
  }
  document.documentElement.append(host);
  return root;
}

export function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime.id);
  } catch {
    return false;
  }
}

export function showOverlay(page: DetectedPage): void {
  if (!extensionAlive()) return hideOverlay();
  render(<Overlay page={page} onGone={hideOverlay} />, ensureHost());
}

export function hideOverlay(): void {
  if (root) render(null, root);
  host?.remove();
  host = null;
  root = null;
}
