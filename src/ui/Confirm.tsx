import { useRef, useState } from 'preact/hooks';
import type { ErrorCode } from '../core/messages';
import { t } from './i18n';
import { errorText } from './status';

interface Props {
  email: string;
  /** The overlay is shown as it should be (a restyled, invisible overlay takes no clicks). */
  visible: () => boolean;
  /** Starts the opt-in; resolves with why it was refused, or null. */
  start: (reason: string) => Promise<ErrorCode | null>;
  onCancel: () => void;
}

/**
 * The admin's explicit confirmation: the email address, and a reason typed
 * by the admin. A page script can reach the overlay's open shadow root, so
 * the confirmation takes only what the admin does: input events the browser
 * marks trusted, and a Confirm activated by the admin's own pointer on it, or
 * by a key after the admin tabbed to it — never a click or keystroke that
 * lands on it because a script moved the focus there.
 */
export function Confirm({ email, visible, start, onCancel }: Props) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);
  const pointerOnConfirm = useRef(0);
  const tabbedAt = useRef(0);
  const focusedByAdmin = useRef(false);
  const ready = reason.trim().length >= 3 && !busy;

  const onConfirm = async (event: MouseEvent) => {
    const byPointer = Date.now() - pointerOnConfirm.current < 3_000;
    const byKeyboard = event.detail === 0 && focusedByAdmin.current;
    if (!event.isTrusted || !(byPointer || byKeyboard) || !visible() || !ready) return;
    pointerOnConfirm.current = 0;
    setBusy(true);
    const refused = await start(reason.trim());
    setBusy(false);
    setError(refused);
  };

  return (
    <form
      class="confirm"
      onSubmit={(event) => event.preventDefault()}
      onKeyDown={(event) => {
        if (event.isTrusted && event.key === 'Tab') tabbedAt.current = Date.now();
      }}
    >
      <h3>{t('confirmTitle', email)}</h3>
      <p>{t('confirmBody')}</p>
      <label>
        {t('confirmReason')}
        <textarea
          data-field="reason"
          required
          minLength={3}
          maxLength={500}
          value={reason}
          onInput={(event) => {
            const field = event.target as HTMLTextAreaElement;
            // A script's synthetic input is undone: the reason is what the admin typed.
            if (event.isTrusted) setReason(field.value);
            else field.value = reason;
          }}
        />
      </label>
      <p class="muted">{t('confirmReasonHint')}</p>
      {error && (
        <p class="error" role="alert">
          {errorText(error)}
        </p>
      )}
      <div class="actions">
        <button
          type="button"
          class="primary"
          data-action="confirm"
          disabled={!ready}
          onPointerDown={(event) => {
            if (event.isTrusted) pointerOnConfirm.current = Date.now();
          }}
          onFocus={() => {
            focusedByAdmin.current = Date.now() - tabbedAt.current < 1_000;
          }}
          onBlur={() => {
            focusedByAdmin.current = false;
          }}
          onClick={onConfirm}
        >
          {t('buttonConfirm')}
        </button>
        <button type="button" data-action="cancel" onClick={(event) => event.isTrusted && onCancel()}>
          {t('buttonCancel')}
        </button>
      </div>
    </form>
  );
}
