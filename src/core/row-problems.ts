/** Why a Restore a list row, or the whole list, is refused: each has a message in en and ja (scripts/locales.mjs). */
export const ROW_PROBLEMS = [
  'evidence-missing',
  'evidence-too-long',
  'evidence-date-invalid',
  'formula',
  'no-identity',
  'email-invalid',
  'prospect-id-invalid',
  'record-id-invalid',
  'duplicate',
  'same-person-other-case',
  'cells-mismatch',
] as const;
export type RowProblem = (typeof ROW_PROBLEMS)[number];

export type ListProblem =
  | 'empty'
  | 'too-large'
  | 'too-many-rows'
  | 'malformed'
  | 'unknown-columns'
  | 'no-identity-column'
  | 'no-evidence-column';
