/** CSV for a spreadsheet, written without papaparse (the worker writes it; only the Restore page parses). */
import { FORMULA_START } from './batch';

/**
 * A cell for a CSV the admin opens in a spreadsheet: always quoted (a locale
 * that separates with `;` would split `a;=cmd` otherwise), and a cell that
 * starts like a formula is prefixed with `'`, so it shows as text.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
