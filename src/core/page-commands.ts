/**
 * Commands the worker sends to a content script. Checked by hand rather than
 * with the schema library the worker uses: this runs in every recognised
 * page, where the library would add ~3 KB (gzipped) for four tiny shapes.
 */
export type PageCommand =
  | { type: 'ae-prepare'; prospectId: number }
  | { type: 'ae-commit'; prospectId: number }
  | { type: 'ae-reload'; prospectId: number }
  | { type: 'status-changed' };

export function parsePageCommand(message: unknown): PageCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, prospectId, ...rest } = message as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return null;
  if (type === 'status-changed') return prospectId === undefined ? { type } : null;
  if ((type === 'ae-prepare' || type === 'ae-commit' || type === 'ae-reload') && Number.isSafeInteger(prospectId)) {
    return { type, prospectId: prospectId as number };
  }
  return null;
}
