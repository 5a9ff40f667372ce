/**
 * The batch as read: its state, then its stage (the one Confirm while previewed, its progress once
 * confirmed) above every row.
 */
import type { BatchView, ExtensionPageRequestOf } from '../../core/messages';
import { t } from '../i18n';
import { errorText } from '../status';
import { BatchConfirm } from './BatchConfirm';
import { BatchProgress } from './BatchProgress';
import { BatchRows } from './BatchRows';
import { key } from './words';

interface Props {
  view: BatchView;
  /** The rows that will run once confirmed. */
  count: number;
  busy: boolean;
  onConfirm: () => void;
  onControl: (action: ExtensionPageRequestOf<'batch-control'>['action']) => void;
  onExport: () => void;
}

export function Batch({ view, count, busy, onConfirm, onControl, onExport }: Props) {
  const { batch, progress } = view;
  return (
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
      {batch.state === 'previewed' && <BatchConfirm view={view} count={count} busy={busy} onConfirm={onConfirm} />}
      {batch.state !== 'previewed' && progress && (
        <BatchProgress state={batch.state} progress={progress} onControl={onControl} onExport={onExport} />
      )}
      <BatchRows batch={batch} />
    </section>
  );
}
