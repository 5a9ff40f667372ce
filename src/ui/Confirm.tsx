import type { Ask } from './ask';
import { Actions } from './confirm/Actions';
import { Decision } from './confirm/Decision';
import { PairAsRead } from './confirm/PairAsRead';
import { useConfirmation } from './confirm/use-confirmation';
import { useDecisionFocus } from './confirm/use-focus';
import { t } from './i18n';
import { errorText } from './status';

interface Props {
  /** The confirmation the worker keeps for this window. */
  id: string;
  ask: Ask;
  close: () => void;
}

/**
 * The admin's decision, in the extension's own window: the pair as the worker
 * read it just now, the email, a reason, and Confirm. No page script can read,
 * fill, focus or cover this page. The confirmation expires; after that the
 * admin reads the pair again before deciding.
 */
export function Confirm({ id, ask, close }: Props) {
  const confirmation = useConfirmation(id, ask, close);
  const { view, error, reason, busy, expired, started, cancel } = confirmation;
  const { again, reasonField } = useDecisionFocus(view, expired, cancel);

  const somethingToDo = view ? view.prospect.optedOut !== false || view.record.hasOptedOutOfEmail : false;
  const ready = reason.trim().length >= 3 && !busy && !expired && !started;

  return (
    <main class="confirm-window" aria-busy={!view && !error}>
      <h1>{view ? t('confirmTitle', view.email) : t('confirmWindowTitle')}</h1>
      {!view && !error && <p role="status">{t('confirmReading')}</p>}
      {error && (
        <p class="error" role="alert" data-field="error">
          {errorText(error)}
        </p>
      )}
      {view && (
        <form
          class="confirm"
          onSubmit={(event) => {
            event.preventDefault();
            if (ready && somethingToDo) void confirmation.confirm();
          }}
        >
          <PairAsRead view={view} />
          {!somethingToDo ? (
            <p role="status" data-field="nothing-to-do">
              {t('confirmNothingToDo')}
            </p>
          ) : (
            <Decision
              view={view}
              reason={reason}
              onReason={confirmation.setReason}
              recordTask={confirmation.recordTask}
              onRecordTask={confirmation.setRecordTask}
              started={started}
              reasonField={reasonField}
            />
          )}
          <Actions
            view={view}
            expired={expired}
            started={started}
            somethingToDo={somethingToDo}
            ready={ready}
            again={again}
            onReadAgain={() => void confirmation.load()}
            onCancel={cancel}
          />
        </form>
      )}
      {error && !view && (
        <div class="actions">
          <button type="button" data-action="cancel" onClick={close}>
            {t('buttonClose')}
          </button>
        </div>
      )}
    </main>
  );
}
