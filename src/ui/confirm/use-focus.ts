/**
 * The window exists for this one decision: focus starts in the reason, moves to "Read again" when
 * the confirmation expires, and Escape cancels.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { ConfirmationView } from '../../core/messages';

export function useDecisionFocus(view: ConfirmationView | null, expired: boolean, cancel: () => void) {
  const again = useRef<HTMLButtonElement>(null);
  const reasonField = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (view) reasonField.current?.focus();
  }, [view]);
  useEffect(() => {
    if (expired) again.current?.focus();
  }, [expired]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') cancel();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [cancel]);
  return { again, reasonField };
}
