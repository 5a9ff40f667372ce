/** The connector settings per business unit: learned from AE's settings pages, or set by hand. Never guessed. */
import type { SettingsReading, SettingsView } from '../core/messages';
import { read, type StoredSettings, update } from './store';

const UNKNOWN: Omit<StoredSettings, 'businessUnitId'> = {
  overwriteOptedOut: 'unknown',
  optedOutSyncBehavior: null,
  optedOutMapped: null,
  overwriteLearned: null,
  fieldLearned: null,
};

/** The business unit in use: chosen in the options, or the only one the org has. */
export async function currentBusinessUnit(): Promise<{ id: string; name: string } | null> {
  const [options, units] = await Promise.all([read('options'), read('businessUnits')]);
  if (options.businessUnitId) {
    return (
      units.find((u) => u.id === options.businessUnitId) ?? { id: options.businessUnitId, name: options.businessUnitId }
    );
  }
  return units.length === 1 ? (units[0] ?? null) : null;
}

const keyOf = (businessUnitId: string | null) => businessUnitId ?? '_current';

export async function settingsFor(businessUnitId: string | null): Promise<SettingsView> {
  const all = await read('settings');
  const units = await read('businessUnits');
  const stored = all[keyOf(businessUnitId)] ?? all[keyOf(null)];
  return {
    ...UNKNOWN,
    ...stored,
    businessUnitId,
    businessUnitName: units.find((u) => u.id === businessUnitId)?.name ?? null,
  };
}

export async function learn(reading: SettingsReading, url: string): Promise<SettingsView> {
  const bu = await currentBusinessUnit();
  const key = keyOf(bu?.id ?? null);
  const at = Date.now();
  await update('settings', (all) => {
    const current: StoredSettings = { ...UNKNOWN, businessUnitId: bu?.id ?? null, ...all[key] };
    if (reading.overwriteOptedOut) {
      current.overwriteOptedOut = reading.overwriteOptedOut;
      current.overwriteLearned = { from: 'connector-page', at, url };
    }
    if (reading.optedOutSyncBehavior !== undefined || reading.optedOutMapped !== undefined) {
      if (reading.optedOutSyncBehavior) current.optedOutSyncBehavior = reading.optedOutSyncBehavior;
      if (reading.optedOutMapped !== undefined) current.optedOutMapped = reading.optedOutMapped;
      current.fieldLearned = { from: 'field-page', at, url };
    }
    return { ...all, [key]: current };
  });
  return settingsFor(bu?.id ?? null);
}

export async function setByHand(
  settings: Pick<StoredSettings, 'businessUnitId' | 'overwriteOptedOut' | 'optedOutSyncBehavior' | 'optedOutMapped'>,
) {
  const at = Date.now();
  await update('settings', (all) => ({
    ...all,
    [keyOf(settings.businessUnitId)]: {
      ...settings,
      overwriteLearned: { from: 'manual', at },
      fieldLearned: { from: 'manual', at },
    },
  }));
}

export async function allSettings(): Promise<SettingsView[]> {
  const [all, units] = await Promise.all([read('settings'), read('businessUnits')]);
  const ids = new Set<string | null>([...units.map((u) => u.id), ...Object.values(all).map((s) => s.businessUnitId)]);
  if (ids.size === 0) ids.add(null);
  return Promise.all([...ids].map((id) => settingsFor(id)));
}
