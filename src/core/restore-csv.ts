/**
 * A "Restore a list" input, as Excel and Google Sheets write it: a CSV file or
 * pasted rows, parsed by papaparse (a BOM, `,` `;` or tab separators, CRLF,
 * quoted cells), one row per person with the evidence of what that person
 * asked. Every row is judged on its own: a refused row says why, in the
 * admin's language, and is never written; the others go on to the preview.
 * Nothing here runs a cell: the export quotes every cell and neutralises any
 * that a spreadsheet would read as a formula (OWASP "CSV Injection").
 */
import Papa from 'papaparse';
import type { ListRow, RefusedRow } from './batch';
import { EMAIL, FORMULA_START, MAX_BYTES, MAX_EVIDENCE, MAX_ROWS, personKey } from './batch';
import { csvCell, toCsv } from './csv-out';
import { parseEvidenceDate } from './evidence-date';
import type { ListProblem, RowProblem } from './row-problems';
import { objectOfId, toId18 } from './salesforce-id';

export { MAX_BYTES, MAX_ROWS };

type Column = 'email' | 'prospect_id' | 'record_id' | 'evidence' | 'evidence_date';

/** The headers each column is known by, compared in lower case with spaces, `-` and `_` removed. */
const COLUMN_NAMES: Record<Column, readonly string[]> = {
  email: ['email', 'emailaddress', 'メールアドレス', 'メール', 'eメール'],
  prospect_id: ['prospectid', 'プロスペクトid'],
  record_id: ['recordid', 'salesforceid', 'レコードid'],
  evidence: ['evidence', '根拠', '証跡'],
  evidence_date: ['evidencedate', 'evidenceat', '根拠の日付', '根拠日', '根拠日時'],
};

/** An evidence date this far past the moment the list is read is a mistake, not a wish. */
const FUTURE_SLACK_MS = 24 * 3_600_000;

const normalise = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-・]/g, '');

function columnOf(header: string): Column | null {
  const name = normalise(header);
  for (const [column, names] of Object.entries(COLUMN_NAMES) as [Column, readonly string[]][])
    if (names.includes(name)) return column;
  return null;
}

export type ParsedList =
  | { ok: true; rows: ListRow[]; refused: RefusedRow[] }
  | { ok: false; problem: ListProblem; detail: string };

/** What is wrong with a row's cells on their own, if anything. */
function rowProblem(
  mismatch: boolean,
  email: string,
  prospect: string,
  record: string,
  evidence: string,
): RowProblem | null {
  if (mismatch) return 'cells-mismatch';
  if (!email && !prospect && !record) return 'no-identity';
  if (email && !EMAIL.test(email)) return FORMULA_START.test(email) ? 'formula' : 'email-invalid';
  if (prospect && !/^[1-9]\d{0,14}$/.test(prospect)) return 'prospect-id-invalid';
  const id18 = record ? toId18(record) : null;
  // A list names Leads and Contacts (a person account's person contact is a Contact id).
  const object = id18 ? objectOfId(id18) : null;
  if (record && object !== 'Lead' && object !== 'Contact') return 'record-id-invalid';
  if (!evidence) return 'evidence-missing';
  if (FORMULA_START.test(evidence)) return 'formula';
  if (evidence.length > MAX_EVIDENCE) return 'evidence-too-long';
  return null;
}

type ListRefusal = Extract<ParsedList, { ok: false }>;
const refuse = (problem: ListProblem, detail = ''): ListRefusal => ({ ok: false, problem, detail });

/** The list's header and rows as papaparse reads them, or why the list as a whole is refused. */
function readTable(text: string, bytes: number): { header: string[]; body: string[][] } | ListRefusal {
  if (bytes > MAX_BYTES) return refuse('too-large', String(MAX_BYTES));
  const source = text.replace(/^\uFEFF/, '');
  if (!source.trim()) return refuse('empty');
  const parsed = Papa.parse<string[]>(source, {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: 'greedy',
  });
  const broken = parsed.errors.find((error) => error.type === 'Quotes' || error.type === 'Delimiter');
  // A list with one column guesses no delimiter: that is fine when it has a single header.
  if (broken && !(broken.code === 'UndetectableDelimiter' && (parsed.data[0]?.length ?? 0) === 1))
    return refuse('malformed', String((broken.row ?? 0) + 2));
  const [header, ...body] = parsed.data;
  if (!header) return refuse('empty');
  if (body.length > MAX_ROWS) return refuse('too-many-rows', String(MAX_ROWS));
  return { header, body };
}

/** The column each header names, or why the header is refused (an unknown column, no evidence, no identity). */
function columnsOf(header: string[]): (Column | null)[] | ListRefusal {
  const columns = header.map(columnOf);
  const unknown = header.filter((name, i) => columns[i] === null && name.trim() !== '');
  if (unknown.length) return refuse('unknown-columns', unknown.join(', '));
  if (!columns.includes('evidence')) return refuse('no-evidence-column');
  if (!columns.some((c) => c === 'email' || c === 'prospect_id' || c === 'record_id'))
    return refuse('no-identity-column');
  return columns;
}

/**
 * One row of the body (file line `line`): the person and their evidence, with the row's text and its
 * email as written (to tell a repeated row from the same person in another case), or why it is refused.
 */
function readRow(
  cells: string[],
  line: number,
  columns: (Column | null)[],
  { locale, now }: { locale: string; now: number },
): { row: ListRow; text: string; email: string } | RefusedRow {
  const cell = (column: Column) => {
    const i = columns.indexOf(column);
    return i < 0 ? '' : (cells[i] ?? '').trim();
  };
  const email = cell('email');
  const prospect = cell('prospect_id');
  const record = cell('record_id');
  const evidence = cell('evidence');
  const dateCell = cell('evidence_date');
  const evidenceAt = dateCell ? parseEvidenceDate(dateCell, locale) : null;
  const text = ([email, prospect, record].filter(Boolean).join(' / ') || cells.join(' ')).slice(0, 200);
  const problem =
    rowProblem(cells.length !== columns.length, email, prospect, record, evidence) ??
    (dateCell && (evidenceAt === null || evidenceAt > now + FUTURE_SLACK_MS) ? 'evidence-date-invalid' : null);
  if (problem) return { line, problem, text };
  const id18 = record ? toId18(record) : null;
  const row: ListRow = {
    line,
    email: email ? email.toLowerCase() : null,
    prospectId: prospect ? Number(prospect) : null,
    recordId: id18,
    object: id18 ? objectOfId(id18) : null,
    evidence,
    evidenceAt,
  };
  return { row, text, email };
}

/**
 * Reads a list. `bytes` is the file's size (a paste's UTF-8 length); a list
 * above MAX_BYTES or MAX_ROWS is refused whole, before anything is resolved.
 * `locale` orders a date written with the year last (src/core/evidence-date.ts).
 */
export function parseRestoreList(
  text: string,
  bytes = new TextEncoder().encode(text).length,
  { locale = 'en-US', now = Date.now() }: { locale?: string; now?: number } = {},
): ParsedList {
  const table = readTable(text, bytes);
  if ('ok' in table) return table;
  const columns = columnsOf(table.header);
  if ('ok' in columns) return columns;
  const rows: ListRow[] = [];
  const refused: RefusedRow[] = [];
  /** Each person's identity as the row wrote it, to tell a repeated row from one in another case. */
  const seen = new Map<string, string>();
  for (const [index, cells] of table.body.entries()) {
    const read = readRow(cells, index + 2, columns, { locale, now });
    if ('problem' in read) {
      refused.push(read);
      continue;
    }
    const { row, text, email } = read;
    const key = personKey(row);
    const before = seen.get(key);
    if (before) {
      refused.push({
        line: row.line,
        text,
        problem: before !== (email || key) ? 'same-person-other-case' : 'duplicate',
      });
      continue;
    }
    seen.set(key, email || key);
    rows.push(row);
  }
  return { ok: true, rows, refused };
}

export { csvCell, toCsv };
