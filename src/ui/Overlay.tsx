import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AePart } from '../core/ae-parts';
import { AE_LABELS, matchesLabel } from '../core/labels';
import type { ErrorCode, JobView, PairStatus, PairWhy, Response } from '../core/messages';
import { type OverlayModel, overlayModel } from '../core/overlay-model';
import type { DetectedPage } from '../core/page-detect';
import { t } from './i18n';
import { JobProgress } from './JobProgress';
import { adviceKey, describePage, errorText, linkKey, partNames, undoneText, yesNo } from './status';

interface Props {
  page: DetectedPage;
  /** `fresh`: after the admin's own action, read the pair now rather than as the worker read it lately. */
  loadStatus: (fresh?: boolean) => Promise<Response<PairStatus>>;
  /**
   * How the pair got opted out, earlier opt-ins and who undid the last one: the worker reads them.
   * `history`: the admin unfolded the history, which needs the AE page's activity list read too.
   */
  loadWhy: (history: boolean) => Promise<Response<PairWhy>>;
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

/** The pair's status as the worker reads it: one request at a time, a refresh asked for meanwhile runs once after it. */
function usePairStatus(page: DetectedPage, loadStatus: Props['loadStatus'], signal: AbortSignal) {
  const [status, setStatus] = useState<Response<PairStatus> | null>(null);
  const inFlight = useRef(false);
  const again = useRef<{ fresh: boolean } | null>(null);
  const lastRefresh = useRef(0);
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
  // A new page starts from "Checking…".
  useEffect(() => setStatus(null), [page]);
  return { status, refresh, lastRefresh };
}

/**
 * Reads the pair again when the worker says it changed, and after the admin's own Save on the page
 * or return to the tab (coalesced: at most one per gap, the last one always runs).
 */
function useRefreshOnChanges(
  page: DetectedPage,
  refresh: (fresh?: boolean) => void,
  lastRefresh: { current: number },
  subscribe: Props['subscribe'],
  signal: AbortSignal,
) {
  useEffect(() => {
    refresh();
    const unsubscribe = subscribe(refresh);
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
  }, [page, refresh, subscribe, signal, lastRefresh]);
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

export function Overlay(props: Props) {
  const { page, signal, onState } = props;
  const { status, refresh, lastRefresh } = usePairStatus(page, props.loadStatus, signal);
  useRefreshOnChanges(page, refresh, lastRefresh, props.subscribe, signal);
  const value = status?.ok ? status.value : null;
  const model = overlayModel(status);
  const running = model.job === 'running';
  const hidden = hiddenOnAccount(page, status);

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
      <PanelHeader onClose={props.onClose} />
      <p class="muted" data-field="record">
        {describePage(page)}
      </p>
      {status === null && <p class="muted">{t('overlayChecking')}</p>}
      {status && !status.ok && (
        <p class="error" role="alert" data-field="status">
          {errorText(status.error)}
        </p>
      )}
      {value && <PairPanel status={value} model={model} props={props} refresh={refresh} />}
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
  props,
  refresh,
}: {
  status: PairStatus;
  model: OverlayModel;
  props: Props;
  refresh: () => void;
}) {
  const running = model.job === 'running';
  const { job } = status;
  const linked = Boolean(status.record && status.prospect && !status.linkProblem);
  const optedOut = Boolean(status.prospect?.optedOut || status.record?.hasOptedOutOfEmail);
  return (
    <>
      <Pair status={status} />
      <Notices status={status} running={running} canOptIn={model.canOptIn} openSettings={props.openSettings} />
      {status.missing.length > 0 && <Missing parts={status.missing} outline={props.outline} />}
      {job && <JobProgress job={job} />}
      {job?.diagnostics && job.phase === 'failed' && (
        <Missing
          parts={job.diagnostics.part ? [job.diagnostics.part] : []}
          outline={job.diagnostics.outline ? async () => job.diagnostics?.outline ?? '' : props.outline}
        />
      )}
      {linked && optedOut && !running && <WhyAndWho loadWhy={props.loadWhy} status={status} email={model.email} />}
      {model.canOptIn && <OptInOffer key={JSON.stringify(props.page)} offer={props.offer} refresh={refresh} />}
    </>
  );
}

/** The one action: open the confirmation window (or say why it could not open). */
function OptInOffer({ offer, refresh }: { offer: Props['offer']; refresh: () => void }) {
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
function WhyAndWho({ loadWhy, status, email }: { loadWhy: Props['loadWhy']; status: PairStatus; email: string }) {
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
