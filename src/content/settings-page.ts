/** On AE's connector and Opted Out field settings pages: read the settings by their labels. */

import { AE_LABELS as L, SYNC_BEHAVIOR_LABELS } from '../core/labels';
import type { SettingsReading } from '../core/messages';
import type { OptedOutSyncBehavior } from '../core/sync-model';
import { findCheckbox, labelledField, matches, valueNextTo } from './dom';

export function readSettingsPage(kind: 'ae-connector-settings' | 'ae-field-settings'): SettingsReading | null {
  if (kind === 'ae-connector-settings') {
    const checkbox = findCheckbox(L.overwriteOptedOut);
    if (checkbox) return { overwriteOptedOut: checkbox.checked ? 'on' : 'off' };
    const shown = valueNextTo(L.overwriteOptedOut);
    if (matches(shown, L.yes)) return { overwriteOptedOut: 'on' };
    if (matches(shown, L.no)) return { overwriteOptedOut: 'off' };
    return null;
  }
  const fieldName = labelledField(L.salesforceFieldName) ?? valueNextTo(L.salesforceFieldName);
  const behaviorText = labelledField(L.syncBehavior) ?? valueNextTo(L.syncBehavior);
  const reading: SettingsReading = {};
  if (fieldName !== null) reading.optedOutMapped = /\bHasOptedOutOfEmail\b/.test(fieldName);
  const behavior = (Object.entries(SYNC_BEHAVIOR_LABELS) as [OptedOutSyncBehavior, readonly string[]][]).find(
    ([, labels]) => matches(behaviorText, labels),
  )?.[0];
  if (behavior) reading.optedOutSyncBehavior = behavior;
  return Object.keys(reading).length ? reading : null;
}
