/** A confirmed batch as it runs: rows done, failed and left, the time left, and what the admin can do. */
import type { BatchView, ExtensionPageRequestOf } from '../../core/messages';
import { t } from '../i18n';
import { minutes } from './words';

type Control = ExtensionPageRequestOf<'batch-control'>['action'];

interface Props {
  state: BatchView['batch']['state'];
  progress: BatchView['progress'];
  onControl: (action: Control) => void;
  onExport: () => void;
}

export function BatchProgress({ state, progress, onControl, onExport }: Props) {
  return (
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
      {state === 'running' && (
        <button type="button" data-field="pause" onClick={() => onControl('pause')}>
          {t('restorePause')}
        </button>
      )}
      {state === 'paused' && (
        <button type="button" data-field="resume" onClick={() => onControl('resume')}>
          {t('restoreResume')}
        </button>
      )}{' '}
      {(state === 'running' || state === 'paused') && (
        <button type="button" data-field="cancel" onClick={() => onControl('cancel')}>
          {t('restoreCancel')}
        </button>
      )}{' '}
      <button type="button" data-field="export" onClick={onExport}>
        {t('restoreExport')}
      </button>
    </div>
  );
}
