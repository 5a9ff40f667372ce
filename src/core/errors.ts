/**
 * Everything that can go wrong, as values the UI explains in both languages
 * (public/_locales: `error_<code with underscores>`), each telling the admin
 * what to do next.
 */
export const ERROR_CODES = [
  'bad-request',
  'wrong-sender',
  'internal',
  'extension-reloaded',
  'session-expired',
  'proxied-session',
  'api-access-control',
  'api-disabled',
  'no-access',
  'field-not-writable',
  'record-deleted',
  'record-not-found',
  'not-person-account',
  'business-unit-wrong',
  'business-unit-unknown',
  'rate-limited',
  'daily-limit',
  'network',
  'server-error',
  'control-not-found',
  'opted-out-not-editable',
  'ae-form-open',
  'pair-changed',
  'ae-read-lag',
  'save-not-confirmed',
  'signed-out-of-ae',
  'ae-page-unavailable',
  'proxied-ae-page',
  'not-linked',
  'several-prospects',
  'link-mismatch',
  'back-link-unreadable',
  'not-opted-out',
  'reverted',
  'not-confirmed',
  'confirmation-expired',
  'expired',
  'opted-out-again',
  'org-unknown',
  'oauth-failed',
  'oauth-not-configured',
  'storage-unavailable',
  'job-running',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Worth another try after a pause; the others need the admin. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set([
  'rate-limited',
  'network',
  'server-error',
  'save-not-confirmed',
  // A write the worker stopped in the middle of (Chrome stops idle workers): when the check after
  // the sync shows its side still opted out, it never landed, and a new try reads both sides again.
  'not-confirmed',
  // One side changed between the read before the writes and the writes: read both again.
  'pair-changed',
  // The AE API's reads lag its writes: read again a little later.
  'ae-read-lag',
]);
export const isTransient = (code: ErrorCode): boolean => TRANSIENT.has(code);

export class GuardError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof GuardError ? error.code : 'internal';
}
