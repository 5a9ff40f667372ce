/** A confirmation is good for the email the window showed, and only until it expires. */
import { describe, expect, it } from 'vitest';
import { CONFIRMATION_TTL_MS, confirmationRefusal } from '../../../src/core/confirmation';

const readAt = Date.UTC(2026, 10, 29, 9, 0);
const shown = { email: 'Aiko.Tanaka@example.com', readAt, expiresAt: readAt + CONFIRMATION_TTL_MS };

describe('when a Confirm is refused', () => {
  it.each([
    ['never read for the window', { shown: null }, 'aiko.tanaka@example.com', readAt, 'confirmation-expired'],
    ['confirmed in time, the email in another case', { shown }, 'aiko.tanaka@example.com', readAt + 60_000, null],
    ['at the last moment', { shown }, 'aiko.tanaka@example.com', shown.expiresAt, null],
    ['a moment too late', { shown }, 'aiko.tanaka@example.com', shown.expiresAt + 1, 'confirmation-expired'],
    [
      'days later, after a browser restart',
      { shown },
      'aiko.tanaka@example.com',
      readAt + 3 * 86_400_000,
      'confirmation-expired',
    ],
    ['for another address than shown', { shown }, 'someone.else@example.com', readAt, 'link-mismatch'],
    ['for an empty address', { shown }, '', readAt, 'link-mismatch'],
  ] as const)('%s', (_case, confirmation, email, now, refusal) => {
    expect(confirmationRefusal(confirmation, email, now)).toBe(refusal);
  });

  it('lasts five minutes: long enough to type a reason, short enough that the pair shown is still the pair', () => {
    expect(CONFIRMATION_TTL_MS).toBe(300_000);
  });
});
