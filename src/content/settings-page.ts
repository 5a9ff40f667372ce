/** On AE's connector and Opted Out field settings pages: read the settings by their labels. */
import { AE_LABELS as L, matchesLabel } from '../core/labels';
import type { SettingsReading } from '../core/messages';
import { SYNC_BEHAVIOR_LABELS } from '../core/sync-behavior-labels';
import { OPTED_OUT_SYNC_BEHAVIORS } from '../core/sync-model';
import { booleanOf, textOf } from './ae-read';
import { valueFor } from './dom';

export function readSettingsPage(kind: 'ae-connector-settings' | 'ae-field-settings'): SettingsReading | null {
  if (kind === 'ae-connector-settings') {
    const overwrite = valueFor(L.overwriteOptedOut, booleanOf);
    return overwrite.found === 'one' ? { overwriteOptedOut: overwrite.value ? 'on' : 'off' } : null;
  }
  const reading: SettingsReading = {};
  const fieldName = valueFor(L.salesforceFieldName, (target) => textOf(target) ?? '');
  if (fieldName.found === 'one') reading.optedOutMapped = /\bHasOptedOutOfEmail\b/.test(fieldName.value);
  const behaviorText = valueFor(L.syncBehavior, textOf);
  const behavior =
    behaviorText.found === 'one'
      ? OPTED_OUT_SYNC_BEHAVIORS.find((b) => matchesLabel(behaviorText.value, SYNC_BEHAVIOR_LABELS[b]))
      : undefined;
  if (behavior) reading.optedOutSyncBehavior = behavior;
  return Object.keys(reading).length ? reading : null;
}
