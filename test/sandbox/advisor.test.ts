/**
 * The product's advisor against the sandbox's independent sync engine: every
 * side the overlay says is enough to uncheck must stick through a real sync
 * pass, and "both sides" must be needed where it says so.
 */
import { describe, expect, it } from 'vitest';
import { adviseOptIn, type Side } from '../../src/core/sync-model';
import { type SyncBehavior, seedOrg } from './model';
import { syncPass } from './sync';

const BEHAVIORS: SyncBehavior[] = ['most-recent-record', 'ae', 'salesforce', 'most-recent-field'];

function uncheckSticks(overwriteOptedOut: boolean, behavior: SyncBehavior, sides: Side[]): boolean {
  const now = Date.now();
  const org = seedOrg(now - 10_000);
  const bu = org.businessUnits[0];
  const prospect = org.prospects.get(1001);
  const record = prospect?.salesforceContactId ? org.records.get(prospect.salesforceContactId) : undefined;
  if (!bu || !prospect || !record) throw new Error('seed changed');
  Object.assign(bu, { overwriteOptedOut, optedOutSyncBehavior: behavior });
  const edit = new Date(now).toISOString();
  if (sides.includes('ae')) Object.assign(prospect, { optedOut: false, updatedAt: edit, optedOutUpdatedAt: edit });
  if (sides.includes('salesforce')) {
    Object.assign(record, { HasOptedOutOfEmail: false, LastModifiedDate: edit, emailOptOutChangedAt: edit });
  }
  syncPass(org, bu, now + 1);
  return !prospect.optedOut && !record.HasOptedOutOfEmail;
}

describe('the advisor agrees with the sandbox’s sync engine', () => {
  for (const overwrite of [false, true]) {
    for (const behavior of BEHAVIORS) {
      it(`overwrite ${overwrite ? 'on' : 'off'}, ${behavior}`, () => {
        const advice = adviseOptIn({
          overwriteOptedOut: overwrite ? 'on' : 'off',
          optedOutSyncBehavior: behavior,
          optedOutMapped: true,
        });
        expect(uncheckSticks(overwrite, behavior, ['ae', 'salesforce'])).toBe(true);
        if (advice.kind === 'one-side') {
          const sides: Side[] = advice.side === 'either' ? ['ae', 'salesforce'] : [advice.side];
          for (const side of sides) expect(uncheckSticks(overwrite, behavior, [side]), side).toBe(true);
        } else {
          expect(advice.kind).toBe('both-sides');
          expect(uncheckSticks(overwrite, behavior, ['ae'])).toBe(false);
          expect(uncheckSticks(overwrite, behavior, ['salesforce'])).toBe(false);
        }
      });
    }
  }
});
