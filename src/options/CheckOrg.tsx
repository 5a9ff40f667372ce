import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ErrorCode } from '../core/errors';
import type { CheckLine, CheckReport, ShownResult } from '../core/org-check';
import { reportText, shownResult } from '../core/org-check';
import { type DetectedPage, detectPage } from '../core/page-detect';
import type { Ask } from '../ui/ask';
import { type MessageKey, t } from '../ui/i18n';
import { describePage, errorText, partNames } from '../ui/status';

const RESULT_KEYS: Record<ShownResult, MessageKey> = {
  passed: 'checkPassed',
  failed: 'checkFailed',
  'not-used': 'checkNotUsed',
  'not-applicable': 'checkNotApplicable',
};
const key = (line: CheckLine, suffix = '') => `check_${line.id.replace(/-/g, '_')}${suffix}` as MessageKey;

/** Errors that say more than a line's own advice: an AE page reached neither behind the proxy nor directly. */
const ERROR_FIRST: readonly ErrorCode[] = ['proxied-ae-page'];

/** A line's fix: the check's own advice where it has one, else what its error says to do. */
function fixOf(line: CheckLine): string | null {
  if (line.result !== 'failed') return null;
  const found = t(key(line, '_fix'));
  const own = found !== key(line, '_fix') && !(line.error && ERROR_FIRST.includes(line.error)) ? found : null;
  const advice = own ?? (line.error ? errorText(line.error) : null);
  return line.part ? `${advice ?? ''} ${t('overlayMissing', partNames([line.part]))}`.trim() : advice;
}

/** What an optional step would add if it worked (shown when it is not used). */
function addsOf(line: CheckLine): string | null {
  const adds = t(key(line, '_adds'));
  return adds !== key(line, '_adds') ? adds : null;
}

const words = {
  title: t('checkTitle'),
  line: (line: CheckLine) => t(key(line)),
  result: (result: ShownResult) => t(RESULT_KEYS[result]),
  fix: fixOf,
  adds: addsOf,
};

/** The AE prospect and Salesforce record pages open in the browser, to pick one from. */
function useOpenPages(): { url: string; page: DetectedPage }[] {
  const [open, setOpen] = useState<{ url: string; page: DetectedPage }[]>([]);
  useEffect(() => {
    void browser.tabs.query({}).then((tabs) =>
      setOpen(
        tabs.flatMap((tab) => {
          const page = tab.url ? detectPage(tab.url) : null;
          return page && tab.url && (page.kind === 'ae-prospect' || page.kind === 'salesforce-record')
            ? [{ url: tab.url, page }]
            : [];
        }),
      ),
    );
  }, []);
  return open;
}

/** "Check this org": the self-test, for a page the admin names or one of the pages open in the browser. */
export function CheckOrg({ ask }: { ask: Ask }) {
  const [url, setUrl] = useState('');
  const open = useOpenPages();
  const [report, setReport] = useState<CheckReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  // Each run starts its report afresh ("Copied" included), the last one shown until the new one comes.
  const [runs, setRuns] = useState(0);

  const run = async (event: Event) => {
    event.preventDefault();
    setRunning(true);
    setError(null);
    setRuns((count) => count + 1);
    const reply = await ask({ type: 'check-org', url: url.trim() });
    setRunning(false);
    if (reply.ok) setReport(reply.value);
    else setError(errorText(reply.error));
  };

  return (
    <section class="card" data-section="check-org">
      <h2>{t('optionsCheckHeading')}</h2>
      <p>{t('optionsCheckHelp')}</p>
      <form onSubmit={run}>
        <label>
          {t('optionsCheckUrl')}{' '}
          <input
            data-field="check-url"
            size={60}
            value={url}
            onInput={(event) => setUrl((event.target as HTMLInputElement).value)}
          />
        </label>{' '}
        {open.length > 0 && (
          <label>
            {t('optionsCheckOpenTabs')}{' '}
            <select data-field="check-tab" onChange={(event) => setUrl((event.target as HTMLSelectElement).value)}>
              <option value="" />
              {open.map(({ url: tabUrl, page }) => (
                <option value={tabUrl} key={tabUrl}>
                  {describePage(page)}
                </option>
              ))}
            </select>
          </label>
        )}{' '}
        <button type="submit" data-action="check-org" disabled={running || !url.trim()}>
          {t('optionsCheckRun')}
        </button>
      </form>
      {running && <p role="status">{t('optionsCheckRunning')}</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {report && <Report key={runs} report={report} />}
    </section>
  );
}

/** The report: one line per check, a failed one leading with its fix; and its copy for a bug report. */
function Report({ report }: { report: CheckReport }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const text = reportText(report, words, {
      version: browser.runtime.getManifest().version,
      language: browser.i18n.getUILanguage(),
    });
    await navigator.clipboard.writeText(text);
    setCopied(true);
  };
  return (
    <>
      <ul class="checklist" data-field="checklist">
        {report.lines.map((line) => (
          <Line key={line.id} line={line} shown={shownResult(line, report)} />
        ))}
      </ul>
      <button type="button" data-action="copy-check" onClick={copy}>
        {t('optionsCheckCopy')}
      </button>{' '}
      {copied && <span role="status">{t('optionsCheckCopied')}</span>}
    </>
  );
}

function Line({ line, shown }: { line: CheckLine; shown: ShownResult }) {
  const fix = shown === 'failed' ? fixOf(line) : null;
  const adds = shown === 'not-used' ? addsOf(line) : null;
  return (
    <li data-check={line.id} data-result={shown}>
      {/* A failed step leads with what to do about it. */}
      {fix && <p class="fix">{fix}</p>}
      <strong class="result">{t(RESULT_KEYS[shown])}</strong> {t(key(line))}
      {line.note && <span class="muted"> ({line.note})</span>}
      {adds && <p class="adds muted">{adds}</p>}
    </li>
  );
}
