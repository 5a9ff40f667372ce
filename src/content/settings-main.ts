import type { PageRequest } from '../core/messages';
import type { DetectedPage } from '../core/page-detect';
import { readSettingsPage } from './settings-page';

/** Tells the worker what this settings page shows; saving reloads the page, which reports again. */
export function reportSettings(page: Extract<DetectedPage, { kind: 'ae-connector-settings' | 'ae-field-settings' }>) {
  const reading = readSettingsPage(page.kind);
  if (!reading) return;
  const request: PageRequest = { type: 'settings-read', page, reading };
  void chrome.runtime.sendMessage(request).catch(() => undefined);
}
