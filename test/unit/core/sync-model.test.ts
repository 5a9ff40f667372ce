import { describe, expect, it } from 'vitest';
import {
  adviseOptIn,
  nextSyncValue,
  OPTED_OUT_SYNC_BEHAVIORS,
  type OptedOutSyncBehavior,
  stillUnmailable,
} from '../../../src/core/sync-model';

describe('what the next sync does', () => {
  it('re-checks a side unchecked alone while the overwrite option is off', () => {
    for (const behavior of OPTED_OUT_SYNC_BEHAVIORS) {
      expect(
        nextSyncValue(false, behavior, {
          optedOut: false,
          hasOptedOutOfEmail: true,
          lastChanged: 'ae',
        }),
      ).toBe(true);
      expect(
        nextSyncValue(false, behavior, { optedOut: true, hasOptedOutOfEmail: false, lastChanged: 'salesforce' }),
      ).toBe(true);
      expect(
        nextSyncValue(false, behavior, { optedOut: false, hasOptedOutOfEmail: false, lastChanged: 'salesforce' }),
      ).toBe(false);
    }
  });

  it("lets the favoured side's false win once the option is on", () => {
    expect(
      nextSyncValue(true, 'ae', {
        optedOut: false,
        hasOptedOutOfEmail: true,
        lastChanged: 'salesforce',
      }),
    ).toBe(false);
    expect(
      nextSyncValue(true, 'salesforce', {
        optedOut: false,
        hasOptedOutOfEmail: true,
        lastChanged: 'ae',
      }),
    ).toBe(true);
    expect(
      nextSyncValue(true, 'most-recent-record', {
        optedOut: true,
        hasOptedOutOfEmail: false,
        lastChanged: 'salesforce',
      }),
    ).toBe(false);
  });
});

describe('what the overlay advises', () => {
  it('asks for both sides while the option is off or unknown, never guessing "on"', () => {
    expect(adviseOptIn({ overwriteOptedOut: 'off', optedOutSyncBehavior: 'salesforce', optedOutMapped: true })).toEqual(
      {
        kind: 'both-sides',
        because: 'option-off',
      },
    );
    expect(adviseOptIn({ overwriteOptedOut: 'unknown', optedOutSyncBehavior: null, optedOutMapped: null })).toEqual({
      kind: 'both-sides',
      because: 'option-unknown',
    });
  });

  it('names the side to uncheck when the option is on, from the sync behaviour', () => {
    const on = (optedOutSyncBehavior: OptedOutSyncBehavior) =>
      adviseOptIn({ overwriteOptedOut: 'on', optedOutSyncBehavior, optedOutMapped: true });
    expect(on('ae')).toEqual({ kind: 'one-side', side: 'ae' });
    expect(on('salesforce')).toEqual({ kind: 'one-side', side: 'salesforce' });
    expect(on('most-recent-record')).toEqual({ kind: 'one-side', side: 'either' });
    expect(on('most-recent-field')).toEqual({ kind: 'one-side', side: 'either' });
  });

  it('says the sides are independent when Opted Out is not mapped to Salesforce', () => {
    expect(adviseOptIn({ overwriteOptedOut: 'on', optedOutSyncBehavior: null, optedOutMapped: false })).toEqual({
      kind: 'not-synced',
    });
  });

  it('advises unchecking both when the option is on but the sync behaviour is not known', () => {
    expect(adviseOptIn({ overwriteOptedOut: 'on', optedOutSyncBehavior: null, optedOutMapped: true })).toEqual({
      kind: 'both-sides-safe',
    });
  });
});

describe('what unchecking Opted Out will not fix', () => {
  it('names Do Not Email and a hard bounce', () => {
    expect(stillUnmailable({ isDoNotEmail: true, isEmailHardBounced: true })).toEqual(['do-not-email', 'hard-bounced']);
    expect(stillUnmailable({ isDoNotEmail: false, isEmailHardBounced: false })).toEqual([]);
  });
});
