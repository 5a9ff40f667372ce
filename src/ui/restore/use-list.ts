/**
 * The list the admin gives and what the worker makes of it: the text (pasted or from a file),
 * a refusal of the whole list, the request on its way and its error.
 */
import { useState } from 'preact/hooks';
import { MAX_BYTES } from '../../core/batch';
import type { BatchView, ExtensionPageRequestOf, ExtensionPageResponses, ListRefusal } from '../../core/messages';
import { parseRestoreList } from '../../core/restore-csv';
import type { Ask } from '../ask';
import { errorText } from '../status';

export function useRestoreList(ask: Ask, setView: (view: BatchView | null) => void) {
  const [text, setText] = useState('');
  const [bytes, setBytes] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<ListRefusal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Sends `request`; its answer goes to `then`, its error under the form. */
  const run = async <K extends keyof ExtensionPageResponses>(
    request: ExtensionPageRequestOf<K>,
    then: (value: ExtensionPageResponses[K]) => void,
  ) => {
    setBusy(true);
    setError(null);
    const reply = await ask(request);
    setBusy(false);
    if (reply.ok) then(reply.value);
    else setError(errorText(reply.error));
  };

  const preview = (orgHost: string, concurrency: number) => {
    // papaparse runs here, in the page; the worker checks each row it is sent again.
    const parsed = parseRestoreList(text, bytes ?? new TextEncoder().encode(text).length, {
      locale: navigator.language,
    });
    if (!parsed.ok) {
      setRefusal({ problem: parsed.problem, detail: parsed.detail });
      setView(null);
      return;
    }
    setRefusal(null);
    return run({ type: 'batch-preview', orgHost, rows: parsed.rows, refused: parsed.refused, concurrency }, (value) => {
      setView(value);
      history.replaceState(null, '', `#${value.batch.id}`);
    });
  };

  const onText = (value: string) => {
    setText(value);
    setBytes(null);
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBytes(file.size);
    // A file far over the limit is refused by its size, without reading it.
    setText(file.size > MAX_BYTES ? '' : await file.text());
    if (file.size > MAX_BYTES) setRefusal({ problem: 'too-large', detail: String(MAX_BYTES) });
  };

  return { text, onText, onFile, refusal, error, busy, run, preview };
}
