/**
 * "Copy page outline": the shape of a page the extension could not work
 * with, for a bug report — tag names, ids, names, types, classes, the words
 * of labels and buttons, option values and texts — and nothing a person
 * typed or a record holds: no field values, emails, names, tokens, or URL
 * query strings. Values are collected from the page first, and any label
 * text that contains one is withheld (test/unit/outline.test.ts feeds it a
 * page full of personal data).
 */

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'path', 'HEAD', 'META', 'LINK']);
/** Elements whose words are a label or an action's name, not data. */
const WORDS = new Set([
  'LABEL',
  'TH',
  'DT',
  'LEGEND',
  'BUTTON',
  'OPTION',
  'SUMMARY',
  'CAPTION',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
]);
const MAX_LINES = 2_000;
const MAX_WORDS = 60;

const EMAIL = /[^\s@<>"']+@[^\s@<>"']+/g;
const HAS_EMAIL = /[^\s@]+@[^\s@]+/;
/** Words that are a page's vocabulary, never a record's data, even where they fill a value cell. */
const VOCABULARY = /^(true|false|yes|no|on|off|はい|いいえ|[—–-])$/i;
const URL_LIKE = /\b(?:https?:)?\/\/\S+/gi;
const SALESFORCE_ID = /\b[a-zA-Z0-9]{3}[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?\b/g;
const LONG_NUMBER = /\d{3,}/g;

/** Identifiers (ids, names, classes) keep their shape; the record-specific numbers in them do not. */
export function identifier(text: string): string {
  if (HAS_EMAIL.test(text)) return '{redacted}';
  return text
    .replace(SALESFORCE_ID, (match) => (/\d/.test(match) && /[a-zA-Z]/.test(match) ? '{id}' : match))
    .replace(LONG_NUMBER, '#');
}

/** Everything on the page that is data rather than a label: what the outline must never contain. */
function pageValues(doc: Document): string[] {
  const values = new Set<string>();
  const add = (text: string | null | undefined) => {
    const value = text?.replace(/\s+/g, ' ').trim();
    if (value && value.length >= 2 && !VOCABULARY.test(value)) values.add(value.toLowerCase());
  };
  // What the fields hold (a button's value is its name, not data).
  for (const field of doc.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(
    'input:not([type="submit"]):not([type="button"]):not([type="reset"]), textarea',
  )) {
    add(field.value);
    add(field.defaultValue);
  }
  // A record's values: cells after a row's first one, list values, headings, anything classed a value.
  for (const cell of doc.querySelectorAll('td, dd, h1, [class*="value"], a[href^="mailto:"], title')) {
    if (cell.tagName === 'TD' && !cell.previousElementSibling && /label/i.test(cell.className)) continue;
    add(cell.textContent);
  }
  for (const anchor of doc.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    try {
      const url = new URL(anchor.getAttribute('href') ?? '', doc.baseURI);
      for (const value of url.searchParams.values()) add(value);
    } catch {}
  }
  try {
    for (const value of new URL(doc.URL).searchParams.values()) add(value);
  } catch {}
  return [...values];
}

function words(text: string | null | undefined, values: string[]): string | null {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  const lower = clean.toLowerCase();
  if (values.some((value) => lower.includes(value))) return '{value}';
  const safe = clean
    .replace(EMAIL, '{email}')
    .replace(URL_LIKE, '{url}')
    .replace(SALESFORCE_ID, (match) => (/\d/.test(match) && /[a-zA-Z]/.test(match) ? '{id}' : match))
    .replace(/\d{4,}/g, '#');
  return safe.length > MAX_WORDS ? `${safe.slice(0, MAX_WORDS)}…` : safe;
}

/** A link's target: origin and path only, with record ids and numbers taken out. */
function target(href: string, base: string): string {
  try {
    const url = new URL(href, base);
    if (url.protocol === 'mailto:') return 'mailto:{email}';
    if (!/^https?:$/.test(url.protocol)) return `${url.protocol}…`;
    return `${url.origin}${identifier(url.pathname)}${url.search ? '?…' : ''}`;
  } catch {
    return '{unreadable}';
  }
}

function describe(element: Element, values: string[]): string {
  let line = element.tagName.toLowerCase();
  if (element.id) line += `#${identifier(element.id)}`;
  for (const name of element.classList) line += `.${identifier(name)}`;
  const attributes: string[] = [];
  for (const name of [
    'name',
    'type',
    'for',
    'role',
    'accesskey',
    'aria-controls',
    'aria-expanded',
    'aria-labelledby',
  ]) {
    const value = element.getAttribute(name);
    if (value !== null) attributes.push(`${name}=${identifier(value)}`);
  }
  if (element instanceof HTMLInputElement && element.type === 'checkbox') attributes.push(`checked=${element.checked}`);
  if (element.hasAttribute('hidden')) attributes.push('hidden');
  if ((element as HTMLElement).style?.display === 'none') attributes.push('display=none');
  const dataNames = element.getAttributeNames().filter((name) => name.startsWith('data-'));
  if (dataNames.length) attributes.push(dataNames.join(' '));
  if (element instanceof HTMLAnchorElement && element.hasAttribute('href')) {
    attributes.push(`href=${target(element.getAttribute('href') ?? '', element.ownerDocument.baseURI)}`);
  }
  if (element instanceof HTMLFormElement) {
    attributes.push(
      `method=${element.method}`,
      `action=${target(element.getAttribute('action') ?? '', element.ownerDocument.baseURI)}`,
    );
  }
  if (attributes.length) line += ` [${attributes.join(' ')}]`;
  const labelLike =
    WORDS.has(element.tagName) ||
    element.getAttribute('role') === 'button' ||
    (element.tagName === 'A' && !element.querySelector('*')) ||
    (element.tagName === 'TD' && /label/i.test(element.className));
  if (labelLike && element.tagName !== 'OPTION') {
    const text = words(element.textContent, values);
    if (text) line += ` "${text}"`;
  }
  if (element instanceof HTMLInputElement && (element.type === 'submit' || element.type === 'button')) {
    const text = words(element.value, values);
    if (text) line += ` "${text}"`;
  }
  if (element instanceof HTMLSelectElement) {
    const options = [...element.options];
    line +=
      // A long list can name people (an "Assigned user" select): only short ones are spelled out.
      options.length <= 3
        ? ` options: ${options.map((o) => `${words(o.value, values) ?? "''"}="${words(o.textContent, values) ?? ''}"`).join(' | ')}`
        : ` (${options.length} options)`;
  }
  return line;
}

export function pageOutline(doc: Document): string {
  const values = pageValues(doc);
  const lines = [
    'Opt-Out Sync Guard: outline of a page it could not work with (labels and structure only; no values).',
    `page: ${target(doc.URL, doc.URL)}${window.top === window ? '' : ' (in a frame)'}`,
    `language: ${doc.documentElement.lang || 'not set'}`,
    '',
  ];
  const walk = (element: Element, depth: number) => {
    if (lines.length >= MAX_LINES || SKIP.has(element.tagName)) return;
    if (element.hasAttribute('data-optout-sync-guard')) return;
    lines.push(`${'  '.repeat(depth)}${describe(element, values)}`);
    if (element instanceof HTMLSelectElement) return;
    for (const child of element.children) walk(child, depth + 1);
  };
  if (doc.body) walk(doc.body, 0);
  if (lines.length >= MAX_LINES) lines.push(`… cut at ${MAX_LINES} lines`);
  return lines.join('\n');
}
