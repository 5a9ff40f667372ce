/**
 * The overlay's panel: the page's pair as the worker reads it, what is wrong with it, and the one
 * action (open the confirmation window). Its parts: overlay-hooks.ts (its life with the worker and
 * the page), overlay-pair.tsx (both sides), overlay-notices.tsx (problems and advice),
 * overlay-actions.tsx (the offer, how the pair got here).
 */

import type { PairStatus, Response } from '../core/messages';
import type { OverlayModel } from '../core/overlay-model';
import { overlayModel } from '../core/overlay-model';
import type { DetectedPage } from '../core/page-detect';
import { t } from './i18n';
import { JobProgress } from './JobProgress';
import { OptInOffer, WhyAndWho } from './overlay-actions';
import {
  type OverlayHost,
  type PairWorker,
  useHostState,
  usePairStatus,
  useRefreshOnChanges,
  useRefreshWhileRunning,
} from './overlay-hooks';
import { Missing, Notices } from './overlay-notices';
import { Pair } from './overlay-pair';
import { describePage, errorText } from './status';

interface Props {
  page: DetectedPage;
  /** What the overlay asks the worker about the page's pair. */
  worker: PairWorker;
  /** The overlay's place in the page: its host element and its lifetime. */
  host: OverlayHost;
}

/**
 * On an Account page the worker decides: a person account gets the overlay, a business account (or
 * any Account, in an org without person accounts) nothing at all, not even while it asks.
 */
function hiddenOnAccount(page: DetectedPage, status: Response<PairStatus> | null): boolean {
  if (page.kind !== 'salesforce-record' || page.object !== 'Account') return false;
  if (status === null) return true;
  return status.ok ? status.value.problem === 'not-person-account' : status.error === 'not-person-account';
}

export function Overlay({ page, worker, host }: Props) {
  const { lifetime } = host;
  const { status, refresh, lastRefresh } = usePairStatus(page, worker.status, lifetime);
  useRefreshOnChanges(page, refresh, lastRefresh, worker.subscribe, lifetime);
  const model = overlayModel(status);
  const hidden = hiddenOnAccount(page, status);
  useHostState(host, status, model.job, hidden);
  useRefreshWhileRunning(model.job === 'running', refresh, lifetime);

  if (hidden) return null;
  return (
    <section class="panel" data-tone={model.tone} aria-label={t('overlayTitle')} aria-live="polite">
      <PanelHeader onClose={host.onClose} />
      <p class="muted" data-field="record">
        {describePage(page)}
      </p>
      {status === null && <p class="muted">{t('overlayChecking')}</p>}
      {status && !status.ok && (
        <p class="error" role="alert" data-field="status">
          {errorText(status.error)}
        </p>
      )}
      {status?.ok && (
        <PairPanel status={status.value} model={model} page={page} worker={worker} host={host} refresh={refresh} />
      )}
    </section>
  );
}

function PanelHeader({ onClose }: { onClose: () => void }) {
  return (
    <header>
      <h2>{t('overlayTitle')}</h2>
      <button
        type="button"
        class="close"
        title={t('overlayDismiss')}
        aria-label={t('overlayDismiss')}
        onClick={(event) => event.isTrusted && onClose()}
      >
        ×
      </button>
    </header>
  );
}

/** Everything the panel says once the worker read the pair. */
function PairPanel({
  status,
  model,
  page,
  worker,
  host,
  refresh,
}: Props & { status: PairStatus; model: OverlayModel; refresh: () => void }) {
  const running = model.job === 'running';
  const { job } = status;
  const linked = Boolean(status.record && status.prospect && !status.linkProblem);
  const optedOut = Boolean(status.prospect?.optedOut || status.record?.hasOptedOutOfEmail);
  return (
    <>
      <Pair status={status} />
      <Notices status={status} running={running} canOptIn={model.canOptIn} openSettings={worker.openSettings} />
      {status.missing.length > 0 && <Missing parts={status.missing} outline={host.outline} />}
      {job && <JobProgress job={job} />}
      {job?.diagnostics && job.phase === 'failed' && (
        <Missing
          parts={job.diagnostics.part ? [job.diagnostics.part] : []}
          outline={job.diagnostics.outline ? async () => job.diagnostics?.outline ?? '' : host.outline}
        />
      )}
      {linked && optedOut && !running && <WhyAndWho loadWhy={worker.why} status={status} email={model.email} />}
      {model.canOptIn && <OptInOffer key={JSON.stringify(page)} offer={worker.offer} refresh={refresh} />}
    </>
  );
}
