import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ConfirmationView, ErrorCode } from '../core/messages';
import type { Ask } from './ask';
import { t } from './i18n';
import { Pair } from './overlay-pair';
import { OptOutStory, Restorations } from './PairHistory';
import { ScannerVerdict } from './ScannerVerdict';
import { adviceKey, errorText } from './status';

interface Props {
  /** The confirmation the worker keeps for this window. */
  id: string;
  ask: Ask;
  close: () => void;
}

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * The admin's decision, in the extension's own window: the pair as the worker
 * read it just now, the email, a reason, and Confirm. No page script can read,
 * fill, focus or cover this page. The confirmation expires; after that the
 * admin reads the pair again before deciding.
 */
export function Confirm({ id, ask, close }: Props) {
  const [view, setView] = useState<ConfirmationView | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const [started, setStarted] = useState(false);
  /** "Record this opt-in in Salesforce as a completed Task": the admin's remembered choice, off until asked. */
  const [recordTask, setRecordTask] = useState(false);
  const again = useRef<HTMLButtonElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);

  const load = useCallback(async () => {
    setView(null);
    setError(null);
    setExpired(false);
    const reply = await ask({ type: 'confirmation-read', id });
    if (reply.ok) {
      setView(reply.value);
      setRecordTask(reply.value.recordTask === true);
    } else setError(reply.error);
  }, [ask, id]);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (!view) return;
    const timer = setTimeout(() => setExpired(true), Math.max(0, view.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [view]);

  // The window exists for this one decision: focus starts in the reason, and moves to "Read again"
  // when the confirmation expires.
  useEffect(() => {
    if (view) reasonField.current?.focus();
  }, [view]);
  useEffect(() => {
    if (expired) again.current?.focus();
  }, [expired]);

  const cancel = useCallback(() => {
    void ask({ type: 'confirmation-cancel', id }).finally(close);
  }, [ask, id, close]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') cancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [cancel]);

  const confirm = async () => {
    if (!view || busy) return;
    setBusy(true);
    const reply = await ask({ type: 'confirmation-confirm', id, reason: reason.trim(), email: view.email, recordTask });
    setBusy(false);
    if (!reply.ok) {
      // Past its deadline in the worker's reckoning: the admin reads the pair again to decide.
      if (reply.error === 'confirmation-expired') setExpired(true);
      else setError(reply.error);
      return;
    }
    setStarted(true);
    setTimeout(close, 1_500);
  };

  const somethingToDo = view ? view.prospect.optedOut !== false || view.record.hasOptedOutOfEmail : false;
  const ready = reason.trim().length >= 3 && !busy && !expired && !started;
  const advice = view ? adviceKey(view) : null;

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
            if (ready && somethingToDo) void confirm();
          }}
        >
          <p class="muted" data-field="org">
            {t('confirmOrg', view.orgHost)}
            {view.businessUnitName ? ` · ${t('confirmUnit', view.businessUnitName)}` : ''}
          </p>
          <Pair status={view} />
          {view.history && (
            <OptOutStory history={view.history} scanner={<ScannerVerdict verdict={view.history.scanner} />} />
          )}
          {view.restorations !== undefined && <Restorations restorations={view.restorations} />}
          {advice && <p data-field="advice">{t(advice)}</p>}
          {view.stillUnmailable.includes('do-not-email') && <p data-field="unmailable">{t('unmailableDoNotEmail')}</p>}
          {view.stillUnmailable.includes('hard-bounced') && <p data-field="unmailable">{t('unmailableHardBounced')}</p>}
          {!somethingToDo ? (
            <p role="status" data-field="nothing-to-do">
              {t('confirmNothingToDo')}
            </p>
          ) : (
            <>
              <p>{t('confirmBody')}</p>
              <label for="reason">{t('confirmReason')}</label>
              <textarea
                id="reason"
                data-field="reason"
                ref={reasonField}
                required
                minLength={3}
                maxLength={500}
                rows={3}
                aria-describedby="reason-hint"
                value={reason}
                disabled={started}
                onInput={(event) => setReason((event.target as HTMLTextAreaElement).value)}
              />
              <p class="muted" id="reason-hint">
                {t('confirmReasonHint')}
              </p>
              <label class="check">
                <input
                  type="checkbox"
                  data-field="record-task"
                  checked={recordTask}
                  disabled={started}
                  aria-describedby="record-task-hint"
                  onChange={(event) => setRecordTask((event.target as HTMLInputElement).checked)}
                />{' '}
                {t('confirmRecordTask')}
              </label>
              <p class="muted" id="record-task-hint">
                {view.recordTask === null || view.recordTask === undefined
                  ? t('confirmRecordTaskFirst')
                  : t('confirmRecordTaskHint')}
              </p>
            </>
          )}
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
              <button type="button" class="primary" ref={again} data-action="read-again" onClick={() => void load()}>
                {t('buttonReadAgain')}
              </button>
            ) : (
              somethingToDo && (
                <button type="submit" class="primary" data-action="confirm" disabled={!ready}>
                  {t('buttonConfirm')}
                </button>
              )
            )}
            <button type="button" data-action="cancel" onClick={cancel}>
              {started ? t('buttonClose') : t('buttonCancel')}
            </button>
          </div>
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
