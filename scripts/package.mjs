// `npm run package`: zips dist/ into the one file both stores take (the Chrome Web Store and
// Microsoft Edge Add-ons), after checking it the way their uploads do, and prints the checklist it
// ran. It exits non-zero when a check fails, and then writes no zip.
//
// What the stores ask, and where it is written:
// - Chrome: manifest "version" is one to four dot-separated integers, each 0–65535, no leading
//   zeros; "description" at most 132 characters; "name" at most 75; icons 16, 48 and 128 px; no
//   remotely hosted code in Manifest V3 (developer.chrome.com, "Manifest file format", "Publish in
//   the Chrome Web Store", "Remotely hosted code").
// - Edge (learn.microsoft.com, "Port a Chrome extension to Microsoft Edge"): no `update_url` in the
//   manifest, and no "Chrome" in the name or description (rebrand it for Edge).
// - Ours: the zip holds only files the manifest reaches (no source maps, sources, tests or sandbox),
//   every message in _locales is used, every permission and host has its justification in
//   docs/store-listing.md (English and Japanese), the version has a CHANGELOG entry, and the zip
//   stays within its size budget.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { zipSync } from 'fflate';

const root = 'dist';
/** Our budget for the zip; the stores' own limits are far larger. */
const ZIP_BUDGET_BYTES = 512 * 1024;
const ICON_SIZES = [16, 48, 128];

const checks = [];
/** One line of the checklist: what was checked, for which store, and what was found when it failed. */
function check(store, what, problems) {
  const list = Array.isArray(problems) ? problems : problems ? [problems] : [];
  checks.push({ store, what, problems: list });
}

const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** Every file under dist/, by its path in the zip. */
const files = new Map();
(function add(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) add(path);
    else files.set(relative(root, path).split('\\').join('/'), readFileSync(path));
  }
})(root);

// --- The manifest ---------------------------------------------------------------------------
const versionOk = (v) =>
  /^(0|[1-9]\d{0,4})(\.(0|[1-9]\d{0,4})){0,3}$/.test(v) && v.split('.').every((n) => +n <= 65535);
check(
  'both',
  `version "${manifest.version}": 1–4 integers 0–65535, no leading zeros`,
  !versionOk(manifest.version) && 'bad format',
);
check(
  'both',
  'version matches package.json',
  manifest.version !== pkg.version && `manifest ${manifest.version}, package.json ${pkg.version}`,
);
check(
  'both',
  'CHANGELOG.md has an entry for this version',
  !(existsSync('CHANGELOG.md') && readFileSync('CHANGELOG.md', 'utf8').includes(`## ${manifest.version}`)) &&
    `no "## ${manifest.version}" in CHANGELOG.md`,
);
check('both', 'manifest_version is 3', manifest.manifest_version !== 3 && `found ${manifest.manifest_version}`);
check(
  'edge',
  'no update_url (Edge Add-ons updates the extension itself)',
  'update_url' in manifest && 'update_url is set',
);

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes) {
  const signature = '89504e470d0a1a0a';
  if (!bytes || bytes.subarray(0, 8).toString('hex') !== signature) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
check(
  'both',
  `icons ${ICON_SIZES.join(', ')} px present, PNG, of their size`,
  ICON_SIZES.flatMap((size) => {
    const path = manifest.icons?.[size];
    const found = path && pngSize(files.get(path));
    if (!found) return [`icon ${size}: ${path ?? 'not in the manifest'} missing or not a PNG`];
    return found.width === size && found.height === size ? [] : [`icon ${size}: ${found.width}×${found.height}`];
  }),
);

// --- Locales ---------------------------------------------------------------------------------
const locales = [...files.keys()]
  .filter((path) => /^_locales\/[^/]+\/messages\.json$/.test(path))
  .map((path) => ({ locale: path.split('/')[1], messages: JSON.parse(files.get(path).toString('utf8')) }));
const byLocale = Object.fromEntries(locales.map(({ locale, messages }) => [locale, messages]));
const defaultMessages = byLocale[manifest.default_locale] ?? {};
check(
  'both',
  `default_locale "${manifest.default_locale}" has messages`,
  !byLocale[manifest.default_locale] && 'missing',
);
check(
  'both',
  'every locale has the same messages',
  locales.flatMap(({ locale, messages }) => {
    const missing = Object.keys(defaultMessages).filter((key) => !(key in messages));
    const extra = Object.keys(messages).filter((key) => !(key in defaultMessages));
    return [...missing.map((key) => `${locale} lacks ${key}`), ...extra.map((key) => `${locale} has unknown ${key}`)];
  }),
);
const manifestText = JSON.stringify(manifest);
check(
  'both',
  'every __MSG_…__ in the manifest has a message',
  [...manifestText.matchAll(/__MSG_(\w+)__/g)].filter(([, key]) => !(key in defaultMessages)).map(([m]) => m),
);
/** A manifest field as each locale shows it. */
const shown = (value) =>
  locales.map(({ locale, messages }) => ({
    locale,
    text: String(value ?? '').replace(/__MSG_(\w+)__/g, (_, key) => messages[key]?.message ?? ''),
  }));
check(
  'chrome',
  'name at most 75 characters, in every locale',
  shown(manifest.name).flatMap(({ locale, text }) => (text.length > 75 ? [`${locale}: ${text.length}`] : [])),
);
check(
  'chrome',
  'description at most 132 characters, in every locale',
  shown(manifest.description).flatMap(({ locale, text }) => (text.length > 132 ? [`${locale}: ${text.length}`] : [])),
);
check(
  'edge',
  'no "Chrome" in the name or description, in every locale',
  [...shown(manifest.name), ...shown(manifest.short_name), ...shown(manifest.description)].flatMap(
    ({ locale, text }) => (/chrome/i.test(text) ? [`${locale}: ${text}`] : []),
  ),
);

// --- What the zip holds ----------------------------------------------------------------------
const notShipped = [...files.keys()].filter(
  (path) =>
    path.startsWith('.vite/') ||
    path.endsWith('.map') ||
    /\.(tsx?|mjs|md)$/.test(path) ||
    /(^|\/)(test|sandbox|__sandbox)(\/|$)/.test(path),
);
for (const path of notShipped) files.delete(path);

// A file is reachable when the manifest or a reachable file names it (hashed names are unique).
const textOf = (path) => (/\.(js|html|css|json)$/.test(path) ? files.get(path).toString('utf8') : '');
const reached = new Set(['manifest.json', ...locales.map(({ locale }) => `_locales/${locale}/messages.json`)]);
for (let grew = true; grew; ) {
  grew = false;
  const texts = [...reached].map(textOf).join('\n');
  for (const path of files.keys()) {
    if (reached.has(path)) continue;
    const name = basename(path);
    if (
      texts.includes(`/${name}`) ||
      texts.includes(`"${name}`) ||
      texts.includes(`'${name}`) ||
      texts.includes(path)
    ) {
      reached.add(path);
      grew = true;
    }
  }
}
check(
  'both',
  'every file in the zip is reached from the manifest (nothing that does not run)',
  [...files.keys()].filter((path) => !reached.has(path)),
);

const code = [...files.keys()].filter((path) => /\.(js|html)$/.test(path));
const codeText = code.map(textOf).join('\n');
check('both', 'no remote code: scripts load only from the package, no eval or new Function', [
  ...code.flatMap((path) => {
    const text = textOf(path);
    const found = [];
    for (const [, src] of text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g))
      if (/^(https?:)?\/\//.test(src)) found.push(`${path}: <script src="${src}">`);
    if (/\bimport\s*\(\s*["'`](https?:)?\/\//.test(text)) found.push(`${path}: import() of a URL`);
    if (/\bimportScripts\s*\(/.test(text)) found.push(`${path}: importScripts()`);
    if (/(^|[^.\w$])eval\s*\(/.test(text)) found.push(`${path}: eval()`);
    if (/\bnew\s+Function\s*\(/.test(text)) found.push(`${path}: new Function()`);
    if (/["'`]https?:\/\/[^"'`\s]+\.m?js["'`]/.test(text)) found.push(`${path}: a script URL`);
    return found;
  }),
  ...(/https?:|'unsafe-eval'|\*/.test(manifest.content_security_policy?.extension_pages ?? '')
    ? ['content_security_policy allows remote or evaluated script']
    : []),
]);

// A message is used when shipped code names it, the manifest does, or it is one of a family named
// at run time (`error_<code>`, `check_<step>[_fix|_adds]`, and Restore a list's `verdict_`,
// `rowState_`, `restoreBatchState_`, `listProblem_`, `rowProblem_`, `optOutCheck_`) whose member the code lists.
const quoted = (word) => [`"${word}"`, `'${word}'`, `\`${word}\``].some((q) => codeText.includes(q));
const used = (key) => {
  if (manifestText.includes(`__MSG_${key}__`) || quoted(key)) return true;
  const family =
    /^(error|check)_(.+?)(_fix|_adds)?$/.exec(key) ??
    /^(verdict|rowState|restoreBatchState|listProblem|rowProblem|optOutCheck)_(.+)()$/.exec(key);
  return Boolean(family && codeText.includes(`${family[1]}_`) && quoted(family[2].replace(/_/g, '-')));
};
check(
  'both',
  'every _locales message is used by the code or the manifest',
  Object.keys(defaultMessages).filter((key) => !used(key)),
);

// --- The listing -----------------------------------------------------------------------------
const listing = existsSync('docs/store-listing.md') ? readFileSync('docs/store-listing.md', 'utf8') : '';
const [english = '', japanese = ''] = listing.split(/^## 日本語/m);
check(
  'both',
  'docs/store-listing.md justifies every permission and host, in English and Japanese',
  [...(manifest.permissions ?? []), ...(manifest.host_permissions ?? [])].flatMap((item) =>
    [
      [english, 'English'],
      [japanese, 'Japanese'],
    ].flatMap(([section, language]) => (section.includes(`\`${item}\``) ? [] : [`${item} (${language})`])),
  ),
);

// --- The zip ---------------------------------------------------------------------------------
const entries = Object.fromEntries([...files].sort(([a], [b]) => a.localeCompare(b)));
const zip = zipSync(entries, { level: 9 });
check(
  'both',
  `zip within ${ZIP_BUDGET_BYTES / 1024} KB (${(zip.length / 1024).toFixed(1)} KB, ${files.size} files)`,
  zip.length > ZIP_BUDGET_BYTES && `${zip.length} bytes`,
);
check('both', 'manifest.json at the zip’s root', !('manifest.json' in entries) && 'missing');

const STORES = { both: 'Chrome + Edge', chrome: 'Chrome', edge: 'Edge' };
const failed = checks.filter((c) => c.problems.length);
console.log(`Store checks for ${manifest.version}:`);
if (notShipped.length) console.log(`  (left out of the zip: ${notShipped.join(', ')})`);
for (const { store, what, problems } of checks) {
  console.log(`  ${problems.length ? '✗' : '✓'} [${STORES[store]}] ${what}`);
  for (const problem of problems.slice(0, 20)) console.log(`      - ${problem}`);
}
if (failed.length) {
  console.error(`${failed.length} check(s) failed; no zip written.`);
  process.exit(1);
}
const out = `optout-sync-guard-${manifest.version}.zip`;
writeFileSync(out, zip);
console.log(`${out}: ${files.size} files, ${zip.length} bytes — upload it to both stores.`);
