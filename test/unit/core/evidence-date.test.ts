/** The `evidence_date` column: read as the admin's spreadsheet writes a date, in their order and zone. */
import { describe, expect, it } from 'vitest';
import { monthFirst, parseEvidenceDate } from '../../../src/core/evidence-date';
import { parseRestoreList } from '../../../src/core/restore-csv';

const local = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

describe('an evidence date', () => {
  it('reads ISO dates and times, with a zone or in the admin’s own time', () => {
    expect(parseEvidenceDate('2026-02-03', 'en-US')).toBe(local(2026, 2, 3));
    expect(parseEvidenceDate('2026-02-03T15:30', 'en-US')).toBe(local(2026, 2, 3, 15, 30));
    expect(parseEvidenceDate('2026-02-03 15:30:00', 'ja')).toBe(local(2026, 2, 3, 15, 30));
    expect(parseEvidenceDate('2026-02-03T15:30:00Z', 'en-US')).toBe(Date.UTC(2026, 1, 3, 15, 30));
    expect(parseEvidenceDate('2026-02-03T15:30+09:00', 'en-US')).toBe(Date.UTC(2026, 1, 3, 6, 30));
  });

  it('reads 2026/02/03 as Japanese Excel writes it, and a year-last date in the locale’s order', () => {
    expect(parseEvidenceDate('2026/2/3', 'ja')).toBe(local(2026, 2, 3));
    expect(monthFirst('en-US')).toBe(true);
    expect(monthFirst('en-GB')).toBe(false);
    expect(parseEvidenceDate('2/3/2026', 'en-US')).toBe(local(2026, 2, 3));
    expect(parseEvidenceDate('2/3/2026', 'en-GB')).toBe(local(2026, 3, 2));
    expect(parseEvidenceDate('3.2.2026 09:15', 'de')).toBe(local(2026, 2, 3, 9, 15));
  });

  it('reads nothing it cannot place on a calendar', () => {
    for (const cell of ['3 Feb', 'yesterday', '2026-02-31', '2026-13-01', '13/13/2026', '2026-02-03T25:00', '=NOW()'])
      expect(parseEvidenceDate(cell, 'en-US'), cell).toBeNull();
  });
});

describe('the evidence_date column of a list', () => {
  const now = local(2026, 11, 30, 12);
  it('gives each row its moment, or none when the cell is empty, under English or Japanese headers', () => {
    const parsed = parseRestoreList(
      'メールアドレス,根拠,根拠の日付\na@example.com,replied,2026/11/02\nb@example.com,replied,\n',
      undefined,
      { locale: 'ja', now },
    );
    expect(parsed).toMatchObject({
      ok: true,
      rows: [
        { line: 2, evidenceAt: local(2026, 11, 2) },
        { line: 3, evidenceAt: null },
      ],
    });
  });

  it('refuses a row whose date cannot be read, or lies in the future, and nothing else', () => {
    const parsed = parseRestoreList(
      'email,evidence,evidence_date\na@example.com,x,3 Feb\nb@example.com,x,2027-01-05\nc@example.com,x,2026-11-29T08:00Z\n',
      undefined,
      { locale: 'en-US', now },
    );
    expect(parsed.ok && parsed.refused.map((r) => [r.line, r.problem])).toEqual([
      [2, 'evidence-date-invalid'],
      [3, 'evidence-date-invalid'],
    ]);
    expect(parsed.ok && parsed.rows.map((r) => r.evidenceAt)).toEqual([Date.UTC(2026, 10, 29, 8)]);
  });
});
