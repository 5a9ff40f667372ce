import { useState } from 'preact/hooks';
import { MAX_BYTES, runnable } from '../core/batch';
import type { ExtensionPageRequestOf, ExtensionPageResponses, ListRefusal } from '../core/messages';
import { parseRestoreList } from '../core/restore-csv';
import type { Ask } from './ask';
import { t } from './i18n';
import { Batch } from './restore/Batch';
import { ListInput } from './restore/ListInput';
import { RefusedRows } from './restore/RefusedRows';
import { useBatchView, useOrgs } from './restore/use-batch';
import { key } from './restore/words';
import { errorText } from './status';

/**
 * The Restore page: the list in, a read-only preview of every row, one
 * Confirm for the batch, then its progress and result. The batch's id is in
 * the URL's fragment, so the admin can leave and come back to it.
 */
export function Restore({ ask, batchId }: { ask: Ask; batchId: string | null }) {
  const { orgs, orgHost, setOrgHost } = useOrgs(ask);
  const [text, setText] = useState('');
  const [bytes, setBytes] = useState<number | null>(null);
  const [concurrency, setConcurrency] = useState(2);
  const { view, setView, live } = useBatchView(ask, batchId);
  const [refusal, setRefusal] = useState<ListRefusal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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

  const batch = view?.batch;
  const exportCsv = () =>
    batch &&
    run({ type: 'batch-csv', batchId: batch.id }, (csv) => {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      link.download = `optout-sync-guard-restore-${batch.id.slice(0, 8)}.csv`;
      link.click();
    });

  const count = batch ? runnable(batch.rows).length : 0;

  return (
    <main class="restore">
      <h1>{t('restoreTitle')}</h1>
      <p>{t('restoreIntro')}</p>
      <ListInput
        orgs={orgs}
        orgHost={orgHost}
        onOrgHost={setOrgHost}
        concurrency={concurrency}
        onConcurrency={setConcurrency}
        text={text}
        onText={(value) => {
          setText(value);
          setBytes(null);
        }}
        onFile={(file) => void onFile(file)}
        disabled={busy || !orgHost || live}
        onPreview={() => {
          if (!busy && orgHost) void preview();
        }}
      />
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
      {batch && batch.refused.length > 0 && <RefusedRows refused={batch.refused} />}
      {batch && view && (
        <Batch
          view={view}
          count={count}
          busy={busy}
          onConfirm={() => void run({ type: 'batch-confirm', batchId: batch.id, count }, setView)}
          onControl={(action) => void run({ type: 'batch-control', batchId: batch.id, action }, setView)}
          onExport={() => void exportCsv()}
        />
      )}
    </main>
  );
}
