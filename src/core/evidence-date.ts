/**
 * When the person asked: a list's `evidence_date` cell, as the admin's
 * spreadsheet writes a date. The evidence text itself is free text and is
 * never read for a date; only this column is.
 *
 * Accepted: ISO 8601 (`2026-02-03`, `2026-02-03T15:30`, `2026-02-03 15:30:00`,
 * with `Z` or an offset), `2026/02/03` (how Japanese Excel writes a date),
 * and the locale's own order with the year last (`2/3/2026` is 3 February in
 * en-US, 2 February in en-GB; `3.2.2026` likewise), each with an optional
 * `HH:MM[:SS]`. Without a zone the time is the admin's own; a date without a
 * time starts at the beginning of that day, so an opt-out later that same day
 * counts as after it (give the time when the person asked after an opt-out of
 * the same day).
 */

/** Whether the locale writes the month before the day (en-US does; en-GB, de, fr do not). */
export function monthFirst(locale: string): boolean {
  const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(
    new Date(2006, 0, 31),
  );
  const order = parts.filter((part) => part.type === 'month' || part.type === 'day').map((part) => part.type);
  return order[0] === 'month';
}

const TIME = String.raw`(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?`;
const ZONE = String.raw`(Z|[+-]\d{2}:?\d{2})?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}\s*${ZONE}$`, 'i');
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})[/.](\d{1,2})[/.](\d{4})${TIME}$`);

function moment(
  year: number,
  month: number,
  day: number,
  time: [string | undefined, string | undefined, string | undefined],
  zone: string | undefined,
): number | null {
  const [h, m, s] = time.map((part) => Number(part ?? 0)) as [number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || h > 23 || m > 59 || s > 59) return null;
  let at: number;
  if (zone) {
    const offset =
      zone.toUpperCase() === 'Z'
        ? 0
        : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    at = Date.UTC(year, month - 1, day, h, m, s) - offset * 60_000;
  } else {
    at = new Date(year, month - 1, day, h, m, s).getTime();
  }
  // 31 February is not a date: the calendar must give back the day written.
  const check = new Date(zone ? Date.UTC(year, month - 1, day) : new Date(year, month - 1, day).getTime());
  const dayOf = zone ? check.getUTCDate() : check.getDate();
  return Number.isNaN(at) || dayOf !== day ? null : at;
}

/** The moment an `evidence_date` cell names, in milliseconds; null when it is not a date this reads. */
export function parseEvidenceDate(cell: string, locale: string): number | null {
  const text = cell.trim();
  const first = YEAR_FIRST.exec(text);
  if (first) {
    const [, y, mo, d, h, mi, s, zone] = first;
    return moment(Number(y), Number(mo), Number(d), [h, mi, s], zone);
  }
  const last = YEAR_LAST.exec(text);
  if (last) {
    const [, a, b, y, h, mi, s] = last;
    const [month, day] = monthFirst(locale) ? [Number(a), Number(b)] : [Number(b), Number(a)];
    return moment(Number(y), month, day, [h, mi, s], undefined);
  }
  return null;
}
