import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AePart } from '../core/ae-parts';
import { AE_LABELS, matchesLabel } from '../core/labels';
import type { ErrorCode, JobView, PairStatus, Response } from '../core/messages';
import { overlayModel } from '../core/overlay-model';
import type { DetectedPage } from '../core/page-detect';
import { t } from './i18n';
import { JobProgress } from './JobProgress';
import { adviceKey, describePage, errorText, linkKey, partNames, yesNo } from './status';

interface Props {
  page: DetectedPage;
  /** `fresh`: after the admin's own action, read the pair now rather than as the worker read it lately. */
  loadStatus: (fresh?: boolean) => Promise<Response<PairStatus>>;
  /** Opens the confirmation window (an extension page), where the admin decides. */
  offer: () => Promise<Response<{ window: true } | { job: JobView }>>;
  subscribe: (listener: () => void) => () => void;
  onState: (state: string, job: string) => void;
  /** On AE pages: a sanitized outline of the page, for a bug report. */
  outline: (() => Promise<string>) | null;
  signal: AbortSignal;
  onClose: () => void;
  openSettings: () => void;
}

/** Problems the admin fixes in the extension's settings. */
const SETTINGS_FIX: ReadonlySet<ErrorCode> = new Set(['api-access-control', 'oauth-not-configured', 'oauth-failed']);

/** Refreshes caused by the page (its Save, the tab coming back) wait at least this long after the last. */
const PAGE_REFRESH_GAP_MS = 2_000;

export function Overlay({
  page,
  loadStatus,
  offer,
  subscribe,
  onState,
  outline,
  signal,
  onClose,
  openSettings,
}: Props) {
  const [status, setStatus] = useState<Response<PairStatus> | null>(null);
  // The confirmation window was opened from here (or why it could not be).
  const [offered, setOffered] = useState<{ error: ErrorCode | null } | null>(null);
  const inFlight = useRef(false);
  const again = useRef<{ fresh: boolean } | null>(null);
  const lastRefresh = useRef(0);

  // One status request at a time; a refresh asked for meanwhile runs once after it.
  const refresh = useCallback(
    (fresh = false) => {
      if (inFlight.current) {
        again.current = { fresh: fresh || Boolean(again.current?.fresh) };
        return;
      }
      inFlight.current = true;
      lastRefresh.current = Date.now();
      void loadStatus(fresh).then((reply) => {
        inFlight.current = false;
        if (signal.aborted) return;
        setStatus(reply);
        if (again.current) {
          const next = again.current;
          again.current = null;
          refresh(next.fresh);
        }
      });
    },
    [loadStatus, signal],
  );

  useEffect(() => {
    setStatus(null);
    setOffered(null);
    refresh();
    const unsubscribe = subscribe(refresh);
    // Refreshes the page causes are coalesced: at most one per gap, the last one always runs.
    let pending: ReturnType<typeof setTimeout> | null = null;
    const fromPage = (event: Event) => {
      // Only the admin's own actions count: a page script's events are not trusted and cost nothing.
      if (!event.isTrusted || document.visibilityState !== 'visible' || pending) return;
      const wait = Math.max(0, lastRefresh.current + PAGE_REFRESH_GAP_MS - Date.now());
      pending = setTimeout(() => {
        pending = null;
        refresh(true);
      }, wait);
    };
    // After the admin saves the record on the page, read the pair again.
    const onClick = (event: MouseEvent) => {
      const target = event.target instanceof Element ? event.target.closest('button, input[type="submit"]') : null;
      const text = target?.textContent || (target as HTMLInputElement | null)?.value || '';
      if (matchesLabel(text, [...AE_LABELS.save, ...AE_LABELS.saveProspect])) setTimeout(() => fromPage(event), 1500);
    };
    document.addEventListener('click', onClick, { capture: true, signal });
    document.addEventListener('visibilitychange', fromPage, { signal });
    return () => {
      unsubscribe();
      if (pending) clearTimeout(pending);
      document.removeEventListener('click', onClick, { capture: true });
      document.removeEventListener('visibilitychange', fromPage);
    };
  }, [page, refresh, subscribe, signal]);

  const value = status?.ok ? status.value : null;
  const model = overlayModel(status);
  const running = model.job === 'running';

  // On an Account page the worker decides: a person account gets the overlay, a business account
  // (or any Account, in an org without person accounts) nothing at all, not even while it asks.
  const hidden =
    page.kind === 'salesforce-record' &&
    page.object === 'Account' &&
    (status === null ||
      value?.problem === 'not-person-account' ||
      (!status.ok && status.error === 'not-person-account'));

  useEffect(() => {
    if (hidden) return onState(status === null ? 'loading' : 'hidden', 'idle');
    onState(status === null ? 'loading' : status.ok ? status.value.state : 'error', model.job);
    if (status?.ok && status.value.prospect && status.value.record) performance.mark('optout-sync-guard:status');
  }, [status, model.job, onState, hidden]);

  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => document.visibilityState === 'visible' && refresh(), 5000);
    return () => clearInterval(timer);
  }, [running, refresh]);

  if (hidden) return null;
  return (
    <section class="panel" data-tone={model.tone} aria-label={t('overlayTitle')} aria-live="polite">
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
      <p class="muted" data-field="record">
        {describePage(page)}
      </p>
      {status === null && <p class="muted">{t('overlayChecking')}</p>}
      {status && !status.ok && (
        <p class="error" role="alert" data-field="status">
          {errorText(status.error)}
        </p>
      )}
      {value && <Pair status={value} />}
      {value && <Notices status={value} running={running} canOptIn={model.canOptIn} openSettings={openSettings} />}
      {value && value.missing.length > 0 && <Missing parts={value.missing} outline={outline} />}
      {value?.job && <JobProgress job={value.job} />}
      {value?.job?.diagnostics && value.job.phase === 'failed' && (
        <Missing
          parts={value.job.diagnostics.part ? [value.job.diagnostics.part] : []}
          outline={value.job.diagnostics.outline ? async () => value.job?.diagnostics?.outline ?? '' : outline}
        />
      )}
      {model.canOptIn && (
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
      )}
      {model.canOptIn && offered && (
        <p class={offered.error ? 'error' : 'muted'} role="status" data-field="offered">
          {offered.error ? errorText(offered.error) : t('overlayConfirmInWindow')}
        </p>
      )}
    </section>
  );
}

/** Both sides of the pair as read: the overlay's, and the confirmation window's. */
export function Pair({ status }: { status: Pick<PairStatus, 'prospect' | 'record'> }) {
  const { prospect, record } = status;
  return (
    <dl class="pair">
      {prospect && (
        <div data-side="ae">
          <dt>
            {t('sideAe')} · {t('overlayProspect', String(prospect.id))} <Badge optedOut={prospect.optedOut} />
          </dt>
          {prospect.email && <dd class="email">{prospect.email}</dd>}
          <dd>
            {t('fieldOptedOut')}: <strong data-field="optedOut">{yesNo(prospect.optedOut)}</strong>
          </dd>
          {prospect.isDoNotEmail !== null && (
            <dd>
              {t('fieldDoNotEmail')}: <span data-field="isDoNotEmail">{yesNo(prospect.isDoNotEmail)}</span>
            </dd>
          )}
          {prospect.isEmailHardBounced !== null && (
            <dd>
              {t('fieldHardBounced')}: <span data-field="isEmailHardBounced">{yesNo(prospect.isEmailHardBounced)}</span>
            </dd>
          )}
          {prospect.salesforceLastSync && (
            <dd class="muted">
              {t('fieldLastSync')}: {new Date(prospect.salesforceLastSync).toLocaleString()}
            </dd>
          )}
          {prospect.source === 'none' && <dd class="muted">{t('aeNotRead')}</dd>}
        </div>
      )}
      {record && (
        <div data-side="salesforce">
          <dt>
            {t('sideSf')} · {t(record.object === 'Lead' ? 'overlayLead' : 'overlayContact', record.id)}{' '}
            <Badge optedOut={record.hasOptedOutOfEmail} />
          </dt>
          <dd>
            {t('fieldEmailOptOut')}: <strong data-field="hasOptedOutOfEmail">{yesNo(record.hasOptedOutOfEmail)}</strong>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** A side's state at a glance, in a word and an icon (overlay.css), not in colour alone. */
function Badge({ optedOut }: { optedOut: boolean | null }) {
  const state = optedOut === null ? 'unknown' : optedOut ? 'opted-out' : 'opted-in';
  const key = optedOut === null ? 'badgeUnknown' : optedOut ? 'badgeOptedOut' : 'badgeOptedIn';
  return (
    <span class="badge" data-badge={state}>
      {t(key)}
    </span>
  );
}

/** A long explanation, folded behind "Why?" when the one action is already on the panel. */
function Why({ folded, children }: { folded: boolean; children: ComponentChildren }) {
  if (!folded) return <>{children}</>;
  return (
    <details class="why">
      <summary>{t('overlayWhy')}</summary>
      {children}
    </details>
  );
}

function Notices({
  status,
  running,
  canOptIn,
  openSettings,
}: {
  status: PairStatus;
  running: boolean;
  /** The opt-in button is on the panel: the advice behind it is folded. */
  canOptIn: boolean;
  openSettings: () => void;
}) {
  const link = linkKey(status);
  const optedOut = status.prospect?.optedOut || status.record?.hasOptedOutOfEmail;
  const advice = adviceKey(status);
  return (
    <div class="notices">
      {status.problem && (
        <p class="error" role="alert" data-field="problem">
          {errorText(status.problem)}
        </p>
      )}
      {status.problem && SETTINGS_FIX.has(status.problem) && (
        <p>
          <button type="button" data-action="open-settings" onClick={(event) => event.isTrusted && openSettings()}>
            {t('overlayOpenSettings')}
          </button>
        </p>
      )}
      {status.pageOutdated && (
        <p data-field="outdated">
          {t('overlayPageOutdated')}{' '}
          <button type="button" onClick={(event) => event.isTrusted && location.reload()}>
            {t('overlayReload')}
          </button>
        </p>
      )}
      {link && <p data-field="link">{t(link)}</p>}
      {!link && optedOut && advice && (
        <Why folded={canOptIn}>
          <p data-field="advice">{t(advice)}</p>
        </Why>
      )}
      {!link && !running && status.prospect?.optedOut === false && status.record?.hasOptedOutOfEmail === false && (
        <p data-field="advice">{t('optedInBoth')}</p>
      )}
      {status.stillUnmailable.includes('do-not-email') && <p data-field="unmailable">{t('unmailableDoNotEmail')}</p>}
      {status.stillUnmailable.includes('hard-bounced') && <p data-field="unmailable">{t('unmailableHardBounced')}</p>}
    </div>
  );
}

/** What the extension could not find on this page, and the outline that lets a maintainer learn it. */
function Missing({ parts, outline }: { parts: AePart[]; outline: (() => Promise<string>) | null }) {
  const [copied, setCopied] = useState(false);
  const copy = async (event: MouseEvent) => {
    if (!event.isTrusted || !outline) return;
    await navigator.clipboard.writeText(await outline());
    setCopied(true);
  };
  return (
    <div class="missing" data-field="missing">
      {parts.length > 0 && <p>{t('overlayMissing', partNames(parts))}</p>}
      {outline && (
        <p>
          <button type="button" data-action="copy-outline" onClick={copy}>
            {t('overlayCopyOutline')}
          </button>{' '}
          {copied && <span role="status">{t('overlayOutlineCopied')}</span>}
        </p>
      )}
      {outline && (
        <Why folded>
          <p class="muted">{t('overlayOutlineHelp')}</p>
        </Why>
      )}
    </div>
  );
}
