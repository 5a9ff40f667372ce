/**
 * What the connector will do with the Opted Out ⇄ Email Opt Out pair, and so
 * what an admin has to do to opt a prospect back in: the rules in
 * docs/account-engagement.md ("The sync of Opted Out ⇄ Email Opt Out"). The
 * sandbox implements the same rules on its own; test/sandbox/advisor.test.ts
 * holds the two against each other.
 */

const SIDES = ['ae', 'salesforce'] as const;
export type Side = (typeof SIDES)[number];
/** The Opted Out field's sync behaviour: AE's four choices, by what each prefers. */
export const OPTED_OUT_SYNC_BEHAVIORS = ['most-recent-record', 'ae', 'salesforce', 'most-recent-field'] as const;
export type OptedOutSyncBehavior = (typeof OPTED_OUT_SYNC_BEHAVIORS)[number];
type OverwriteOption = 'on' | 'off' | 'unknown';

export interface ConnectorSettings {
  overwriteOptedOut: OverwriteOption;
  /** Null when nobody has read the Opted Out field's settings page yet. */
  optedOutSyncBehavior: OptedOutSyncBehavior | null;
  /** Is Opted Out mapped to HasOptedOutOfEmail? Null when unknown. */
  optedOutMapped: boolean | null;
}

export interface PairValues {
  optedOut: boolean;
  hasOptedOutOfEmail: boolean;
  /** Which side changed last: decides "most recently updated" behaviours. */
  lastChanged: Side;
}

/** The value both sides hold after the next sync, for known settings. */
export function nextSyncValue(overwriteOptedOut: boolean, behavior: OptedOutSyncBehavior, pair: PairValues): boolean {
  const asSeen = (value: boolean) => (value ? true : overwriteOptedOut ? false : null);
  const values: Record<Side, boolean | null> = {
    ae: asSeen(pair.optedOut),
    salesforce: asSeen(pair.hasOptedOutOfEmail),
  };
  let winner: Side = behavior === 'ae' || behavior === 'salesforce' ? behavior : pair.lastChanged;
  const other: Side = winner === 'salesforce' ? 'ae' : 'salesforce';
  if (values[winner] === null && values[other] !== null) winner = other;
  return values[winner] === true;
}

export type OptInAdvice =
  /** Only unchecking both sides between two syncs sticks (option off, or not known to be on). */
  | { kind: 'both-sides'; because: 'option-off' | 'option-unknown' }
  /** With the option on, unchecking this side is enough; `either` when both work. */
  | { kind: 'one-side'; side: Side | 'either' }
  /** The option is on but the sync behaviour is unknown: unchecking both is the safe way. */
  | { kind: 'both-sides-safe' }
  /** Opted Out is not synced with Salesforce at all: each side is its own. */
  | { kind: 'not-synced' };

export function adviseOptIn(settings: ConnectorSettings): OptInAdvice {
  if (settings.optedOutMapped === false) return { kind: 'not-synced' };
  if (settings.overwriteOptedOut === 'off') return { kind: 'both-sides', because: 'option-off' };
  if (settings.overwriteOptedOut === 'unknown') return { kind: 'both-sides', because: 'option-unknown' };
  const behavior = settings.optedOutSyncBehavior;
  if (!behavior) return { kind: 'both-sides-safe' };
  const sticks = (side: Side) =>
    !nextSyncValue(true, behavior, {
      optedOut: side !== 'ae',
      hasOptedOutOfEmail: side !== 'salesforce',
      lastChanged: side,
    });
  const ae = sticks('ae');
  const sf = sticks('salesforce');
  if (ae && sf) return { kind: 'one-side', side: 'either' };
  if (ae) return { kind: 'one-side', side: 'ae' };
  if (sf) return { kind: 'one-side', side: 'salesforce' };
  return { kind: 'both-sides-safe' };
}

/** Why a prospect stays unmailable even with Opted Out unchecked. */
export type StillUnmailable = 'do-not-email' | 'hard-bounced';

export function stillUnmailable(prospect: { isDoNotEmail: boolean; isEmailHardBounced: boolean }): StillUnmailable[] {
  const reasons: StillUnmailable[] = [];
  if (prospect.isDoNotEmail) reasons.push('do-not-email');
  if (prospect.isEmailHardBounced) reasons.push('hard-bounced');
  return reasons;
}
