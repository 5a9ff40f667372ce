/**
 * Commands the worker sends to a content script. Checked by hand rather than
 * with the schema library the worker uses: this runs in every recognised
 * page, where the library would add ~3 KB (gzipped) for four tiny shapes.
 */
export type PageCommand =
  | { type: 'ae-prepare'; prospectId: number }
  /** `at`: the moment (ms since epoch) to click Save, so it lands with the Salesforce write. */
  | { type: 'ae-commit'; prospectId: number; at: number }
  | { type: 'ae-reload'; prospectId: number }
  | { type: 'status-changed' };

export function parsePageCommand(message: unknown): PageCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, prospectId, at, ...rest } = message as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return null;
  if (type === 'status-changed') return prospectId === undefined && at === undefined ? { type } : null;
  if (!Number.isSafeInteger(prospectId)) return null;
  if (type === 'ae-commit')
    return Number.isSafeInteger(at) ? { type, prospectId: prospectId as number, at: at as number } : null;
  if ((type === 'ae-prepare' || type === 'ae-reload') && at === undefined)
    return { type, prospectId: prospectId as number };
  return null;
}
