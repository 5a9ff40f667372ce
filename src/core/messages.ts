/**
 * Every message between content scripts, extension pages and the service
 * worker. One schema per message, checked at the boundary: whatever arrives
 * is `unknown` until it passes here.
 */
import * as v from 'valibot';
import type { DetectedPage } from './page-detect';

const ProspectPage = v.strictObject({
  kind: v.literal('pardot-prospect'),
  host: v.string(),
  prospectId: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER)),
});
const RecordPage = v.strictObject({
  kind: v.literal('salesforce-record'),
  host: v.string(),
  object: v.picklist(['Lead', 'Contact']),
  recordId: v.pipe(v.string(), v.regex(/^[a-zA-Z0-9]{18}$/)),
  ui: v.picklist(['lightning', 'classic']),
});
const SettingsPage = v.strictObject({
  kind: v.picklist(['pardot-connector-settings', 'pardot-field-settings']),
  host: v.string(),
});
export const DetectedPageSchema = v.variant('kind', [ProspectPage, RecordPage, SettingsPage]);

export const RequestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('page-status'), page: DetectedPageSchema }),
]);
export type Request = v.InferOutput<typeof RequestSchema>;

export interface PageStatus {
  page: DetectedPage;
  /** When the worker answered, so the overlay can say how fresh it is. */
  checkedAt: string;
}

export type ErrorCode = 'bad-request' | 'wrong-sender' | 'internal' | 'extension-reloaded';

export type Response<T> = { ok: true; value: T } | { ok: false; error: ErrorCode };

export function parseRequest(message: unknown): Request | null {
  const result = v.safeParse(RequestSchema, message);
  return result.success ? result.output : null;
}
