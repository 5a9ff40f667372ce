import { useEffect, useState } from 'preact/hooks';
import { deadlineFor, MAX_BYTES, MAX_ROWS, runnable } from '../core/batch';
import type { BatchView, ExtensionPageRequestOf, ExtensionPageResponses, ListRefusal } from '../core/messages';
import { parseRestoreList } from '../core/restore-csv';
import type { Ask } from './ask';
import { type MessageKey, t } from './i18n';
import { errorText } from './status';

const key = (prefix: string, value: string) => `${prefix}${value.replace(/-/g, '_')}` as MessageKey;
const minutes = (ms: number) => String(Math.max(1, Math.ceil(ms / 60_000)));
const POLL_MS = 1_500;

/**
 * The Restore page: the list in, a read-only preview of every row, one
 * Confirm for the batch, then its progress and result. The batch's id is in
 * the URL's fragment, so the admin can leave and come back to it.
 */
export function Restore({ ask, batchId }: { ask: Ask; batchId: string | null }) {
  const [orgs, setOrgs] = useState<string[] | null>(null);
  const [orgHost, setOrgHost] = useState('');
  const [text, setText] = useState('');
  const [bytes, setBytes] = useState<number | null>(null);
  const [concurrency, setConcurrency] = useState(2);
  const [view, setView] = useState<BatchView | null>(null);
  const [refusal, setRefusal] = useState<ListRefusal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void ask({ type: 'batch-orgs' }).then((reply) => {
      const found = reply.ok ? reply.value : [];
      setOrgs(found);
      setOrgHost((host) => host || found[0] || '');
    });
    if (batchId)
      void ask({ type: 'batch-view', batchId }).then((reply) => {
        if (reply.ok && reply.value) setView(reply.value);
      });
  }, [ask, batchId]);

  const batch = view?.batch;
  const live = batch
    ? batch.state === 'running' || batch.state === 'paused' || batch.rows.some((r) => r.state === 'running')
    : false;
  useEffect(() => {
    if (!batch || !live) return;
    const timer = setInterval(() => {
      void ask({ type: 'batch-view', batchId: batch.id }).then((reply) => {
        if (reply.ok && reply.value) setView(reply.value);
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [ask, batch?.id, live, batch]);

  const run = async <K extends keyof ExtensionPageResponses>(
    request: ExtensionPageRequestOf<K>,
    then: (value: ExtensionPageResponses[K]) => void,
  ) => {
    setBusy(true);
    setError(null);
    const reply = await ask(request);
    setBusy(false);
    if (reply.ok) then(reply.value);
    else setError(errorText(reply.error));
  };

  const preview = () => {
    // papaparse runs here, in the page; the worker checks each row it is sent again.
    const parsed = parseRestoreList(text, bytes ?? new TextEncoder().encode(text).length, {
      locale: navigator.language,
    });
    if (!parsed.ok) {
      setRefusal({ problem: parsed.problem, detail: parsed.detail });
      setView(null);
      return;
    }
    setRefusal(null);
    return run({ type: 'batch-preview', orgHost, rows: parsed.rows, refused: parsed.refused, concurrency }, (value) => {
      setView(value);
      history.replaceState(null, '', `#${value.batch.id}`);
    });
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBytes(file.size);
    // A file far over the limit is refused by its size, without reading it.
    setText(file.size > MAX_BYTES ? ' '.repeat(0) : await file.text());
    if (file.size > MAX_BYTES) setRefusal({ problem: 'too-large', detail: String(MAX_BYTES) });
  };

  const exportCsv = () =>
    batch &&
    run({ type: 'batch-csv', batchId: batch.id }, (csv) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      link.download = `optout-sync-guard-restore-${batch.id.slice(0, 8)}.csv`;
      link.click();
    });

  const count = batch ? runnable(batch.rows).length : 0;
  const { progress } = view ?? {};

  return (
    <main class="restore">
      <h1>{t('restoreTitle')}</h1>
      <p>{t('restoreIntro')}</p>
      <p class="muted" data-field="columns">
        {t('restoreColumns', String(MAX_ROWS), String(MAX_BYTES / 1000))}
      </p>
      <p class="muted" data-field="evidence-date-help">
        {t('restoreEvidenceDate')}
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy && orgHost) void preview();
        }}
      >
        <label for="org">{t('restoreOrg')}</label>{' '}
        {orgs && orgs.length === 0 ? (
          <span class="error">{t('restoreNoOrg')}</span>
        ) : (
          <select id="org" data-field="org" value={orgHost} onChange={(e) => setOrgHost(e.currentTarget.value)}>
            {(orgs ?? []).map((host) => (
              <option key={host} value={host}>
                {host}
              </option>
            ))}
          </select>
        )}{' '}
        <label for="concurrency">{t('restoreConcurrency')}</label>{' '}
        <input
          id="concurrency"
          data-field="concurrency"
          type="number"
          min={1}
          max={5}
          value={concurrency}
          onInput={(e) => setConcurrency(Math.min(5, Math.max(1, Number(e.currentTarget.value) || 1)))}
        />
        <p>
          <label for="list">{t('restoreList')}</label>
          <textarea
            id="list"
            data-field="list"
            rows={8}
            cols={100}
            value={text}
            onInput={(e) => {
              setText(e.currentTarget.value);
              setBytes(null);
            }}
          />
        </p>
        <p>
          <label for="file">{t('restoreFile')}</label>{' '}
          <input
            id="file"
            data-field="file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv"
            onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          />
        </p>
        <button type="submit" data-field="preview" disabled={busy || !orgHost || live}>
          {t('restorePreview')}
        </button>
      </form>
      {busy && <p role="status">{t('restoreReading')}</p>}
      {error && (
        <p class="error" role="alert" data-field="error">
          {error}
        </p>
      )}
      {refusal && (
        <p class="error" role="alert" data-field="list-problem" data-problem={refusal.problem}>
          {t(key('listProblem_', refusal.problem), refusal.detail)}
        </p>
      )}
      {batch && batch.refused.length > 0 && (
        <section data-field="refused">
          <h2>{t('restoreRefused', String(batch.refused.length))}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('restoreLine')}</th>
                <th>{t('restoreRow')}</th>
                <th>{t('restoreWhy')}</th>
              </tr>
            </thead>
            <tbody>
              {batch.refused.map((row) => (
                <tr key={row.line} data-line={row.line} data-problem={row.problem}>
                  <td>{row.line}</td>
                  <td>{row.text}</td>
                  <td>{t(key('rowProblem_', row.problem))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {batch && view && (
        <section data-field="batch" data-state={batch.state}>
          <h2>
            {t('restoreVerdict')} · {t(key('restoreBatchState_', batch.state))}
          </h2>
          {batch.state === 'paused' && batch.pausedFor && (
            <p role="status" data-field="paused-for">
              {t('restorePausedFor', errorText(batch.pausedFor))}
            </p>
          )}
          <p class="muted" data-field="ae-read" data-read={String(Boolean(batch.aeRead))}>
            {t(batch.aeRead ? 'restoreAeRead' : 'restoreAeLater')}
          </p>
          {batch.state === 'previewed' && (
            <div class="confirm" data-field="confirm">
              <p data-field="count">{t('restoreConfirmCount', String(count))}</p>
              <p data-field="cost">
                {view.limits
                  ? t('restoreCost', String(view.cost), String(view.limits.remaining), String(view.limits.max))
                  : t('restoreCostUnknown', String(view.cost))}
              </p>
              {view.overBudget && (
                <p class="error" data-field="over-budget">
                  {t('restoreOverBudget')}
                </p>
              )}
              <p>
                {t(
                  'restoreDeadline',
                  minutes(view.estimateMs),
                  new Date(deadlineFor(Date.now(), count, batch.concurrency, batch.rowSeconds)).toLocaleTimeString([], {
                    hour: '2-digit',
                    minute: '2-digit',
                  }),
                )}
              </p>
              <button
                type="button"
                data-field="confirm-batch"
                disabled={busy || count === 0 || view.overBudget}
                onClick={() => void run({ type: 'batch-confirm', batchId: batch.id, count }, setView)}
              >
                {t('restoreConfirm')}
              </button>
            </div>
          )}
          {batch.state !== 'previewed' && progress && (
            <div data-field="progress">
              <progress
                max={Math.max(1, progress.done + progress.failed + progress.remaining)}
                value={progress.done + progress.failed}
              />
              <p role="status" data-field="counts">
                {t(
                  'restoreProgress',
                  String(progress.done),
                  String(progress.failed),
                  String(progress.remaining),
                  minutes(progress.estimateMs),
                )}
              </p>
              {batch.state === 'running' && (
                <button
                  type="button"
                  data-field="pause"
                  onClick={() => void run({ type: 'batch-control', batchId: batch.id, action: 'pause' }, setView)}
                >
                  {t('restorePause')}
                </button>
              )}
              {batch.state === 'paused' && (
                <button
                  type="button"
                  data-field="resume"
                  onClick={() => void run({ type: 'batch-control', batchId: batch.id, action: 'resume' }, setView)}
                >
                  {t('restoreResume')}
                </button>
              )}{' '}
              {(batch.state === 'running' || batch.state === 'paused') && (
                <button
                  type="button"
                  data-field="cancel"
                  onClick={() => void run({ type: 'batch-control', batchId: batch.id, action: 'cancel' }, setView)}
                >
                  {t('restoreCancel')}
                </button>
              )}{' '}
              <button type="button" data-field="export" onClick={() => void exportCsv()}>
                {t('restoreExport')}
              </button>
            </div>
          )}
          <table data-field="rows">
            <thead>
              <tr>
                <th>{t('restoreLine')}</th>
                <th>{t('restoreRow')}</th>
                <th>{t('restoreFound')}</th>
                <th>{t('restoreEvidence')}</th>
                <th>{t('restoreVerdict')}</th>
                <th>{t('restoreOutcome')}</th>
              </tr>
            </thead>
            <tbody>
              {batch.rows.map((row) => (
                <tr key={row.line} data-line={row.line} data-verdict={row.verdict} data-state={row.state}>
                  <td>{row.line}</td>
                  <td>{row.email ?? row.recordId ?? row.prospectId}</td>
                  <td>
                    {row.candidates.map((c) => (
                      <div key={c.recordId} data-field="candidate">
                        {t(c.object === 'Lead' ? 'overlayLead' : 'overlayContact', c.recordId)} · {c.email ?? ''} ·{' '}
                        {t('fieldEmailOptOut')}: {t(c.hasOptedOutOfEmail ? 'valueYes' : 'valueNo')}
                        {c.hardBounced ? ` · ${t('fieldHardBounced')}` : ''}
                        {c.prospectId !== null ? ` · ${t('overlayProspect', String(c.prospectId))}` : ''}
                        {c.ae === null && ` · ${t('restoreAeNotRead')}`}
                        {c.ae &&
                          ` · ${t('restoreAeSide')}: ${t('fieldOptedOut')}: ${t(c.ae.optedOut ? 'valueYes' : 'valueNo')} · ${t('fieldDoNotEmail')}: ${t(c.ae.isDoNotEmail ? 'valueYes' : 'valueNo')}${c.ae.isEmailHardBounced ? ` · ${t('fieldHardBounced')}` : ''}`}
                      </div>
                    ))}
                  </td>
                  <td>{row.evidence}</td>
                  <td>
                    {t(key('verdict_', row.verdict))}
                    {row.optOutCheck && (
                      <div class="muted" data-field="opt-out-check" data-check={row.optOutCheck}>
                        {t(
                          key('optOutCheck_', row.optOutCheck),
                          row.optedOutAt ? new Date(row.optedOutAt).toLocaleString() : '',
                        )}
                      </div>
                    )}
                  </td>
                  <td>
                    {batch.state === 'previewed' ? '' : t(key('rowState_', row.state))}
                    {row.error ? ` · ${errorText(row.error)}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}
