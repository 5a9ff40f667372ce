/**
 * The connector settings of each business unit: learned from its Account
 * Engagement settings pages or set by hand in the options page. Never
 * guessed: a unit nobody has read stays unknown.
 */
import type { SettingsReading, SettingsView } from '../core/messages';
import type { BusinessUnit } from './org';
import { read, type StoredSettings, update } from './store';

const UNKNOWN: Omit<StoredSettings, 'businessUnitId'> = {
  overwriteOptedOut: 'unknown',
  optedOutSyncBehavior: null,
  optedOutMapped: null,
  overwriteLearned: null,
  fieldLearned: null,
};

/** Settings stored before units were told apart (0.1), used only where the org has one unit. */
const LEGACY = '_current';

export async function settingsFor(unit: BusinessUnit | null, unitsInOrg = 1): Promise<SettingsView> {
  const all = await read('settings');
  const stored = unit ? (all[unit.id] ?? (unitsInOrg === 1 ? all[LEGACY] : undefined)) : undefined;
  return { ...UNKNOWN, ...stored, businessUnitId: unit?.id ?? null, businessUnitName: unit?.name ?? null };
}

/**
 * What a settings page showed, for its business unit. `url` is the page's
 * origin and path only: a frame's full URL may carry a session id.
 */
export async function learn(reading: SettingsReading, unit: BusinessUnit, url: string): Promise<SettingsView> {
  const at = Date.now();
  await update('settings', (all) => {
    const current: StoredSettings = { ...UNKNOWN, ...all[unit.id], businessUnitId: unit.id };
    if (reading.overwriteOptedOut) {
      current.overwriteOptedOut = reading.overwriteOptedOut;
      current.overwriteLearned = { from: 'connector-page', at, url };
    }
    if (reading.optedOutSyncBehavior !== undefined || reading.optedOutMapped !== undefined) {
      if (reading.optedOutSyncBehavior) current.optedOutSyncBehavior = reading.optedOutSyncBehavior;
      if (reading.optedOutMapped !== undefined) current.optedOutMapped = reading.optedOutMapped;
      current.fieldLearned = { from: 'field-page', at, url };
    }
    return { ...all, [unit.id]: current };
  });
  return settingsFor(unit);
}

export async function setByHand(
  settings: Pick<StoredSettings, 'businessUnitId' | 'overwriteOptedOut' | 'optedOutSyncBehavior' | 'optedOutMapped'>,
) {
  const at = Date.now();
  await update('settings', (all) => ({
    ...all,
    [settings.businessUnitId ?? LEGACY]: {
      ...settings,
      overwriteLearned: { from: 'manual', at },
      fieldLearned: { from: 'manual', at },
    },
  }));
}

/** Every business unit the extension knows of, in every org it met, with its settings. */
export async function allSettings(): Promise<SettingsView[]> {
  const [all, orgs] = await Promise.all([read('settings'), read('orgs')]);
  const units = new Map<string, BusinessUnit>();
  for (const org of Object.values(orgs)) for (const unit of org.businessUnits ?? []) units.set(unit.id, unit);
  for (const [id, stored] of Object.entries(all)) {
    if (id !== LEGACY && !units.has(id)) units.set(id, { id, name: stored.businessUnitId ?? id });
  }
  if (units.size === 0) return [await settingsFor(null)];
  return Promise.all([...units.values()].map((unit) => settingsFor(unit, units.size)));
}
