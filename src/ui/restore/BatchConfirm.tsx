/**
 * The previewed batch's one Confirm: how many rows will run, what it costs of the org's API
 * requests, and when it should be done.
 */
import { deadlineFor } from '../../core/batch';
import type { BatchView } from '../../core/messages';
import { t } from '../i18n';
import { minutes } from './words';

interface Props {
  view: BatchView;
  /** The rows that will run. */
  count: number;
  busy: boolean;
  onConfirm: () => void;
}

export function BatchConfirm({ view, count, busy, onConfirm }: Props) {
  const { batch } = view;
  return (
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
        onClick={onConfirm}
      >
        {t('restoreConfirm')}
      </button>
    </div>
  );
}
