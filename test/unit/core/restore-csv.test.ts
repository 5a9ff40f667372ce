/** A restore list as Excel and Google Sheets write it: each row judged on its own, nothing run. */
import { describe, expect, it } from 'vitest';
import { csvCell, MAX_BYTES, MAX_ROWS, parseRestoreList, toCsv } from '../../../src/core/restore-csv';

const ok = (text: string) => {
  const parsed = parseRestoreList(text);
  if (!parsed.ok) throw new Error(`refused: ${parsed.problem} ${parsed.detail}`);
  return parsed;
};

describe('reading a restore list', () => {
  it('reads what Excel saves in a Japanese locale: a BOM, `;`, CRLF, quoted cells, Japanese headers in any order', () => {
    const text =
      '\uFEFF根拠;メールアドレス\r\n"replied to the 3 Feb email; asked to stay";Aiko.Tanaka@Example.com\r\n"「配信希望」と返信 ""2/3""";ken@example.com\r\n';
    const { rows, refused } = ok(text);
    expect(refused).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({
        line: 2,
        email: 'aiko.tanaka@example.com',
        evidence: 'replied to the 3 Feb email; asked to stay',
      }),
      expect.objectContaining({ line: 3, email: 'ken@example.com', evidence: '「配信希望」と返信 "2/3"' }),
    ]);
  });

  it('reads tabs (a paste from a spreadsheet) and English headers in any case, with record ids of 15 characters', () => {
    const { rows } = ok('Record_ID\tEVIDENCE\tProspect ID\n003000000000001\tcalled us on 2 Feb\t\n\tsaid so\t42\n');
    expect(rows).toEqual([
      expect.objectContaining({ recordId: '003000000000001AAA', object: 'Contact', prospectId: null }),
      expect.objectContaining({ recordId: null, prospectId: 42 }),
    ]);
  });

  it('refuses each bad row with its reason and keeps the good ones', () => {
    const text = [
      'email,evidence,record_id',
      'a@example.com,asked on 3 Feb,',
      'b@example.com,,',
      'c@example.com,"=HYPERLINK(""http://x"",""y"")",',
      'not-an-email,asked,',
      ',asked,001000000000001',
      ',asked,',
      'A@example.com,asked again,',
      'a@example.com,asked on 3 Feb,',
      'd@example.com,asked',
      `e@example.com,${'x'.repeat(501)},`,
    ].join('\n');
    const { rows, refused } = ok(text);
    expect(rows.map((r) => r.email)).toEqual(['a@example.com']);
    expect(refused.map((r) => [r.line, r.problem])).toEqual([
      [3, 'evidence-missing'],
      [4, 'formula'],
      [5, 'email-invalid'],
      [6, 'record-id-invalid'],
      [7, 'no-identity'],
      [8, 'same-person-other-case'],
      [9, 'duplicate'],
      [10, 'cells-mismatch'],
      [11, 'evidence-too-long'],
    ]);
  });

  it('treats a 15- and an 18-character id of one record as the same person', () => {
    const { refused } = ok('record_id,evidence\n003000000000001,a\n003000000000001AAA,b\n');
    expect(refused).toEqual([expect.objectContaining({ line: 3, problem: 'duplicate' })]);
  });

  it.each([
    ['an empty paste', '\uFEFF \r\n', 'empty'],
    ['an unknown column', 'email,evidence,owner\na@example.com,x,me\n', 'unknown-columns'],
    ['no evidence column', 'email\na@example.com\n', 'no-evidence-column'],
    ['no column naming the person', 'evidence,note\n', 'unknown-columns'],
    ['only evidence', 'evidence\nasked\n', 'no-identity-column'],
    ['an unclosed quote', 'email,evidence\na@example.com,"asked\n', 'malformed'],
  ])('refuses the whole list for %s', (_, text, problem) => {
    expect(parseRestoreList(text)).toMatchObject({ ok: false, problem });
  });

  it(`refuses more than ${MAX_ROWS} rows and more than ${MAX_BYTES} bytes before reading a row`, () => {
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => `p${i}@example.com,asked`);
    expect(parseRestoreList(`email,evidence\n${rows.join('\n')}`)).toMatchObject({
      ok: false,
      problem: 'too-many-rows',
    });
    expect(ok(`email,evidence\n${rows.slice(1).join('\n')}`).rows).toHaveLength(MAX_ROWS);
    expect(parseRestoreList('email,evidence\n', 20_000_000)).toMatchObject({ ok: false, problem: 'too-large' });
  });
});

describe('the result CSV', () => {
  it('quotes every cell and shows a formula as text', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-1+2')).toBe(`"'-1+2"`);
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell(null)).toBe('""');
    expect(
      toCsv([
        ['line', 'email'],
        [2, '@cmd'],
      ]),
    ).toBe('\uFEFF"line","email"\r\n"2","\'@cmd"\r\n');
  });
});
