/** What the admin can do from the overlay: open the confirmation window, and read how the pair got here. */
import { useEffect, useState } from 'preact/hooks';
import type { ErrorCode, PairStatus, PairWhy } from '../core/messages';
import { t } from './i18n';
import type { PairWorker } from './overlay-hooks';
import { errorText, undoneText } from './status';

/** The one action: open the confirmation window (or say why it could not open). */
export function OptInOffer({ offer, refresh }: { offer: PairWorker['offer']; refresh: () => void }) {
  // The confirmation window was opened from here (or why it could not be).
  const [offered, setOffered] = useState<{ error: ErrorCode | null } | null>(null);
  return (
    <>
      <p>
        <button
          type="button"
          class="primary"
          data-action="opt-in-both"
          onClick={(event) => {
            if (!event.isTrusted) return;
            void offer().then((reply) => {
              setOffered({ error: reply.ok ? null : reply.error });
              if (reply.ok && 'job' in reply.value) refresh();
            });
          }}
        >
          {t(offered && !offered.error ? 'buttonOptInAgain' : 'buttonOptIn')}
        </button>
      </p>
      {offered && (
        <p class={offered.error ? 'error' : 'muted'} role="status" data-field="offered">
          {offered.error ? errorText(offered.error) : t('overlayConfirmInWindow')}
        </p>
      )}
    </>
  );
}

/**
 * How the pair got here, read by the worker (cached there) each time the status changes: who or
 * what checked a side again after a done opt-in, said at once; how each side got opted out and the
 * earlier opt-ins, folded.
 */
export function WhyAndWho({
  loadWhy,
  status,
  email,
}: {
  loadWhy: PairWorker['why'];
  status: PairStatus;
  email: string;
}) {
  // What the fold holds loads when the admin opens it, the page's activity list with it: every page
  // of a pair would pay for them otherwise.
  const [unfolded, setUnfolded] = useState(false);
  const [details, setDetails] = useState<typeof import('./WhyDetails') | null>(null);
  const [read, setRead] = useState<{ why: PairWhy; history: boolean } | null>(null);
  useEffect(() => {
    let current = true;
    void loadWhy(unfolded).then(
      (reply) => current && setRead(reply.ok ? { why: reply.value, history: unfolded } : null),
    );
    return () => {
      current = false;
    };
  }, [loadWhy, status, unfolded]);
  if (!read) return null;
  const { why } = read;
  const { restorations, undone } = why;
  const earlier = restorations?.length ?? 0;
  const unfold = (event: Event) => {
    if (!(event.currentTarget as HTMLDetailsElement).open) return;
    setUnfolded(true);
    if (!details) void import('./WhyDetails').then(setDetails);
  };
  return (
    <div class="why-who" data-field="why-who">
      {undone && (
        <p class="undone" data-field="undone">
          {undoneText(undone, email)}
        </p>
      )}
      <details class="why history" data-field="overlay-history" onToggle={unfold}>
        <summary>
          {t('historyHeading')}
          {earlier > 0 && ` · ${t('overlayEarlierOptIns', String(earlier))}`}
        </summary>
        {details && read.history && <details.WhyDetails why={why} />}
      </details>
    </div>
  );
}
