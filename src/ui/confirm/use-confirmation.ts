/**
 * The confirmation the worker keeps for this window: read, expired at its deadline, read again,
 * confirmed with the admin's reason, or cancelled.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ConfirmationView, ErrorCode } from '../../core/messages';
import type { Ask } from '../ask';

export function useConfirmation(id: string, ask: Ask, close: () => void) {
  const [view, setView] = useState<ConfirmationView | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [expired, setExpired] = useState(false);
  const [started, setStarted] = useState(false);
  /** "Record this opt-in in Salesforce as a completed Task": the admin's remembered choice, off until asked. */
  const [recordTask, setRecordTask] = useState(false);

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

  const cancel = useCallback(() => {
    void ask({ type: 'confirmation-cancel', id }).finally(close);
  }, [ask, id, close]);

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

  return { view, error, reason, setReason, busy, expired, started, recordTask, setRecordTask, load, cancel, confirm };
}
