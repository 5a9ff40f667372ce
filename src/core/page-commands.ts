/**
 * The one command the worker sends to every content script showing a job's
 * pair: read it again. Checked by hand: this runs in every recognised page,
 * where a schema library would add ~3 KB (gzipped) for one tiny shape.
 */
export type PageCommand = { type: 'status-changed' };

export function parsePageCommand(message: unknown): PageCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, ...rest } = message as Record<string, unknown>;
  return type === 'status-changed' && Object.keys(rest).length === 0 ? { type } : null;
}
