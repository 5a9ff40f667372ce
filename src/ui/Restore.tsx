import { useState } from 'preact/hooks';
import { runnable } from '../core/batch';
import type { Ask } from './ask';
import { t } from './i18n';
import { Batch } from './restore/Batch';
import { ListInput } from './restore/ListInput';
import { RefusedRows } from './restore/RefusedRows';
import { useBatchView, useOrgs } from './restore/use-batch';
import { useRestoreList } from './restore/use-list';
import { key } from './restore/words';
import { saveFile } from './save-file';

/**
 * The Restore page: the list in, a read-only preview of every row, one
 * Confirm for the batch, then its progress and result. The batch's id is in
 * the URL's fragment, so the admin can leave and come back to it.
 */
export function Restore({ ask, batchId }: { ask: Ask; batchId: string | null }) {
  const { orgs, orgHost, setOrgHost } = useOrgs(ask);
  const [concurrency, setConcurrency] = useState(2);
  const { view, setView, live } = useBatchView(ask, batchId);
  const list = useRestoreList(ask, setView);
  const { busy, error, refusal, run } = list;

  const batch = view?.batch;
  const exportCsv = () =>
    batch &&
    run({ type: 'batch-csv', batchId: batch.id }, (csv) =>
      saveFile(csv, 'text/csv;charset=utf-8', `optout-sync-guard-restore-${batch.id.slice(0, 8)}.csv`),
    );

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
        text={list.text}
        onText={list.onText}
        onFile={(file) => void list.onFile(file)}
        disabled={busy || !orgHost || live}
        onPreview={() => {
          if (!busy && orgHost) void list.preview(orgHost, concurrency);
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
