/** fetch with the house rules: a time limit, named errors, and a few retries for what is transient. */
import { type ErrorCode, GuardError, isTransient } from '../core/errors';

export const CLIENT_NAME = 'OptOutSyncGuard';
const TIMEOUT_MS = 20_000;

export async function fetchJson(
  url: string,
  init: RequestInit,
  toError: (status: number, body: unknown) => ErrorCode,
): Promise<{ status: number; body: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      credentials: 'omit',
      redirect: 'error',
    });
  } catch {
    throw new GuardError('network');
  }
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (response.ok) return { status: response.status, body };
  throw new GuardError(toError(response.status, body), `HTTP ${response.status}`);
}

/** Retries transient failures (5xx, network, rate limits) with exponential backoff; writes are idempotent. */
export async function withRetry<T>(call: () => Promise<T>, tries = 3, firstDelayMs = 300): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const transient = error instanceof GuardError && isTransient(error.code);
      if (!transient || attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, firstDelayMs * 2 ** (attempt - 1)));
    }
  }
}

/**
 * At most `limit` calls in flight: AE answers error 66 past five concurrent requests.
 * A finishing call hands its slot straight to the next waiter, so a call arriving
 * in between cannot take the slot too.
 */
export function limiter(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(call: () => Promise<T>): Promise<T> {
    if (active < limit) active++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await call();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
