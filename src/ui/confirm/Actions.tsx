/**
 * The end of the form: when the reading expires (and that it has), that the job started, and the
 * buttons: Confirm (Read again once expired) and Cancel.
 */
import type { Ref } from 'preact';
import type { ConfirmationView } from '../../core/messages';
import { t } from '../i18n';

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

interface Props {
  view: ConfirmationView;
  expired: boolean;
  started: boolean;
  /** Both sides are already opted in: there is nothing to confirm. */
  somethingToDo: boolean;
  /** Confirm is possible: a reason, nothing on its way, not expired, not started. */
  ready: boolean;
  again: Ref<HTMLButtonElement>;
  onReadAgain: () => void;
  onCancel: () => void;
}

export function Actions({ view, expired, started, somethingToDo, ready, again, onReadAgain, onCancel }: Props) {
  return (
    <>
      <p class="muted" data-field="expiry">
        {t('confirmReadAt', time(view.readAt), time(view.expiresAt))}
      </p>
      {expired && (
        <p class="error" role="alert" data-field="expired">
          {t('confirmExpired')}
        </p>
      )}
      {started && (
        <p role="status" data-field="started">
          {t('confirmStarted')}
        </p>
      )}
      <div class="actions">
        {expired ? (
          <button type="button" class="primary" ref={again} data-action="read-again" onClick={onReadAgain}>
            {t('buttonReadAgain')}
          </button>
        ) : (
          somethingToDo && (
            <button type="submit" class="primary" data-action="confirm" disabled={!ready}>
              {t('buttonConfirm')}
            </button>
          )
        )}
        <button type="button" data-action="cancel" onClick={onCancel}>
          {started ? t('buttonClose') : t('buttonCancel')}
        </button>
      </div>
    </>
  );
}
