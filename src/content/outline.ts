/**
 * "Copy page outline": the shape of a page the extension could not work
 * with, for a bug report. It is an allow-list: tag names and nesting, and of
 * every word only what is known to be the page's own vocabulary — a label
 * or action word the extension looks for (src/core/labels.ts), or a common
 * word of a form's labels and identifiers (`UI_WORDS`). Everything else is
 * a placeholder: `{text}` for words, `*` for a part of an identifier, `#`
 * for a number, `{id}` for a record id, `{link}` for a site outside the
 * Salesforce and AE families. No field value is ever printed, so a name,
 * an email (even `%40`-encoded), a company's site or a token cannot leak
 * through a position nobody thought of (test/unit/content/ae-page-controls.test.ts feeds it
 * a page full of personal data).
 */

import { ACTIVITY_LABELS } from '../core/activity-labels';
import { isAeHost, LIGHTNING_SUFFIXES, MY_DOMAIN_SUFFIXES } from '../core/hosts';
import { AE_LABELS, matchesLabel } from '../core/labels';
import { SYNC_BEHAVIOR_LABELS } from '../core/sync-behavior-labels';

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'SVG', 'path', 'HEAD', 'META', 'LINK']);
/** Elements whose words are a label or an action's name, not data. */
const WORDS = new Set(['LABEL', 'TH', 'DT', 'LEGEND', 'BUTTON', 'SUMMARY', 'CAPTION', 'H2', 'H3', 'H4', 'H5', 'H6']);
const MAX_LINES = 2_000;

/** Every label the extension knows, whole (this is how Japanese labels, which have no spaces, pass). */
const KNOWN_LABELS: readonly string[] = [
  ...Object.values(AE_LABELS),
  ...Object.values(ACTIVITY_LABELS),
  ...Object.values(SYNC_BEHAVIOR_LABELS),
].flat();

/**
 * Words of forms, tables and page furniture (and of AE's field labels and
 * HTML's attribute values) that are no one's data. A word not here, and not
 * in a known label, is withheld.
 */
const UI_WORDS = new Set(
  `a about account action actions activity activities add additional address all and annual api archive aria assigned
  at back bar body bounce bounced box breakword btn button buying by campaign campaigns cancel cell check checkbox
  checked city class close col column comments company contact contacts content control controls country created crm csrf
  custom date default delete department description details dialog do dont edit email emails employees en false
  fax field fields first footer for form from grade group header heading help hidden history horizontal icon id in industry info
  input inputs is ja job label last lead leads link list lists mailability mailable main menu mobile modal more name
  nav new no none not notes number of off on opportunities opt opted option options or out page panel phone
  postal preferences primary profile prospect prospects radio range read record records reset revenue row salesforce salutation
  save score search section select send source state status submit summary sync synced table tabs tags text textarea
  tag territory the title to toggle token toolbar transactional true type undeliverable unsubscribe unsubscribed update updated url user value
  values view visitor website with years yes zip`.split(/\s+/),
);

const isKnownWord = (word: string): boolean => UI_WORDS.has(word.toLowerCase());

/** A Salesforce record id (15 or 18 characters, letters and digits both). */
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** One part of an identifier (an id, class, name, path segment): kept only when it is known. */
function token(part: string): string {
  if (part === '') return '';
  // One letter names no one (an accesskey, a grid's column).
  if (/^[a-zA-Z]$/.test(part)) return part;
  // One digit is a form's vocabulary (an option's `1`/`0`); longer numbers are a record's.
  if (/^\d+$/.test(part)) return part.length === 1 ? part : '#';
  if (RECORD_ID.test(part) && /\d/.test(part) && /[a-zA-Z]/.test(part)) return '{id}';
  const word = /^([a-zA-Z]+)\d+$/.exec(part);
  if (word?.[1] && token(word[1]) === word[1]) return `${word[1]}#`;
  // camelCase and PascalCase (`saveProspectButton`): every word known.
  const camel = part.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  return camel.join('') === part && camel.every(isKnownWord) ? part : '*';
}

/** An identifier keeps its separators and its known parts: `toggle-mailable-inputs-1001` → `toggle-mailable-inputs-#`. */
export function identifier(text: string): string {
  return text
    .split(/([^a-zA-Z0-9]+)/)
    .map((part, index) => (index % 2 === 1 ? part : token(part)))
    .join('');
}

/** The words of a label or action: shown when all of them are the page's vocabulary, else `{text}`. */
function words(text: string | null | undefined): string | null {
  const clean = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!clean) return null;
  if (matchesLabel(clean, KNOWN_LABELS)) return clean;
  const parts = clean.split(/[\s:*()/,.?!&-]+/).filter(Boolean);
  return parts.length > 0 && parts.length <= 8 && parts.every(isKnownWord) ? clean : '{text}';
}

/** The origin of a link in the Salesforce or AE family, with the org's My Domain name taken out. */
function familyOrigin(url: URL): string | null {
  if (isAeHost(url.hostname)) return url.origin;
  const suffix = [...MY_DOMAIN_SUFFIXES, ...LIGHTNING_SUFFIXES].find((s) => url.hostname.endsWith(s));
  return suffix ? `${url.protocol}//*${suffix}` : null;
}

/** A link's target: within the families, origin and path as identifiers; elsewhere, nothing of it. */
function target(href: string, base: string): string {
  if (href.startsWith('#')) return href.length > 1 ? `#${identifier(href.slice(1))}` : '#';
  try {
    const url = new URL(href, base);
    if (url.protocol === 'mailto:') return 'mailto:{email}';
    if (!/^https?:$/.test(url.protocol)) return `${url.protocol}…`;
    const origin = familyOrigin(url);
    if (!origin) return '{link}';
    const path = url.pathname
      .split('/')
      .map((segment) => identifier(decodeURIComponentSafe(segment)))
      .join('/');
    return `${origin}${path}${url.search ? '?…' : ''}`;
  } catch {
    return '{unreadable}';
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const ATTRIBUTES = ['name', 'type', 'for', 'role', 'accesskey', 'aria-controls', 'aria-expanded', 'aria-labelledby'];

function describe(element: Element): string {
  let line = element.tagName.toLowerCase();
  if (element.id) line += `#${identifier(element.id)}`;
  for (const name of element.classList) line += `.${identifier(name)}`;
  const attributes: string[] = [];
  for (const name of ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null) attributes.push(`${name}=${identifier(value)}`);
  }
  if (element instanceof HTMLInputElement && element.type === 'checkbox') attributes.push(`checked=${element.checked}`);
  if (element.hasAttribute('hidden')) attributes.push('hidden');
  if ((element as HTMLElement).style?.display === 'none') attributes.push('display=none');
  // `data-*` names can carry a record's words (`data-aiko-tanaka`): only how many there are.
  const data = element.getAttributeNames().filter((name) => name.startsWith('data-')).length;
  if (data) attributes.push(`data-*×${data}`);
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
  if (labelLike) {
    const text = words(element.textContent);
    if (text) line += ` "${text}"`;
  }
  if (element instanceof HTMLInputElement && (element.type === 'submit' || element.type === 'button')) {
    const text = words(element.value);
    if (text) line += ` "${text}"`;
  }
  if (element instanceof HTMLSelectElement) {
    const options = [...element.options];
    line += ` options: ${options
      .slice(0, 5)
      .map((o) => `${identifier(o.value) || "''"}="${words(o.textContent) ?? ''}"`)
      .join(' | ')}${options.length > 5 ? ` | … (${options.length} options)` : ''}`;
  }
  return line;
}

export function pageOutline(doc: Document): string {
  const lines = [
    'Opt-Out Sync Guard: outline of a page it could not work with (labels and structure only; no values).',
    `page: ${target(doc.URL, doc.URL)}${window.top === window ? '' : ' (in a frame)'}`,
    `language: ${/^[a-zA-Z-]{2,12}$/.test(doc.documentElement.lang) ? doc.documentElement.lang : 'not set'}`,
    '',
  ];
  const walk = (element: Element, depth: number) => {
    if (lines.length >= MAX_LINES || SKIP.has(element.tagName)) return;
    if (element.hasAttribute('data-optout-sync-guard')) return;
    lines.push(`${'  '.repeat(depth)}${describe(element)}`);
    if (element instanceof HTMLSelectElement) return;
    for (const child of element.children) walk(child, depth + 1);
  };
  if (doc.body) walk(doc.body, 0);
  if (lines.length >= MAX_LINES) lines.push(`… cut at ${MAX_LINES} lines`);
  return lines.join('\n');
}
